// 64-bit arithmetic on register pairs (low half, high half): add/adc, sub/sbb, bitwise ops
// per half, multiplication from 32x32 partial products, shld/shrd shifts with the count-32
// fix-up, division through runtime helpers, and compares that leave their answer in EFLAGS.
import { isSigned, type BinaryOp, type CompareOp, type KType } from "../kbc/types.ts";
import { condition } from "./arith32.ts";
import { emitCall } from "./calls.ts";
import { fail, type FunctionContext } from "./context.ts";
import { fmt, imm, reg, type Operand } from "./operands.ts";
import type { Entry } from "./value-stack.ts";

const MASK64 = (1n << 64n) - 1n;

/** The runtime's 64-bit division helpers (tools/tsk/runtime/int64-divide.S). */
export const DIVIDE_HELPERS = {
  div: { signed: "__tsk_divi64", unsigned: "__tsk_divu64" },
  rem: { signed: "__tsk_remi64", unsigned: "__tsk_remu64" },
} as const;

function constValue(e: Entry): bigint | undefined {
  if (e.cc !== null || e.lo.kind !== "imm" || e.hi?.kind !== "imm") return undefined;
  return (BigInt(e.hi.value >>> 0) << 32n) | BigInt(e.lo.value >>> 0);
}

export function const64(value: bigint): [Operand, Operand] {
  const v = BigInt.asUintN(64, value);
  return [imm(Number(v & 0xffffffffn)), imm(Number(v >> 32n))];
}

function replaceTop(ctx: FunctionContext, count: number, ty: KType, lo: Operand, hi: Operand): void {
  for (let i = 0; i < count; i++) ctx.vs.pop();
  ctx.vs.push64(ty, lo, hi);
}

function fold64(op: BinaryOp, ty: KType, a: bigint, b: bigint): bigint | undefined {
  const signed = isSigned(ty);
  const sa = BigInt.asIntN(64, a), sb = BigInt.asIntN(64, b);
  switch (op) {
    case "add": return (a + b) & MASK64;
    case "sub": return (a - b) & MASK64;
    case "mul": return (a * b) & MASK64;
    case "and": return a & b;
    case "or": return a | b;
    case "xor": return a ^ b;
    case "shl": return (a << (b & 63n)) & MASK64;
    case "shr": return signed ? BigInt.asUintN(64, sa >> (b & 63n)) : a >> (b & 63n);
    case "div":
    case "rem":
      if (b === 0n || (signed && sa === -(1n << 63n) && sb === -1n)) return undefined;
      if (signed) return BigInt.asUintN(64, op === "div" ? sa / sb : sa % sb);
      return op === "div" ? a / b : a % b;
  }
}

const PAIR_OPS: Partial<Record<BinaryOp, [string, string]>> = {
  add: ["addl", "adcl"],
  sub: ["subl", "sbbl"],
  and: ["andl", "andl"],
  or: ["orl", "orl"],
  xor: ["xorl", "xorl"],
};

export function binary64(ctx: FunctionContext, op: BinaryOp, ty: KType): void {
  const { vs } = ctx;
  let b = vs.peek(0);
  let a = vs.peek(1);
  const ca = constValue(a), cb = constValue(b);
  if (ca !== undefined && cb !== undefined) {
    const v = fold64(op, ty, ca, cb);
    if (v !== undefined) return replaceTop(ctx, 2, ty, ...const64(v));
  }
  const pair = PAIR_OPS[op];
  if (pair !== undefined) {
    if (op !== "sub" && ca !== undefined) [a, b] = [b, a];
    const [rl, rh] = vs.intoTemp64(a);
    ctx.emit(`${pair[0]} ${fmt(b.lo)}, %${rl}`);
    ctx.emit(`${pair[1]} ${fmt(b.hi!)}, %${rh}`);
    return replaceTop(ctx, 2, ty, reg(rl), reg(rh));
  }
  switch (op) {
    case "mul":
      return multiply64(ctx, ty, a, b);
    case "shl":
    case "shr":
      return shift64(ctx, op, ty, a, b);
    case "div":
    case "rem": {
      const helper = DIVIDE_HELPERS[op][isSigned(ty) ? "signed" : "unsigned"];
      return emitCall(ctx, [ty, ty], { symbol: helper }, ty);
    }
    default:
      fail(ctx, `no 64-bit lowering for ${op}`);
  }
}

/** (a_hi·2^32 + a_lo)(b_hi·2^32 + b_lo) mod 2^64 = a_lo·b_lo + 2^32(a_hi·b_lo + a_lo·b_hi). */
function multiply64(ctx: FunctionContext, ty: KType, a: Entry, b: Entry): void {
  const { vs } = ctx;
  vs.claim("eax");
  vs.claim("ecx");
  vs.claim("edx");
  const mulBy = (factor: Operand, r: string): void => {
    if (factor.kind === "imm") ctx.emit(`imull ${fmt(factor)}, %${r}, %${r}`);
    else ctx.emit(`imull ${fmt(factor)}, %${r}`);
  };
  vs.load(a.hi!, "ecx");
  mulBy(b.lo, "ecx");
  vs.load(b.hi!, "eax");
  mulBy(a.lo, "eax");
  ctx.emit("addl %eax, %ecx");
  vs.load(a.lo, "eax");
  if (b.lo.kind === "imm") {
    vs.load(b.lo, "edx");
    ctx.emit("mull %edx");
  } else {
    ctx.emit(`mull ${fmt(b.lo)}`);
  }
  ctx.emit("addl %ecx, %edx");
  replaceTop(ctx, 2, ty, reg("eax"), reg("edx"));
}

function shift64(ctx: FunctionContext, op: "shl" | "shr", ty: KType, a: Entry, b: Entry): void {
  const { vs } = ctx;
  const arithmetic = op === "shr" && isSigned(ty);
  if (b.cc === null && b.lo.kind === "imm") {
    const count = b.lo.value & 63;
    if (count === 0) return void vs.pop();
    const [lo, hi] = vs.intoTemp64(a);
    if (op === "shl") {
      if (count < 32) {
        ctx.emit(`shldl $${count}, %${lo}, %${hi}`);
        ctx.emit(`shll $${count}, %${lo}`);
      } else {
        ctx.emit(`movl %${lo}, %${hi}`);
        if (count > 32) ctx.emit(`shll $${count - 32}, %${hi}`);
        ctx.emit(`xorl %${lo}, %${lo}`);
      }
    } else if (count < 32) {
      ctx.emit(`shrdl $${count}, %${hi}, %${lo}`);
      ctx.emit(`${arithmetic ? "sarl" : "shrl"} $${count}, %${hi}`);
    } else {
      ctx.emit(`movl %${hi}, %${lo}`);
      if (count > 32) ctx.emit(`${arithmetic ? "sarl" : "shrl"} $${count - 32}, %${lo}`);
      if (arithmetic) ctx.emit(`sarl $31, %${hi}`);
      else ctx.emit(`xorl %${hi}, %${hi}`);
    }
    return replaceTop(ctx, 2, ty, reg(lo), reg(hi));
  }
  // Variable count: only its low 6 bits matter. The double shifts use count mod 32; bit 5
  // of the count then moves one half into the other.
  vs.intoTemp(b, "ecx");
  const [lo, hi] = vs.intoTemp64(a);
  const done = ctx.module.newLabel("shift_done");
  if (op === "shl") {
    ctx.emit(`shldl %cl, %${lo}, %${hi}`);
    ctx.emit(`shll %cl, %${lo}`);
    ctx.emit("testb $32, %cl");
    ctx.emit(`je ${done}`);
    ctx.emit(`movl %${lo}, %${hi}`);
    ctx.emit(`xorl %${lo}, %${lo}`);
  } else {
    ctx.emit(`shrdl %cl, %${hi}, %${lo}`);
    ctx.emit(`${arithmetic ? "sarl" : "shrl"} %cl, %${hi}`);
    ctx.emit("testb $32, %cl");
    ctx.emit(`je ${done}`);
    ctx.emit(`movl %${hi}, %${lo}`);
    if (arithmetic) ctx.emit(`sarl $31, %${hi}`);
    else ctx.emit(`xorl %${hi}, %${hi}`);
  }
  ctx.emit(`${done}:`);
  replaceTop(ctx, 2, ty, reg(lo), reg(hi));
}

export function compare64(ctx: FunctionContext, op: CompareOp, ty: KType): void {
  const { vs } = ctx;
  let b = vs.peek(0);
  let a = vs.peek(1);
  let cc = condition(op, isSigned(ty));
  if (op === "eq" || op === "ne") {
    const [rl, rh] = vs.intoTemp64(a);
    ctx.emit(`xorl ${fmt(b.lo)}, %${rl}`);
    ctx.emit(`xorl ${fmt(b.hi!)}, %${rh}`);
    ctx.emit(`orl %${rh}, %${rl}`);
  } else {
    // a - b computed across both halves (cmp, then sbb on the high half) sets SF/OF/CF as a
    // 64-bit compare would for "less than" and "greater or equal"; > and <= swap the sides.
    if (op === "gt" || op === "le") {
      [a, b] = [b, a];
      cc = op === "gt" ? condition("lt", isSigned(ty)) : condition("ge", isSigned(ty));
    }
    const [rl, rh] = vs.intoTemp64(a);
    ctx.emit(`cmpl ${fmt(b.lo)}, %${rl}`);
    ctx.emit(`sbbl ${fmt(b.hi!)}, %${rh}`);
  }
  vs.pop();
  vs.pop();
  vs.push({ ty: "i32", lo: imm(0), hi: null, local: null, cc });
}

export function eqz64(ctx: FunctionContext): void {
  const { vs } = ctx;
  const a = vs.peek(0);
  const r = vs.allocTemp();
  vs.load(a.lo, r);
  ctx.emit(`orl ${fmt(a.hi!)}, %${r}`);
  vs.pop();
  vs.push({ ty: "i32", lo: imm(0), hi: null, local: null, cc: "e" });
}

export function extend(ctx: FunctionContext, signed: boolean): void {
  const { vs } = ctx;
  const a = vs.peek(0);
  const ty: KType = signed ? "i64" : "u64";
  if (a.cc === null && a.lo.kind === "imm") {
    const v = signed ? BigInt(a.lo.value) : BigInt(a.lo.value >>> 0);
    return replaceTop(ctx, 1, ty, ...const64(v));
  }
  const lo = vs.intoTemp(a);
  if (!signed) return replaceTop(ctx, 1, ty, reg(lo), imm(0));
  const hi = vs.allocTemp();
  ctx.emit(`movl %${lo}, %${hi}`);
  ctx.emit(`sarl $31, %${hi}`);
  replaceTop(ctx, 1, ty, reg(lo), reg(hi));
}

export function wrap(ctx: FunctionContext): void {
  const { vs } = ctx;
  const a = vs.pop();
  vs.push32("i32", a.lo, a.local);
}
