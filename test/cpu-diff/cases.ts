// Random test cases: a random initial register and flag state, a random window of the image's
// random table copied to the scratch area, and 1-6 instructions from the families below. The
// generator tracks which status flags are undefined (Intel SDM) so that no instruction reads
// an undefined flag and the final comparison masks exactly the undefined ones.
import { aluBinary, aluUnary } from "./family-alu.ts";
import { bitScan, bitTest } from "./family-bits.ts";
import { branch, decimalAdjust, exception, transfer } from "./family-control.ts";
import { portIo } from "./family-io.ts";
import { lea } from "./family-lea.ts";
import { divide, multiply } from "./family-muldiv.ts";
import { conditional, exchange, extend, flagOps, misc, move } from "./family-move.ts";
import { doubleShift, shiftRotate } from "./family-shift.ts";
import { stack } from "./family-stack.ts";
import { stringOp } from "./family-string.ts";
import { DF, STATUS } from "./flags.ts";
import { GPR32, Gen, SCRATCH_SIZE, type Insn, type Reg32 } from "./gen-context.ts";
import { Prng } from "./prng.ts";

export interface Family {
  name: string;
  weight: number;
  make: (g: Gen) => Insn;
}

export const FAMILIES: readonly Family[] = [
  { name: "alu", weight: 10, make: aluBinary },
  { name: "unary", weight: 4, make: aluUnary },
  { name: "shift", weight: 8, make: shiftRotate },
  { name: "shld/shrd", weight: 4, make: doubleShift },
  { name: "mul", weight: 4, make: multiply },
  { name: "div", weight: 4, make: divide },
  { name: "bt", weight: 4, make: bitTest },
  { name: "bsf/bsr", weight: 3, make: bitScan },
  { name: "mov", weight: 3, make: move },
  { name: "movzx/movsx", weight: 3, make: extend },
  { name: "xchg/cmpxchg/xadd/bswap", weight: 5, make: exchange },
  { name: "setcc/cmovcc", weight: 5, make: conditional },
  { name: "flag ops", weight: 2, make: flagOps },
  { name: "lea", weight: 5, make: lea },
  { name: "stack", weight: 5, make: stack },
  { name: "string", weight: 5, make: stringOp },
  { name: "branch/loop", weight: 3, make: branch },
  { name: "bcd", weight: 2, make: decimalAdjust },
  { name: "exception", weight: 2, make: exception },
  { name: "jmp/call/ret/iret", weight: 3, make: transfer },
  { name: "nop/pause/segment moves", weight: 2, make: misc },
  { name: "in/out/ins/outs", weight: 2, make: portIo },
];

/** The image's table of random bytes that each case copies a window of into its scratch area. */
export const TABLE_SIZE = 4096;

export interface TestCase {
  index: number;
  /** Initial values of every general register except ESP. */
  regs: Record<Exclude<Reg32, "esp">, number>;
  /** Initial EFLAGS (status flags, DF, bit 1). */
  eflags: number;
  /** Offset into the random table of the 512 bytes copied to the scratch area. */
  tableOffset: number;
  families: string[];
  insns: Insn[];
  /** Status flags undefined at the end of the case. */
  undefinedFlags: number;
  /** Registers undefined at the end of the case. */
  undefinedRegs: Reg32[];
}

function pickFamily(rng: Prng, families: readonly Family[]): Family {
  const total = families.reduce((a, f) => a + f.weight, 0);
  let n = rng.int(0, total - 1);
  for (const f of families) {
    n -= f.weight;
    if (n < 0) return f;
  }
  return families[families.length - 1]!;
}

export function generateCase(rng: Prng, index: number, families: readonly Family[] = FAMILIES, codeSize: 16 | 32 = 32): TestCase {
  const g = new Gen(rng, index, codeSize);
  const regs = {} as Record<Exclude<Reg32, "esp">, number>;
  for (const r of GPR32) regs[r as Exclude<Reg32, "esp">] = rng.interesting(32);
  const eflags = (rng.u32() & STATUS) | (rng.chance(0.1) ? DF : 0) | 2;
  const tableOffset = rng.int(0, (TABLE_SIZE - SCRATCH_SIZE) / 4) * 4;
  const length = rng.int(1, 6);
  const insns: Insn[] = [];
  const names: string[] = [];
  let undefinedFlags = 0;
  const undefinedRegs: Reg32[] = [];
  for (let attempts = 0; insns.length < length && attempts < 100; attempts++) {
    const family = pickFamily(rng, families);
    const espBefore = g.esp;
    const insn = family.make(g);
    if ((insn.reads & undefinedFlags) !== 0) {
      g.esp = espBefore; // rejected: it would read a flag the manual leaves undefined
      continue;
    }
    insns.push(insn);
    names.push(family.name);
    undefinedFlags = (undefinedFlags & ~insn.defines) | insn.undefines;
    undefinedRegs.push(...(insn.undefinedRegs ?? []));
    if (insn.terminal === true) break;
  }
  return { index, regs, eflags, tableOffset, families: names, insns, undefinedFlags, undefinedRegs };
}

export function generateCases(seed: number, count: number, families: readonly Family[] = FAMILIES, codeSize: 16 | 32 = 32): TestCase[] {
  const rng = new Prng(seed);
  return Array.from({ length: count }, (_, i) => generateCase(rng, i, families, codeSize));
}

/**
 * The families that can run in a 16-bit code segment: all but near/far transfers through
 * absolute addresses (labels are linked at 1 MiB, beyond a 16-bit offset).
 */
export const FAMILIES_16: readonly Family[] = FAMILIES.filter((f) => f.name !== "jmp/call/ret/iret");
