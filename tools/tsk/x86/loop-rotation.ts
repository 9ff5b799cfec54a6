// Loop rotation: a loop's back edge `br head` normally jumps to the head's exit test, which
// then jumps again into the body or out. When the head's test is short and pure, the back
// edge repeats the test itself and branches straight into the body, falling through to the
// exit: one jump per iteration instead of two. Only pure ops are repeated (locals,
// constants, addresses, arithmetic without traps, compares, non-volatile loads), so
// running them at the end of an iteration instead of the start of the next changes nothing.
import type { Insn, KbcFunction, LabelId } from "../kbc/types.ts";

export interface LoopHead {
  /** Index of the ops of the test: body[first .. brIf-1]; body[brIf] is the exit br_if. */
  first: number;
  brIf: number;
  exit: LabelId;
}

const MAX_TEST_OPS = 8;

function pure(insn: Insn): boolean {
  switch (insn.op) {
    case "local.get": case "const": case "global.addr": case "slot.addr":
    case "add": case "sub": case "mul": case "and": case "or": case "xor": case "shl": case "shr":
    case "eq": case "ne": case "lt": case "le": case "gt": case "ge": case "eqz": case "narrow":
    case "extend": case "wrap":
      return true;
    case "load":
      return insn.volatile !== true;
    default:
      return false;
  }
}

/** Labels whose code begins with a short pure test and a conditional exit. */
export function findLoopHeads(fn: KbcFunction): Map<LabelId, LoopHead> {
  const heads = new Map<LabelId, LoopHead>();
  fn.body.forEach((insn, pc) => {
    if (insn.op !== "label") return;
    for (let k = pc + 1; k < fn.body.length && k <= pc + 1 + MAX_TEST_OPS; k++) {
      const op = fn.body[k]!;
      if (op.op === "br_if") {
        if (k > pc + 1) heads.set(insn.id, { first: pc + 1, brIf: k, exit: op.target });
        return;
      }
      if (!pure(op)) return;
    }
  });
  return heads;
}
