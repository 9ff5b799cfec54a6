// MUL, IMUL (one, two and three operand forms), DIV and IDIV with #DE on a zero divisor or a
// quotient that does not fit (SDM vol. 2, "DIV", "IDIV", "IMUL", "MUL").

import { setExplicit } from "./alu.ts";
import { CF, DE, OF } from "./constants.ts";
import type { Cpu } from "./cpu.ts";
import type { Decoder, Exec } from "./decoder.ts";
import { readSized } from "./memory.ts";
import { getReg, setReg } from "./operands.ts";

/** Unsigned 32x32 -> 64 multiply: returns the high half, the low half goes to `mulLow`. */
let mulLow = 0;
function mulU32(a: number, b: number): number {
  a >>>= 0;
  b >>>= 0;
  const al = a & 0xffff;
  const ah = a >>> 16;
  const bl = b & 0xffff;
  const bh = b >>> 16;
  const ll = al * bl;
  const lh = al * bh;
  const hl = ah * bl;
  const mid = (ll >>> 16) + (lh & 0xffff) + (hl & 0xffff);
  mulLow = ((mid & 0xffff) << 16) | (ll & 0xffff);
  return (ah * bh + (lh >>> 16) + (hl >>> 16) + Math.floor(mid / 65536)) | 0;
}

/** Signed 32x32 -> 64: high half returned, low half in `mulLow`. */
function mulS32(a: number, b: number): number {
  let hi = mulU32(a, b);
  if (a < 0) hi = (hi - b) | 0;
  if (b < 0) hi = (hi - a) | 0;
  return hi;
}

/** Truncating signed multiply for IMUL r, r/m(, imm): result, CF=OF on overflow. */
export function imulTruncate(cpu: Cpu, size: number, a: number, b: number): number {
  const bits = size * 8;
  let r: number;
  let overflow: boolean;
  if (size === 4) {
    r = Math.imul(a, b);
    // The double product is exact below 2^53; beyond that it cannot equal an int32 anyway.
    overflow = a * b !== r;
  } else {
    const sh = 32 - bits;
    const full = ((a << sh) >> sh) * ((b << sh) >> sh);
    r = full & ((1 << bits) - 1);
    overflow = full !== (r << sh) >> sh;
  }
  setExplicit(cpu, bits, r, overflow ? CF | OF : 0);
  return r;
}

/** F6/F7 /4../7: MUL, IMUL, DIV, IDIV of the accumulator by r/m; ModRM already read. */
export function buildMulDiv(d: Decoder, kind: number, size: number): Exec {
  const cpu = d.cpu;
  let src: () => number;
  if (d.isReg) {
    const rm = d.rm;
    src = () => getReg(cpu, size, rm);
  } else {
    const ea = d.ea(size);
    src = () => readSized(cpu, ea(), size);
  }
  switch (kind) {
    case 4:
      return () => mul(cpu, size, src(), false);
    case 5:
      return () => mul(cpu, size, src(), true);
    case 6:
      return () => div(cpu, size, src(), false);
    default:
      return () => div(cpu, size, src(), true);
  }
}

function mul(cpu: Cpu, size: number, b: number, signed: boolean): void {
  const regs = cpu.regs;
  if (size === 1) {
    const a = regs[0]! & 0xff;
    const r = signed ? ((((a << 24) >> 24) * ((b << 24) >> 24)) & 0xffff) : a * (b & 0xff);
    setReg(cpu, 2, 0, r);
    const over = signed ? r !== (((r & 0xff) << 24) >> 24 & 0xffff) : r > 0xff;
    setExplicit(cpu, 8, r, over ? CF | OF : 0);
  } else if (size === 2) {
    const a = regs[0]! & 0xffff;
    const full = signed ? ((a << 16) >> 16) * ((b << 16) >> 16) : a * (b & 0xffff);
    setReg(cpu, 2, 0, full);
    setReg(cpu, 2, 2, full >> 16);
    const over = signed ? full !== ((full << 16) >> 16) : full >>> 16 !== 0;
    setExplicit(cpu, 16, full, over ? CF | OF : 0);
  } else {
    const hi = signed ? mulS32(regs[0]!, b) : mulU32(regs[0]!, b);
    regs[0] = mulLow;
    regs[2] = hi;
    const over = signed ? hi !== mulLow >> 31 : hi !== 0;
    setExplicit(cpu, 32, mulLow, over ? CF | OF : 0);
  }
}

function div(cpu: Cpu, size: number, divisor: number, signed: boolean): void {
  const regs = cpu.regs;
  if (size === 1) {
    const dv = signed ? (divisor << 24) >> 24 : divisor & 0xff;
    if (dv === 0) cpu.fault(DE);
    const n = signed ? ((regs[0]! << 16) >> 16) : regs[0]! & 0xffff;
    const q = Math.trunc(n / dv);
    const r = n - q * dv;
    if (signed ? q < -128 || q > 127 : q > 0xff) cpu.fault(DE);
    setReg(cpu, 2, 0, (q & 0xff) | ((r & 0xff) << 8));
  } else if (size === 2) {
    const dv = signed ? (divisor << 16) >> 16 : divisor & 0xffff;
    if (dv === 0) cpu.fault(DE);
    const raw = ((regs[2]! & 0xffff) << 16) | (regs[0]! & 0xffff);
    const n = signed ? raw : raw >>> 0;
    const q = Math.trunc(n / dv);
    const r = n - q * dv;
    if (signed ? q < -32768 || q > 32767 : q > 0xffff) cpu.fault(DE);
    setReg(cpu, 2, 0, q);
    setReg(cpu, 2, 2, r);
  } else {
    if (divisor === 0) cpu.fault(DE);
    const hi = regs[2]!;
    const lo = regs[0]!;
    if (!signed) {
      if (hi === 0) {
        const n = lo >>> 0;
        const dv = divisor >>> 0;
        const q = Math.floor(n / dv);
        regs[0] = q;
        regs[2] = n - q * dv;
        return;
      }
      const n = (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
      const dv = BigInt(divisor >>> 0);
      const q = n / dv;
      if (q > 0xffffffffn) cpu.fault(DE);
      regs[0] = Number(q & 0xffffffffn) | 0;
      regs[2] = Number(n % dv) | 0;
      return;
    }
    if (hi === lo >> 31) {
      // The dividend fits in 32 bits; only INT_MIN / -1 overflows.
      if (lo === -0x80000000 && divisor === -1) cpu.fault(DE);
      const q = Math.trunc(lo / divisor);
      regs[0] = q;
      regs[2] = lo - q * divisor;
      return;
    }
    const n = (BigInt(hi) << 32n) | BigInt(lo >>> 0);
    const dv = BigInt(divisor);
    const q = n / dv;
    if (q > 0x7fffffffn || q < -0x80000000n) cpu.fault(DE);
    regs[0] = Number(q) | 0;
    regs[2] = Number(n % dv) | 0;
  }
}

/** 0F AF: IMUL r, r/m. */
export function buildImulRegRm(d: Decoder, size: number): Exec {
  d.modrm();
  const cpu = d.cpu;
  const regs = cpu.regs;
  const reg = d.reg;
  if (d.isReg) {
    d.pure = true;
    const rm = d.rm;
    if (size === 4) return () => void (regs[reg] = imulTruncate(cpu, 4, regs[reg]!, regs[rm]!));
    return () => setReg(cpu, size, reg, imulTruncate(cpu, size, getReg(cpu, size, reg), getReg(cpu, size, rm)));
  }
  const ea = d.ea(size);
  return () => setReg(cpu, size, reg, imulTruncate(cpu, size, getReg(cpu, size, reg), readSized(cpu, ea(), size)));
}

/** 69 / 6B: IMUL r, r/m, imm (imm8 sign-extended for 6B). */
export function buildImulImm(d: Decoder, size: number, imm8: boolean): Exec {
  d.modrm();
  const cpu = d.cpu;
  const reg = d.reg;
  let src: () => number;
  if (d.isReg) {
    const rm = d.rm;
    src = () => getReg(cpu, size, rm);
  } else {
    const ea = d.ea(size);
    src = () => readSized(cpu, ea(), size);
  }
  const imm = imm8 ? d.s8() : d.imm(size);
  return () => setReg(cpu, size, reg, imulTruncate(cpu, size, src(), imm));
}
