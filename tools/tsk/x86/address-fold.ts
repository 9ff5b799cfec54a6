// Address arithmetic kept symbolic: `base + index*scale + symbol + offset` built from adds,
// subtractions of constants, shifts by 1-3 and multiplies by 2/4/8, so that a following load or store uses x86's
// addressing mode (`movl table(,%ecx,4), %eax`, `movb $1, composite(%ebx)`) and any other
// use costs one `lea`. Only registers that stay valid qualify: scratch registers owned by
// the operands, and a local's home register while the entry is tagged with that local
// (a write to the local detaches the entry first).
import type { BinaryOp, KType } from "../kbc/types.ts";
import type { FunctionContext } from "./context.ts";
import type { Reg, Scale } from "./operands.ts";
import type { Entry } from "./value-stack.ts";

interface Parts {
  base: Reg | null;
  index: Reg | null;
  scale: Scale;
  symbol: string | null;
  offset: number;
  local: number | null;
  local2: number | null;
}

function partsOf(e: Entry): Parts | undefined {
  if (e.cc !== null || e.hi !== null) return undefined;
  const o = e.lo;
  const none = { base: null, index: null, scale: 1 as Scale, symbol: null, offset: 0, local: e.local, local2: e.local2 ?? null };
  switch (o.kind) {
    case "imm": return { ...none, offset: o.value };
    case "symaddr": return { ...none, symbol: o.symbol, offset: o.offset };
    case "frameaddr": return { ...none, base: "ebp", offset: o.offset };
    case "reg": return { ...none, base: o.reg };
    case "addr": return { base: o.base, index: o.index, scale: o.scale, symbol: o.symbol, offset: o.offset, local: e.local, local2: e.local2 ?? null };
    case "mem": return undefined;
  }
}

function combine(a: Parts, b: Parts): Parts | undefined {
  if (a.symbol !== null && b.symbol !== null) return undefined;
  // Up to two locals' home registers (base and index) can be read by one address.
  const locals = [...new Set([a.local, a.local2, b.local, b.local2].filter((l): l is number => l !== null))];
  if (locals.length > 2) return undefined;
  if (a.index !== null && b.index !== null) return undefined;
  const bases = [a.base, b.base].filter((r): r is Reg => r !== null);
  let index = a.index ?? b.index;
  let scale: Scale = a.index !== null ? a.scale : b.scale;
  if (bases.length === 2) {
    if (index !== null) return undefined;
    index = bases[1]!;
    scale = 1;
    if (index === "ebp") [bases[0], index] = [index, bases[0]!];
  }
  if (index === "esp") return undefined;
  return { base: bases[0] ?? null, index, scale, symbol: a.symbol ?? b.symbol, offset: (a.offset + b.offset) | 0, local: locals[0] ?? null, local2: locals[1] ?? null };
}

function push(ctx: FunctionContext, ty: KType, p: Parts): void {
  ctx.vs.pop();
  ctx.vs.pop();
  const e = ctx.vs.push32(ty, { kind: "addr", base: p.base, index: p.index, scale: p.scale, symbol: p.symbol, offset: p.offset }, p.local);
  e.local2 = p.local2;
}

const SCALE_OF_SHIFT: Record<number, Scale> = { 1: 2, 2: 4, 3: 8 };
const SCALE_OF_FACTOR: Record<number, Scale> = { 2: 2, 4: 4, 8: 8 };

/** Compile `a OP b` as an address expression if it is one; returns whether it did. */
export function tryAddressArith(ctx: FunctionContext, op: BinaryOp, ty: KType, a: Entry, b: Entry): boolean {
  if (op === "sub" && b.cc === null && b.lo.kind === "imm") {
    // x - c is x + (-c): `leal -c(%x)` when it must become a value, a displacement otherwise.
    const pa = partsOf(a);
    if (pa === undefined || (pa.base === null && pa.index === null)) return false;
    push(ctx, ty, { ...pa, offset: (pa.offset - b.lo.value) | 0 });
    return true;
  }
  if (op === "add") {
    // A local in the frame joins an address once loaded (the load an add would need anyway).
    const simple = (e: Entry): boolean => e.cc === null && (e.lo.kind === "imm" || e.lo.kind === "symaddr");
    if (a.cc === null && a.hi === null && a.lo.kind === "mem" && simple(b)) ctx.vs.intoTemp(a);
    else if (b.cc === null && b.hi === null && b.lo.kind === "mem" && simple(a)) ctx.vs.intoTemp(b);
    const pa = partsOf(a), pb = partsOf(b);
    if (pa === undefined || pb === undefined) return false;
    const p = combine(pa, pb);
    if (p === undefined || (p.base === null && p.index === null)) return false;
    push(ctx, ty, p);
    return true;
  }
  if ((op === "shl" || op === "mul") && b.cc === null && b.lo.kind === "imm" && a.cc === null && a.hi === null && a.lo.kind === "reg") {
    const scale = op === "shl" ? SCALE_OF_SHIFT[b.lo.value] : SCALE_OF_FACTOR[b.lo.value];
    if (scale === undefined || a.lo.reg === "esp") return false;
    push(ctx, ty, { base: null, index: a.lo.reg, scale, symbol: null, offset: 0, local: a.local, local2: null });
    return true;
  }
  return false;
}
