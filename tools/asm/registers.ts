// The register names AT&T syntax writes after `%`, with their class and encoding number.

export type RegClass = "gpr8" | "gpr16" | "gpr32" | "sreg" | "creg" | "dreg" | "fpu";

export interface Register {
  name: string;
  cls: RegClass;
  num: number; // the 3-bit number that goes into ModRM / the opcode
}

const table = new Map<string, Register>();
const add = (cls: RegClass, names: string[]): void => {
  names.forEach((name, num) => {
    if (name !== "") table.set(name, { name, cls, num });
  });
};
add("gpr8", ["al", "cl", "dl", "bl", "ah", "ch", "dh", "bh"]);
add("gpr16", ["ax", "cx", "dx", "bx", "sp", "bp", "si", "di"]);
add("gpr32", ["eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"]);
add("sreg", ["es", "cs", "ss", "ds", "fs", "gs"]);
add("creg", ["cr0", "cr1", "cr2", "cr3", "cr4", "cr5", "cr6", "cr7"]);
add("dreg", ["db0", "db1", "db2", "db3", "db4", "db5", "db6", "db7"].map((n) => n.replace("db", "dr")));

export function lookupRegister(name: string): Register | undefined {
  return table.get(name);
}

/** The x87 stack register `%st(n)` (`%st` alone is `%st(0)`). */
export function fpuRegister(n: number): Register {
  return { name: `st(${n})`, cls: "fpu", num: n };
}

/** Width in bits of a general register, 0 for the others. */
export function registerSize(r: Register): 0 | 8 | 16 | 32 {
  return r.cls === "gpr8" ? 8 : r.cls === "gpr16" ? 16 : r.cls === "gpr32" ? 32 : 0;
}

/** Segment override prefix bytes, indexed by segment register number. */
export const SEGMENT_PREFIX = [0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65];
