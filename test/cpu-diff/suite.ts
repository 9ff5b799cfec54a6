// The fixed set of generated images every CI run checks. CPU_DIFF_SEED=n shifts all seeds to
// explore other cases locally (a failure prints its seed and case, so it can be replayed).
import { FAMILIES_16, generateCases, type TestCase } from "./cases.ts";
import { AF, CF, OF, PF, SF, ZF } from "./flags.ts";
import type { Insn } from "./gen-context.ts";

export interface DiffImageSpec {
  seed: number;
  cases: number;
  /** Runs of each case (see ImageOptions.repeat): 1 = interpreter, 50 = past the block compiler's threshold. */
  repeat: number;
  /** The code segment's default operand/address size (see ImageOptions.codeSize). */
  codeSize: 16 | 32;
  /** Paging on (see ImageOptions.paging). */
  paging: boolean;
}

const BASE_SEED = Number(process.env.CPU_DIFF_SEED ?? 0) >>> 0;

/**
 * 2,800 cases per run: four images of 600 cases in a 32-bit code segment and two of 200 in a
 * 16-bit one (the 64 KiB segment holds no more). Half the images run each case once, the
 * other half 50 times, so that our CPU's compiled-block path is what gets compared; half run
 * with paging on.
 */
export const DIFF_IMAGES: readonly DiffImageSpec[] = [
  { n: 1, cases: 600, repeat: 1, codeSize: 32, paging: false },
  { n: 2, cases: 600, repeat: 1, codeSize: 32, paging: true },
  { n: 3, cases: 600, repeat: 50, codeSize: 32, paging: false },
  { n: 4, cases: 600, repeat: 50, codeSize: 32, paging: true },
  { n: 5, cases: 200, repeat: 1, codeSize: 16, paging: true },
  { n: 6, cases: 200, repeat: 50, codeSize: 16, paging: false },
].map(({ n, ...rest }) => ({ seed: (BASE_SEED + n) >>> 0, ...rest }) as DiffImageSpec);

/**
 * Cases that once found a bug, kept whatever the generator becomes: appended to the first
 * image. Registers not given start at 0; the memory window is the table's start.
 */
const PINNED: { why: string; regs: Partial<TestCase["regs"]>; eflags: number; insn: Insn }[] = [
  {
    why: "AAS with AL = 0 and AF = 1 borrows from AH through AX - 6 (SDM: AX <- AX - 6; AH <- AH - 1)",
    regs: { eax: 0x7e710f1c },
    eflags: 0x17,
    insn: { lines: ["movb $0x0, %al", "aas"], reads: AF, defines: AF | CF, undefines: OF | SF | ZF | PF },
  },
  {
    why: "AAA with AL = 0xfa and AF = 0 adjusts (low nibble > 9) and carries into AH through AX + 0x106",
    regs: { eax: 0x000012fa },
    eflags: 0x02,
    insn: { lines: ["aaa"], reads: AF, defines: AF | CF, undefines: OF | SF | ZF | PF },
  },
];

function pinnedCases(firstIndex: number): TestCase[] {
  return PINNED.map((p, i) => ({
    index: firstIndex + i,
    regs: { eax: 0, ecx: 0, edx: 0, ebx: 0, ebp: 0, esi: 0, edi: 0, ...p.regs },
    eflags: p.eflags,
    tableOffset: 0,
    families: [`pinned: ${p.why}`],
    insns: [p.insn],
    undefinedFlags: p.insn.undefines,
    undefinedRegs: [],
  }));
}

export function casesForImage(spec: DiffImageSpec): TestCase[] {
  const cases = spec.codeSize === 16 ? generateCases(spec.seed, spec.cases, FAMILIES_16, 16) : generateCases(spec.seed, spec.cases);
  return spec === DIFF_IMAGES[0] ? [...cases, ...pinnedCases(cases.length)] : cases;
}
