// Where a judge is known to be wrong. Each entry was found by this differential test (v86 and
// QEMU disagreeing) and decided with the Intel SDM; matching cases are left out of that
// judge's image, it is not used as their reference, and not part of the judges-agree check.
import type { TestCase } from "./cases.ts";

export type JudgeName = "v86" | "qemu";

export interface JudgeDeviation {
  judge: JudgeName;
  /** What the judge does, and what the SDM says instead. */
  reason: string;
  applies(c: TestCase): boolean;
}

function hasLine(c: TestCase, pattern: RegExp): boolean {
  return c.insns.some((i) => i.lines.some((l) => pattern.test(l)));
}

export const JUDGE_DEVIATIONS: readonly JudgeDeviation[] = [
  {
    judge: "v86",
    reason: "v86 0.5.462 BOUND never raises #BR for an index outside the bounds (SDM vol. 2, BOUND: #BR(0) if out of range)",
    applies: (c) => hasLine(c, /^bound /),
  },
  {
    judge: "v86",
    reason:
      "v86 0.5.462 ENTER with a nesting level >= 1 does not store FrameTemp (and the copied frame pointers) where the SDM says " +
      "(SDM vol. 2, ENTER: copies of [EBP-4*i] for i = 1..level-1 are pushed, then FrameTemp)",
    applies: (c) => hasLine(c, /^enter \$\d+, \$[1-9]/),
  },
  {
    judge: "v86",
    reason: "v86 0.5.462 ignores a LOCK prefix on instructions that cannot be locked instead of raising #UD (SDM vol. 2, LOCK)",
    applies: (c) => hasLine(c, /LOCK on a register-only|LOCK NOP/),
  },
  {
    judge: "v86",
    reason: "v86 0.5.462 executes BOUND with a register second operand instead of raising #UD (SDM vol. 2, BOUND)",
    applies: (c) => hasLine(c, /BOUND with a register operand/),
  },
  {
    judge: "qemu",
    reason:
      "QEMU 7.2 TCG CMPXCHG8B can leave EFLAGS holding an unrelated value (seen: a register's value, with TF and IF set) " +
      "(SDM vol. 2, CMPXCHG8B: only ZF is affected)",
    applies: (c) => hasLine(c, /cmpxchg8b /),
  },
];

export function deviationsFor(c: TestCase, judge: JudgeName): JudgeDeviation[] {
  return JUDGE_DEVIATIONS.filter((d) => d.judge === judge && d.applies(c));
}
