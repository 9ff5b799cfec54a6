// The read-modify-write pattern `x = x OP y` (local.get x; const c | local.get y; OP;
// local.set x) compiled to one instruction on x's home, `addl $1, %ebx`, instead of a
// copy into a scratch register and back. Loop counters and accumulators are mostly this.
import type { BinaryOp, Insn } from "../kbc/types.ts";
import type { FunctionContext } from "./context.ts";
import { fmt, imm, type Operand } from "./operands.ts";

const UPDATE: Partial<Record<BinaryOp, string>> = { add: "addl", sub: "subl", and: "andl", or: "orl", xor: "xorl" };

/** Compile the pattern starting at `pc` if it is there; returns how many ops it consumed. */
export function tryLocalUpdate(ctx: FunctionContext, pc: number): number {
  const body = ctx.fn.body;
  const [get, operand, op, set] = [body[pc], body[pc + 1], body[pc + 2], body[pc + 3]] as (Insn | undefined)[];
  if (get?.op !== "local.get" || set?.op !== "local.set" || get.index !== set.index) return 0;
  if (op === undefined || !(op.op in UPDATE) || !("ty" in op) || op.ty === "i64" || op.ty === "u64") return 0;
  const home = ctx.frame.localHome[get.index];
  if (home === undefined || ctx.fn.locals[get.index] === "i64" || ctx.fn.locals[get.index] === "u64") return 0;
  let src: Operand;
  if (operand?.op === "const" && (operand.ty === "i32" || operand.ty === "u32")) src = imm(Number(BigInt.asIntN(32, operand.value)));
  else if (operand?.op === "local.get" && operand.index !== get.index) {
    const other = ctx.frame.localHome[operand.index];
    const ty = ctx.fn.locals[operand.index];
    if (other === undefined || ty === "i64" || ty === "u64") return 0;
    src = other;
  } else return 0;

  const { vs } = ctx;
  vs.detachLocal(get.index);
  if (src.kind === "mem" && home.kind === "mem") {
    const t = vs.allocTemp();
    vs.load(src, t);
    src = { kind: "reg", reg: t };
  }
  const mnemonic = UPDATE[op.op as BinaryOp]!;
  if (!(src.kind === "imm" && src.value === 0 && mnemonic !== "andl")) ctx.emit(`${mnemonic} ${fmt(src)}, ${fmt(home)}`);
  return 4;
}
