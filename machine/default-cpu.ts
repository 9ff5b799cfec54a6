// The CPU implementation Machine.create uses when the caller passes no factory. Kept in its
// own file so the seam between the platform and the interpreter (machine/cpu/) is one line.
export { createCpu as defaultCpuFactory } from "./cpu/index.ts";
