// Loads and stores at 8/16/32/64 bits. The address folds into the instruction whenever it
// can (sym+off, off(%ebp), off(%reg)); narrow loads sign- or zero-extend as KBC says. Every
// load and store is emitted as exactly one access per 32-bit word, in program order, and is
// never merged or dropped, which is what `volatile` and the mmio intrinsics require.
import type { KType, Width } from "../kbc/types.ts";
import { fail, type FunctionContext } from "./context.ts";
import { byteReg, fmt, isTemp, offsetOperand, reg, registersOf, TEMP_REGS, wordReg, type Operand, type Reg, type TempReg } from "./operands.ts";
import type { Entry } from "./value-stack.ts";

/** A memory operand for the address held by `addr`, displaced by `offset`. */
export function addressOf(ctx: FunctionContext, addr: Entry, offset: number): Operand {
  const { vs } = ctx;
  if (addr.cc === null) {
    const a = addr.lo;
    switch (a.kind) {
      case "symaddr":
        return { kind: "mem", base: null, symbol: a.symbol, offset: a.offset + offset };
      case "frameaddr":
        return { kind: "mem", base: "ebp", symbol: null, offset: a.offset + offset };
      case "imm":
        return { kind: "mem", base: null, symbol: null, offset: (a.value >>> 0) + offset };
      case "reg":
        vs.lock(a.reg);
        return { kind: "mem", base: a.reg, symbol: null, offset };
      case "addr":
        vs.lock(...registersOf(a));
        return { kind: "mem", base: a.base, index: a.index ?? undefined, scale: a.scale, symbol: a.symbol, offset: a.offset + offset };
      case "mem":
        break;
    }
  }
  const r = vs.intoTemp(addr);
  return { kind: "mem", base: r, symbol: null, offset };
}

const EXTEND: Record<1 | 2, { signed: string; unsigned: string }> = {
  1: { signed: "movsbl", unsigned: "movzbl" },
  2: { signed: "movswl", unsigned: "movzwl" },
};

export function load(ctx: FunctionContext, ty: KType, width: Width, signed: boolean, offset: number): void {
  const { vs } = ctx;
  const addr = vs.peek(0);
  const m = addressOf(ctx, addr, offset);
  // A scratch register of the address can take the result: the address was ours alone.
  const reuse = registersOf(addr.lo).find((r): r is TempReg => (TEMP_REGS as readonly Reg[]).includes(r));
  if (width === 4 && readByNextOp(ctx)) {
    // The next op reads this word as its source operand (`addl 4(%ebx), %esi`): the load
    // happens inside that instruction, once, at the same point of the program.
    const { local, local2 } = addr;
    vs.pop();
    const e = vs.push32(ty, m, local);
    e.local2 = local2 ?? null;
    return;
  }
  if (width === 8) {
    const hi = vs.allocTemp();
    ctx.emit(`movl ${fmt(offsetOperand(m, 4))}, %${hi}`);
    const lo = reuse ?? vs.allocTemp();
    ctx.emit(`movl ${fmt(m)}, %${lo}`);
    vs.pop();
    vs.push64(ty, reg(lo), reg(hi));
    return;
  }
  const r = reuse ?? vs.allocTemp();
  const mnemonic = width === 4 ? "movl" : EXTEND[width][signed ? "signed" : "unsigned"];
  ctx.emit(`${mnemonic} ${fmt(m)}, %${r}`);
  vs.pop();
  vs.push32(ty, reg(r));
}

/** A register holding `src` whose low byte (or word) can be named, for narrow stores. */
function narrowSource(ctx: FunctionContext, e: Entry, width: 1 | 2): string {
  const { vs } = ctx;
  let src = vs.source(e);
  if (src.kind === "imm") return `$${width === 1 ? src.value & 0xff : src.value & 0xffff}`;
  const byteless = (r: Reg) => width === 1 && !["eax", "ecx", "edx", "ebx"].includes(r);
  if (src.kind !== "reg" || byteless(src.reg)) {
    vs.intoTemp(e);
    src = e.lo;
  }
  if (src.kind !== "reg") fail(ctx, "internal: narrow store source is not in a register");
  return width === 1 ? byteReg(src.reg) : wordReg(src.reg);
}

/** A source for a 32-bit store: immediates and registers as they are, memory via a register. */
function wordSource(ctx: FunctionContext, o: Operand): string {
  if (o.kind === "mem" || o.kind === "frameaddr" || o.kind === "addr") {
    const t = ctx.vs.allocTemp();
    ctx.vs.load(o, t);
    return `%${t}`;
  }
  return fmt(o);
}

export function store(ctx: FunctionContext, width: Width, offset: number): void {
  const { vs } = ctx;
  const value = vs.peek(0);
  const addr = vs.peek(1);
  if (value.cc !== null) vs.materializeFlags(value);
  if (value.lo.kind === "addr" || value.lo.kind === "frameaddr") vs.intoTemp(value);
  if (isTemp(value.lo)) vs.lock(value.lo.reg);
  if (value.hi !== null && isTemp(value.hi)) vs.lock(value.hi.reg);
  const m = addressOf(ctx, addr, offset);
  switch (width) {
    case 1:
      ctx.emit(`movb ${narrowSource(ctx, value, 1)}, ${fmt(m)}`);
      break;
    case 2:
      ctx.emit(`movw ${narrowSource(ctx, value, 2)}, ${fmt(m)}`);
      break;
    case 4:
      ctx.emit(`movl ${wordSource(ctx, value.lo)}, ${fmt(m)}`);
      break;
    case 8:
      ctx.emit(`movl ${wordSource(ctx, value.lo)}, ${fmt(m)}`);
      ctx.emit(`movl ${wordSource(ctx, value.hi!)}, ${fmt(offsetOperand(m, 4))}`);
      break;
  }
  vs.pop();
  vs.pop();
}

const READS_WORD_OPERAND = new Set(["add", "sub", "and", "or", "xor", "mul", "eq", "ne", "lt", "le", "gt", "ge"]);

/** The op after the current one is a 32-bit ALU op or compare taking the top value as its right operand. */
function readByNextOp(ctx: FunctionContext): boolean {
  const next = ctx.fn.body[ctx.pc + 1];
  return next !== undefined && READS_WORD_OPERAND.has(next.op) && "ty" in next && (next.ty === "i32" || next.ty === "u32");
}
