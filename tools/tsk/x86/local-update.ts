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

/**
 * `x = x OP <anything>` and, for commutative OPs, `x = <anything> OP x`: with the right side
 * already on the value stack, the op at `pc` followed by `local.set x` becomes one
 * instruction on x's home. Returns whether it compiled both ops.
 */
export function tryUpdateInPlace(ctx: FunctionContext, pc: number): boolean {
  const op = ctx.fn.body[pc];
  const set = ctx.fn.body[pc + 1];
  if (op === undefined || set?.op !== "local.set" || !("ty" in op) || op.ty === "i64" || op.ty === "u64") return false;
  const { vs } = ctx;
  if (vs.depth < 2) return false;
  const home = ctx.frame.localHome[set.index];
  if (home === undefined) return false;
  // imul writes only registers: x *= y in place when x lives in one.
  const mnemonic = op.op === "mul" && home.kind === "reg" ? "imull" : UPDATE[op.op as BinaryOp];
  if (mnemonic === undefined) return false;
  const isHome = (e: ReturnType<typeof vs.peek>): boolean => e.local === set.index && e.cc === null && JSON.stringify(e.lo) === JSON.stringify(home);
  let target = vs.peek(1), other = vs.peek(0);
  if (!isHome(target)) {
    if (op.op === "sub" || !isHome(other)) return false;
    [target, other] = [other, target];
  }
  if (isHome(other)) return false; // x = x OP x: the general path handles it
  // Other stack entries still naming x get their own copy; the operand pair itself is consumed here.
  target.local = null;
  vs.detachLocal(set.index);
  let src = vs.source(other);
  if (src.kind === "mem" && home.kind === "mem") {
    const t = vs.intoTemp(other);
    src = { kind: "reg", reg: t };
  }
  if (mnemonic === "imull" && src.kind === "imm") ctx.emit(`imull ${fmt(src)}, ${fmt(home)}, ${fmt(home)}`);
  else if (mnemonic === "imull" && src.kind === "symaddr") {
    const t = vs.intoTemp(other);
    ctx.emit(`imull %${t}, ${fmt(home)}`);
  } else ctx.emit(`${mnemonic} ${fmt(src)}, ${fmt(home)}`);
  vs.pop();
  vs.pop();
  return true;
}
