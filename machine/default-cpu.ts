// The CPU implementation Machine.create uses when the caller passes no factory. Kept in its
// own file so the seam between the platform and the interpreter (machine/cpu/) is one line.
import type { CpuFactory } from "./cpu/interface.ts";
import { MachineConfigError } from "./config.ts";

export const defaultCpuFactory: CpuFactory = () => {
  throw new MachineConfigError("this build has no CPU implementation yet (machine/cpu/index.ts createCpu)");
};
