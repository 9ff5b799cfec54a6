// 32-bit arithmetic, compares and conversions. Constants fold at compile time with exactly
// the wrapping KBC defines; otherwise the left operand is brought into a scratch register
// and the right one is used in place (immediate, register or memory).
import { isSigned, type BinaryOp, type CompareOp, type KType } from "../kbc/types.ts";
import { tryAddressArith } from "./address-fold.ts";
import { fail, type FunctionContext } from "./context.ts";
import { fmt, imm, isTemp, reg, type Operand } from "./operands.ts";
import { invertCond, mirrorCond, type CondCode, type Entry } from "./value-stack.ts";

const isConst = (e: Entry): e is Entry & { lo: { kind: "imm"; value: number } } => e.cc === null && e.lo.kind === "imm";

const ALU: Partial<Record<BinaryOp, string>> = { add: "addl", sub: "subl", and: "andl", or: "orl", xor: "xorl" };
const COMMUTATIVE = new Set<BinaryOp>(["add", "and", "or", "xor", "mul"]);

/** Fold a 32-bit op on constants; undefined when it must trap at run time (division). */
export function fold32(op: BinaryOp, ty: KType, a: number, b: number): number | undefined {
  const signed = isSigned(ty);
  switch (op) {
    case "add": return (a + b) | 0;
    case "sub": return (a - b) | 0;
    case "mul": return Math.imul(a, b);
    case "and": return a & b;
    case "or": return a | b;
    case "xor": return a ^ b;
    case "shl": return a << (b & 31);
    case "shr": return signed ? a >> (b & 31) : (a >>> (b & 31)) | 0;
    case "div":
    case "rem": {
      if (b === 0 || (signed && a === -0x80000000 && b === -1)) return undefined;
      if (signed) return op === "div" ? (a / b) | 0 : a % b | 0;
      const ua = a >>> 0, ub = b >>> 0;
      return (op === "div" ? Math.floor(ua / ub) : ua % ub) | 0;
    }
  }
}

function pushResult(ctx: FunctionContext, ty: KType, lo: Operand): void {
  ctx.vs.pop();
  ctx.vs.pop();
  ctx.vs.push32(ty, lo);
}

export function binary32(ctx: FunctionContext, op: BinaryOp, ty: KType): void {
  const { vs } = ctx;
  let b = vs.peek(0);
  let a = vs.peek(1);
  if (isConst(a) && isConst(b)) {
    const v = fold32(op, ty, a.lo.value, b.lo.value);
    if (v !== undefined) return pushResult(ctx, ty, imm(v));
  }
  // Address arithmetic on link-time and frame addresses stays symbolic: sym+off, off(%ebp).
  if ((op === "add" || op === "sub") && isConst(b) && (a.lo.kind === "symaddr" || a.lo.kind === "frameaddr")) {
    const delta = op === "add" ? b.lo.value : -b.lo.value;
    return pushResult(ctx, ty, { ...a.lo, offset: a.lo.offset + delta });
  }
  if (op === "add" && isConst(a) && (b.lo.kind === "symaddr" || b.lo.kind === "frameaddr") && b.cc === null) {
    return pushResult(ctx, ty, { ...b.lo, offset: b.lo.offset + a.lo.value });
  }
  // Identities keep the other operand as it is (still symbolic, maybe still a local's home).
  if (isConst(b) && ((b.lo.value === 0 && (op === "add" || op === "sub" || op === "or" || op === "xor" || op === "shl" || op === "shr")) || (b.lo.value === -1 && op === "and") || (b.lo.value === 1 && (op === "mul" || op === "div")))) {
    vs.pop();
    return;
  }
  if (tryAddressArith(ctx, op, ty, a, b)) return;
  if (COMMUTATIVE.has(op) && ((isConst(a) && !isConst(b)) || (!isTemp(a.lo) && isTemp(b.lo)))) [a, b] = [b, a];

  const alu = ALU[op];
  if (alu !== undefined) {
    const r = vs.intoTemp(a);
    const src = vs.source(b);
    ctx.emit(`${alu} ${fmt(src)}, %${r}`);
    return pushResult(ctx, ty, reg(r));
  }
  switch (op) {
    case "mul": {
      if (isConst(b) && b.lo.value > 0 && (b.lo.value & (b.lo.value - 1)) === 0) {
        const r = vs.intoTemp(a);
        ctx.emit(`shll $${Math.log2(b.lo.value)}, %${r}`);
        return pushResult(ctx, ty, reg(r));
      }
      if (isConst(b) && !isTemp(a.lo)) {
        // Three-operand imul reads the multiplicand where it is (a local's home).
        const from = vs.source(a);
        const r = vs.allocTemp();
        ctx.emit(`imull ${fmt(b.lo)}, ${fmt(from)}, %${r}`);
        return pushResult(ctx, ty, reg(r));
      }
      const r = vs.intoTemp(a);
      const src = vs.source(b);
      if (src.kind === "imm") ctx.emit(`imull ${fmt(src)}, %${r}, %${r}`);
      else if (src.kind === "symaddr") {
        const t = vs.allocTemp();
        vs.load(src, t);
        ctx.emit(`imull %${t}, %${r}`);
      } else ctx.emit(`imull ${fmt(src)}, %${r}`);
      return pushResult(ctx, ty, reg(r));
    }
    case "shl":
    case "shr": {
      const mnemonic = op === "shl" ? "shll" : isSigned(ty) ? "sarl" : "shrl";
      if (isConst(b)) {
        const count = b.lo.value & 31;
        if (count === 0) return void vs.pop();
        const r = vs.intoTemp(a);
        ctx.emit(`${mnemonic} $${count}, %${r}`);
        return pushResult(ctx, ty, reg(r));
      }
      vs.intoTemp(b, "ecx");
      const r = vs.intoTemp(a);
      if (r === "ecx") fail(ctx, "internal: shift operand landed in %ecx");
      // x86 masks a 32-bit shift count to 5 bits, exactly KBC's rule.
      ctx.emit(`${mnemonic} %cl, %${r}`);
      return pushResult(ctx, ty, reg(r));
    }
    case "div":
    case "rem":
      return divide32(ctx, op, ty);
    default:
      fail(ctx, `no 32-bit lowering for ${op}`);
  }
}

function divide32(ctx: FunctionContext, op: "div" | "rem", ty: KType): void {
  const { vs } = ctx;
  const b = vs.peek(0);
  const a = vs.peek(1);
  const signed = isSigned(ty);
  if (!signed && isConst(b) && b.lo.value !== 0 && ((b.lo.value >>> 0) & ((b.lo.value >>> 0) - 1)) === 0) {
    const d = b.lo.value >>> 0;
    const r = vs.intoTemp(a);
    if (op === "div") ctx.emit(`shrl $${Math.log2(d)}, %${r}`);
    else ctx.emit(`andl $${(d - 1) | 0}, %${r}`);
    return pushResult(ctx, ty, reg(r));
  }
  vs.intoTemp(a, "eax");
  vs.claim("edx");
  let divisor = vs.source(b);
  if (divisor.kind === "imm" || divisor.kind === "symaddr" || (divisor.kind === "reg" && (divisor.reg === "eax" || divisor.reg === "edx"))) {
    const t = vs.allocTemp();
    vs.load(divisor, t);
    divisor = reg(t);
  }
  // Division by zero and INT_MIN / -1 raise #DE here, which is KBC's trap.
  if (signed) ctx.emit("cltd");
  else ctx.emit("xorl %edx, %edx");
  ctx.emit(`${signed ? "idivl" : "divl"} ${fmt(divisor)}`);
  pushResult(ctx, ty, reg(op === "div" ? "eax" : "edx"));
}

export function condition(op: CompareOp, signed: boolean): CondCode {
  switch (op) {
    case "eq": return "e";
    case "ne": return "ne";
    case "lt": return signed ? "l" : "b";
    case "le": return signed ? "le" : "be";
    case "gt": return signed ? "g" : "a";
    case "ge": return signed ? "ge" : "ae";
  }
}

function holds(cc: CondCode, a: number, b: number): boolean {
  const ua = a >>> 0, ub = b >>> 0;
  switch (cc) {
    case "e": return a === b;
    case "ne": return a !== b;
    case "l": return a < b;
    case "le": return a <= b;
    case "g": return a > b;
    case "ge": return a >= b;
    case "b": return ua < ub;
    case "be": return ua <= ub;
    case "a": return ua > ub;
    case "ae": return ua >= ub;
  }
}

export function compare32(ctx: FunctionContext, op: CompareOp, ty: KType): void {
  const { vs } = ctx;
  let b = vs.peek(0);
  let a = vs.peek(1);
  let cc = condition(op, isSigned(ty));
  if (isConst(a) && isConst(b)) return pushResult(ctx, "i32", imm(holds(cc, a.lo.value, b.lo.value) ? 1 : 0));
  // cmp's destination (the left side) cannot be an immediate.
  if (a.lo.kind === "imm" || a.lo.kind === "symaddr") {
    [a, b] = [b, a];
    cc = mirrorCond(cc);
  }
  let left = vs.source(a);
  let right = vs.source(b);
  if (left.kind === "mem" && right.kind === "mem") {
    vs.intoTemp(a);
    left = a.lo;
    right = vs.source(b);
  }
  if (right.kind === "imm" && right.value === 0 && left.kind === "reg") ctx.emit(`testl %${left.reg}, %${left.reg}`);
  else ctx.emit(`cmpl ${fmt(right)}, ${fmt(left)}`);
  vs.pop();
  vs.pop();
  vs.push({ ty: "i32", lo: imm(0), hi: null, local: null, cc });
}

export function eqz32(ctx: FunctionContext): void {
  const { vs } = ctx;
  const a = vs.peek(0);
  if (a.cc !== null) {
    a.cc = invertCond(a.cc);
    return;
  }
  if (isConst(a)) {
    vs.pop();
    vs.push32("i32", imm(a.lo.value === 0 ? 1 : 0));
    return;
  }
  const src = vs.source(a);
  if (src.kind === "reg") ctx.emit(`testl %${src.reg}, %${src.reg}`);
  else if (src.kind === "mem") ctx.emit(`cmpl $0, ${fmt(src)}`);
  else {
    const r = vs.intoTemp(a);
    ctx.emit(`testl %${r}, %${r}`);
  }
  vs.pop();
  vs.push({ ty: "i32", lo: imm(0), hi: null, local: null, cc: "e" });
}

export function narrow(ctx: FunctionContext, bits: 8 | 16, signed: boolean): void {
  const { vs } = ctx;
  const a = vs.peek(0);
  if (isConst(a)) {
    const v = a.lo.value;
    const n = bits === 8 ? (signed ? (v << 24) >> 24 : v & 0xff) : signed ? (v << 16) >> 16 : v & 0xffff;
    vs.pop();
    vs.push32("i32", imm(n));
    return;
  }
  const mnemonic = `mov${signed ? "s" : "z"}${bits === 8 ? "b" : "w"}l`;
  if (a.cc === null && a.lo.kind === "mem") {
    // Little-endian: the low byte or word of a memory cell sits at the cell's own address.
    const src = a.lo;
    const r = vs.allocTemp();
    ctx.emit(`${mnemonic} ${fmt(src)}, %${r}`);
    vs.pop();
    vs.push32("i32", reg(r));
    return;
  }
  const r = vs.intoTemp(a);
  ctx.emit(`${mnemonic} %${bits === 8 ? r.slice(1, 2) + "l" : r.slice(1)}, %${r}`);
  vs.pop();
  vs.push32("i32", reg(r));
}

export { isConst };
