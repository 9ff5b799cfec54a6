// The value stack (TinyCC style): KBC's operand stack mirrored at compile time, each entry
// saying where its value lives right now. Constants, addresses, locals and compare results
// stay symbolic until an instruction needs them in a register; scratch registers (eax, ecx,
// edx) are handed out here and spilled to per-depth frame slots when they run short.
import type { KType } from "../kbc/types.ts";
import { addressText, byteReg, fmt, frameMem, isTemp, reg, registersOf, TEMP_REGS, type Operand, type Reg, type TempReg } from "./operands.ts";

const isTempReg = (r: Reg): r is TempReg => (TEMP_REGS as readonly Reg[]).includes(r);

/** Scratch registers an entry occupies (its value, halves, or address components). */
function tempsOf(e: Entry): TempReg[] {
  return [...(e.cc === null ? registersOf(e.lo) : []), ...registersOf(e.hi)].filter(isTempReg);
}

export type CondCode = "e" | "ne" | "l" | "le" | "g" | "ge" | "b" | "be" | "a" | "ae";

const INVERSE: Record<CondCode, CondCode> = { e: "ne", ne: "e", l: "ge", ge: "l", le: "g", g: "le", b: "ae", ae: "b", be: "a", a: "be" };
/** The condition that holds for (b, a) when `cc` holds for (a, b). */
const MIRROR: Record<CondCode, CondCode> = { e: "e", ne: "ne", l: "g", g: "l", le: "ge", ge: "le", b: "a", a: "b", be: "ae", ae: "be" };

export const invertCond = (cc: CondCode): CondCode => INVERSE[cc];
export const mirrorCond = (cc: CondCode): CondCode => MIRROR[cc];

export interface Entry {
  ty: KType;
  /** The value (32-bit types) or its low half (64-bit types). Unused while `cc` is set. */
  lo: Operand;
  /** The high half of a 64-bit value; null for 32-bit types. */
  hi: Operand | null;
  /** Set while the entry is the local's home itself (not a copy): a write to it must detach. */
  local: number | null;
  /** A second local whose home register an address expression reads (base and index). */
  local2?: number | null;
  /** Set while the value is "condition cc holds" in EFLAGS, not yet turned into 0/1. */
  cc: CondCode | null;
}

export class ValueStack {
  readonly entries: Entry[] = [];
  /** Spill slots used (deepest spilled entry + 1), for sizing the spill area of the frame. */
  spillSlots = 0;
  /** Registers the current op already relies on; allocation never takes them. */
  private readonly locked = new Set<Reg>();

  constructor(
    private readonly emit: (line: string) => void,
    /** Bytes of frame above the spill area: spill slot d lives at -(spillBase + 8(d+1))(%ebp). */
    private readonly spillBase: number,
  ) {}

  get depth(): number {
    return this.entries.length;
  }

  push(entry: Entry): Entry {
    this.entries.push(entry);
    return entry;
  }

  push32(ty: KType, lo: Operand, local: number | null = null): Entry {
    return this.push({ ty, lo, hi: null, local, cc: null });
  }

  push64(ty: KType, lo: Operand, hi: Operand, local: number | null = null): Entry {
    return this.push({ ty, lo, hi, local, cc: null });
  }

  /** The entry `n` places below the top (0 = top). */
  peek(n = 0): Entry {
    const e = this.entries[this.entries.length - 1 - n];
    if (e === undefined) throw new Error("internal: value stack underflow");
    return e;
  }

  /** Remove the top entry; its registers become free. */
  pop(): Entry {
    const e = this.entries.pop();
    if (e === undefined) throw new Error("internal: value stack underflow");
    return e;
  }

  lock(...regs: Reg[]): void {
    for (const r of regs) this.locked.add(r);
  }

  /** A register the op used only briefly (and no entry holds) may be handed out again. */
  release(r: TempReg): void {
    if (this.holder(r) === undefined) this.locked.delete(r);
  }

  /** Called between ops: nothing stays locked across KBC instructions. */
  unlockAll(): void {
    this.locked.clear();
  }

  hasFlags(): boolean {
    return this.entries.some((e) => e.cc !== null);
  }

  private spillSlot(e: Entry): Operand {
    const depth = this.entries.indexOf(e);
    if (depth < 0) throw new Error("internal: spilling an entry that is not on the stack");
    this.spillSlots = Math.max(this.spillSlots, depth + 1);
    return frameMem(-(this.spillBase + 8 * (depth + 1)));
  }

  /** The entry holding register `r`, if any. */
  holder(r: Reg): Entry | undefined {
    return this.entries.find((e) => tempsOf(e).includes(r as TempReg));
  }

  /** Move a register-held entry (or one of its halves) to its spill slot in the frame. */
  spill(e: Entry): void {
    if (e.cc !== null) this.materializeFlags(e);
    if (e.lo.kind === "addr" || e.lo.kind === "mem") {
      if (tempsOf(e).length === 0) return; // only stable registers: nothing to save
      this.intoTemp(e); // an address, or a word read through scratch registers, is computed now
    }
    const slot = this.spillSlot(e);
    if (isTemp(e.lo)) {
      this.emit(`movl %${e.lo.reg}, ${fmt(slot)}`);
      e.lo = slot;
    }
    if (e.hi !== null && isTemp(e.hi)) {
      const hiSlot = { ...slot, offset: (slot as { offset: number }).offset + 4 } as Operand;
      this.emit(`movl %${e.hi.reg}, ${fmt(hiSlot)}`);
      e.hi = hiSlot;
    }
  }

  /** Spill every entry in scratch registers, except the top `keep` entries. */
  spillTemps(keep = 0): void {
    for (let i = 0; i < this.entries.length - keep; i++) {
      const e = this.entries[i]!;
      if (e.cc !== null || tempsOf(e).length > 0) this.spill(e);
    }
  }

  /** A free scratch register, spilling the deepest holder when none is free. Locks it. */
  allocTemp(avoid: readonly Reg[] = []): TempReg {
    const usable = TEMP_REGS.filter((r) => !this.locked.has(r) && !avoid.includes(r));
    const free = usable.find((r) => this.holder(r) === undefined);
    if (free !== undefined) {
      this.lock(free);
      return free;
    }
    for (const e of this.entries) {
      const target = tempsOf(e).find((r) => usable.includes(r));
      if (target !== undefined) {
        this.spill(e);
        this.lock(target);
        return target;
      }
    }
    throw new Error("internal: no scratch register can be freed");
  }

  /** Make `r` free and locked for the current op: its holder moves to another register or its slot. */
  claim(r: TempReg): void {
    const e = this.holder(r);
    // Moving a locked register's value would leave the op holding a stale register name.
    if (e !== undefined && this.locked.has(r)) throw new Error(`internal: %${r} is claimed while the current op relies on it`);
    if (e !== undefined) {
      const other = TEMP_REGS.find((t) => t !== r && !this.locked.has(t) && this.holder(t) === undefined);
      const plain = e.cc === null && e.lo.kind === "reg" && e.lo.reg === r && (e.hi === null || !isTemp(e.hi));
      const plainHi = e.hi !== null && e.hi.kind === "reg" && e.hi.reg === r && !isTemp(e.lo);
      if (other !== undefined && (plain || plainHi)) {
        this.emit(`movl %${r}, %${other}`);
        if (e.lo.kind === "reg" && e.lo.reg === r) e.lo = reg(other);
        else e.hi = reg(other);
      } else {
        this.spill(e);
      }
    }
    this.lock(r);
  }

  /** Emit `mov src, %r` in the cheapest form that leaves live compare flags alone. */
  load(src: Operand, r: Reg): void {
    if (src.kind === "reg" && src.reg === r) return;
    if (src.kind === "imm" && src.value === 0 && !this.hasFlags()) this.emit(`xorl %${r}, %${r}`);
    else if (src.kind === "frameaddr") this.emit(`leal ${src.offset}(%ebp), %${r}`);
    else if (src.kind === "addr") this.emit(`leal ${addressText(src.base, src.index, src.scale, src.symbol, src.offset)}, %${r}`);
    else this.emit(`movl ${fmt(src)}, %${r}`);
  }

  /** Turn a compare result held in EFLAGS into 0/1 in a scratch register. */
  materializeFlags(e: Entry): void {
    const cc = e.cc;
    if (cc === null) return;
    const r = TEMP_REGS.find((t) => this.holder(t) === undefined && !this.locked.has(t)) ?? this.allocTemp();
    this.emit(`set${cc} ${byteReg(r)}`);
    this.emit(`movzbl ${byteReg(r)}, %${r}`);
    e.cc = null;
    e.lo = reg(r);
  }

  /** Materialize every compare result on the stack: the next instruction may clobber EFLAGS. */
  flushFlags(): void {
    for (const e of this.entries) if (e.cc !== null) this.materializeFlags(e);
  }

  /**
   * Bring a 32-bit entry (or a 64-bit entry's low half) into a scratch register it owns
   * alone, `want` if given; locks the register and returns it.
   */
  intoTemp(e: Entry, want?: TempReg): TempReg {
    if (e.cc !== null) this.materializeFlags(e);
    if (isTemp(e.lo) && (want === undefined || e.lo.reg === want)) {
      this.lock(e.lo.reg);
      e.local = null;
    e.local2 = null;
      e.local2 = null;
      return e.lo.reg;
    }
    const own = registersOf(e.lo).filter(isTempReg);
    let r: TempReg;
    if (want !== undefined) {
      this.lock(...own); // keep our own value from being moved by claim
      if (!own.includes(want)) this.claim(want);
      r = want;
    } else {
      // An address expression can be computed into one of its own registers.
      r = own[0] ?? this.allocTemp();
    }
    this.lock(r);
    this.load(e.lo, r);
    e.lo = reg(r);
    e.local = null;
    e.local2 = null;
    // The registers the value came from are free again (they were locked only while it moved).
    for (const old of own) if (old !== r && this.holder(old) === undefined) this.locked.delete(old);
    return r;
  }

  /** Bring both halves of a 64-bit entry into scratch registers it owns alone. */
  intoTemp64(e: Entry, wantLo?: TempReg, wantHi?: TempReg): [TempReg, TempReg] {
    if (e.hi === null) throw new Error("internal: intoTemp64 on a 32-bit entry");
    if (isTemp(e.lo)) this.lock(e.lo.reg);
    if (isTemp(e.hi)) this.lock(e.hi.reg);
    // Wanted registers held by our own other half are handled by moving through a free one.
    if ((wantLo !== undefined && isTemp(e.hi) && e.hi.reg === wantLo) || (wantHi !== undefined && isTemp(e.lo) && e.lo.reg === wantHi)) {
      this.spill(e);
    }
    const lo = this.intoHalf(e, "lo", wantLo);
    const hi = this.intoHalf(e, "hi", wantHi);
    e.local = null;
    e.local2 = null;
    return [lo, hi];
  }

  private intoHalf(e: Entry, half: "lo" | "hi", want?: TempReg): TempReg {
    const cur = half === "lo" ? e.lo : e.hi!;
    if (isTemp(cur) && (want === undefined || cur.reg === want)) {
      this.lock(cur.reg);
      return cur.reg;
    }
    let r: TempReg;
    if (want !== undefined) {
      this.claim(want);
      r = want;
    } else {
      r = this.allocTemp();
    }
    const src = half === "lo" ? e.lo : e.hi!;
    this.load(src, r);
    if (half === "lo") e.lo = reg(r);
    else e.hi = reg(r);
    return r;
  }

  /** Before local `index` is written: entries still naming its home get their own copy. */
  detachLocal(index: number): void {
    for (const e of this.entries) {
      if (e.local !== index && e.local2 !== index) continue;
      if (e.hi === null) this.intoTemp(e);
      else this.intoTemp64(e);
    }
  }

  /**
   * An operand for `e`'s value (or low half) usable as an instruction source: anything but
   * a frame address or a compare result, which are computed into a register first.
   */
  source(e: Entry): Operand {
    if (e.cc !== null || e.lo.kind === "frameaddr" || e.lo.kind === "addr") this.intoTemp(e);
    return e.lo;
  }
}
