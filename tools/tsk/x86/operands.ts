// Where a value lives while the backend holds it symbolically: an immediate, a link-time
// address, a register, a memory cell, or a frame address not yet computed. Formatting here
// is the only place that knows AT&T operand syntax.

export type Reg = "eax" | "ecx" | "edx" | "ebx" | "esi" | "edi" | "ebp" | "esp";

/** Scratch registers of the value stack: caller-saved under cdecl, each with a byte form. */
export type TempReg = "eax" | "ecx" | "edx";
export const TEMP_REGS: readonly TempReg[] = ["eax", "ecx", "edx"];

/** Callee-saved registers the backend gives to a function's most used 32-bit locals. */
export type HomeReg = "ebx" | "esi" | "edi";
export const HOME_REGS: readonly HomeReg[] = ["ebx", "esi", "edi"];

export type Operand =
  /** A 32-bit constant, kept as a signed int32. */
  | { kind: "imm"; value: number }
  /** The link-time constant symbol+offset (a global's or function's address). */
  | { kind: "symaddr"; symbol: string; offset: number }
  | { kind: "reg"; reg: Reg }
  /** The memory cell symbol+offset(%base,%index,scale); base, index and symbol optional. */
  | { kind: "mem"; base: Reg | null; symbol: string | null; offset: number; segment?: "fs"; index?: Reg; scale?: Scale }
  /** The address offset(%ebp) as a value (a frame slot's address), computed by `lea` on use. */
  | { kind: "frameaddr"; offset: number }
  /**
   * The value base + index*scale + symbol + offset, not computed yet: an address expression
   * that a load or store uses as its addressing mode, or one `lea` makes into a value.
   */
  | { kind: "addr"; base: Reg | null; index: Reg | null; scale: Scale; symbol: string | null; offset: number };

export type Scale = 1 | 2 | 4 | 8;

export const imm = (value: number): Operand => ({ kind: "imm", value: value | 0 });
export const reg = (r: Reg): Operand => ({ kind: "reg", reg: r });
export const frameMem = (offset: number): Operand => ({ kind: "mem", base: "ebp", symbol: null, offset });

export function isTemp(o: Operand | null | undefined): o is { kind: "reg"; reg: TempReg } {
  return o !== null && o !== undefined && o.kind === "reg" && (TEMP_REGS as readonly Reg[]).includes(o.reg);
}

export function sameOperand(a: Operand, b: Operand): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The operand `o` shifted by `delta` bytes (the high half of a 64-bit memory value). */
export function offsetOperand(o: Operand, delta: number): Operand {
  if (o.kind === "mem") return { ...o, offset: o.offset + delta };
  if (o.kind === "frameaddr") return { ...o, offset: o.offset + delta };
  throw new Error(`internal: cannot offset a ${o.kind} operand`);
}

function withOffset(symbol: string, offset: number): string {
  return offset === 0 ? symbol : offset > 0 ? `${symbol}+${offset}` : `${symbol}${offset}`;
}

/** AT&T text of a source or destination operand. `frameaddr` has no direct form. */
export function fmt(o: Operand): string {
  switch (o.kind) {
    case "imm":
      return `$${o.value}`;
    case "symaddr":
      return `$${withOffset(o.symbol, o.offset)}`;
    case "reg":
      return `%${o.reg}`;
    case "mem": {
      const seg = o.segment ? `%${o.segment}:` : "";
      return seg + addressText(o.base, o.index ?? null, o.scale ?? 1, o.symbol, o.offset);
    }
    case "frameaddr":
    case "addr":
      throw new Error(`internal: a${o.kind === "addr" ? "n address expression" : " frame address"} must be computed with lea before use`);
  }
}

/** AT&T text of symbol+offset(%base,%index,scale), the parts present. */
export function addressText(base: Reg | null, index: Reg | null, scale: Scale, symbol: string | null, offset: number): string {
  const disp = symbol !== null ? withOffset(symbol, offset) : offset === 0 && (base !== null || index !== null) ? "" : String(offset);
  if (base === null && index === null) return symbol !== null ? disp : withOffset("0", offset);
  const regs = index === null ? `%${base}` : `${base === null ? "" : `%${base}`},%${index},${scale}`;
  return `${disp}(${regs})`;
}

/** Registers an operand reads (for addresses: its base and index). */
export function registersOf(o: Operand | null): Reg[] {
  if (o === null) return [];
  if (o.kind === "reg") return [o.reg];
  if (o.kind === "addr" || o.kind === "mem") return [o.base, o.kind === "addr" ? o.index : o.index ?? null].filter((r): r is Reg => r !== null);
  return [];
}

const BYTE_NAMES: Partial<Record<Reg, string>> = { eax: "al", ecx: "cl", edx: "dl", ebx: "bl" };
const WORD_NAMES: Record<Reg, string> = { eax: "ax", ecx: "cx", edx: "dx", ebx: "bx", esi: "si", edi: "di", ebp: "bp", esp: "sp" };

/** `%al`-style name of a register's low byte; only eax, ecx, edx and ebx have one. */
export function byteReg(r: Reg): string {
  const name = BYTE_NAMES[r];
  if (name === undefined) throw new Error(`internal: %${r} has no byte form`);
  return `%${name}`;
}

export function wordReg(r: Reg): string {
  return `%${WORD_NAMES[r]}`;
}

/** A GNU as string literal: printable ASCII as is, every other byte (UTF-8) as an octal escape. */
export function asmString(text: string): string {
  let out = '"';
  for (const byte of new TextEncoder().encode(text)) {
    const ch = String.fromCharCode(byte);
    out += byte >= 0x20 && byte < 0x7f && ch !== '"' && ch !== "\\" ? ch : `\\${byte.toString(8).padStart(3, "0")}`;
  }
  return out + '"';
}
