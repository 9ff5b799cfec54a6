// Shifts and rotates (C0/C1/D0-D3 group 2) and the double shifts SHLD/SHRD. The count is
// masked to 5 bits; a zero count changes nothing, not even flags. Rotates touch only CF and
// OF. OF is defined for 1-bit shifts; for larger counts we give the same formula as for 1.

import { setExplicit } from "./alu.ts";
import { CF, OF } from "./constants.ts";
import type { Cpu } from "./cpu.ts";
import type { Decoder, Exec } from "./decoder.ts";
import { getCF, setStatusFlags } from "./flags.ts";
import { readSized, rmwRead, writeSized } from "./memory.ts";
import { getReg, setReg } from "./operands.ts";

/** SHL/SHR/SAR of a 32-bit value by 1..31, the forms compiled code uses most. */
function shl32(cpu: Cpu, a: number, count: number): number {
  const r = a << count;
  const cf = (a >>> (32 - count)) & 1;
  setExplicit(cpu, 32, r, cf | (((r >>> 31) ^ cf) !== 0 ? OF : 0));
  return r;
}

function shr32(cpu: Cpu, a: number, count: number): number {
  const r = a >>> count;
  setExplicit(cpu, 32, r, ((a >>> (count - 1)) & 1) | (a < 0 ? OF : 0));
  return r | 0;
}

function sar32(cpu: Cpu, a: number, count: number): number {
  const r = a >> count;
  setExplicit(cpu, 32, r, (a >> (count - 1)) & 1);
  return r;
}

function msbOf(v: number, bits: number): number {
  return (v >>> (bits - 1)) & 1;
}

/** Apply shift/rotate `kind` (ModRM reg field) to `a` (masked to size); returns the result. */
export function shift(cpu: Cpu, kind: number, size: number, a: number, count: number): number {
  const bits = size * 8;
  const mask = bits === 32 ? -1 : (1 << bits) - 1;
  count &= 31;
  if (count === 0) return a;
  a &= mask;
  let r: number;
  switch (kind) {
    case 0: {
      // ROL
      const n = count & (bits - 1);
      r = n === 0 ? a : ((a << n) | (a >>> (bits - n))) & mask;
      const cf = r & 1;
      setStatusFlags(cpu, CF | OF, cf | ((msbOf(r, bits) ^ cf) !== 0 ? OF : 0));
      return r;
    }
    case 1: {
      // ROR
      const n = count & (bits - 1);
      r = n === 0 ? a : ((a >>> n) | (a << (bits - n))) & mask;
      const cf = msbOf(r, bits);
      setStatusFlags(cpu, CF | OF, cf | ((msbOf(r, bits) ^ ((r >>> (bits - 2)) & 1)) !== 0 ? OF : 0));
      return r;
    }
    case 2: {
      // RCL: rotate through CF, a (bits+1)-bit rotation
      const n = bits === 32 ? count : count % (bits + 1);
      if (n === 0) return a;
      let cf = getCF(cpu);
      r = a;
      for (let i = 0; i < n; i++) {
        const out = msbOf(r, bits);
        r = ((r << 1) | cf) & mask;
        cf = out;
      }
      setStatusFlags(cpu, CF | OF, cf | ((msbOf(r, bits) ^ cf) !== 0 ? OF : 0));
      return r;
    }
    case 3: {
      // RCR
      const n = bits === 32 ? count : count % (bits + 1);
      if (n === 0) return a;
      let cf = getCF(cpu);
      r = a;
      const of = msbOf(r, bits) ^ cf;
      for (let i = 0; i < n; i++) {
        const out = r & 1;
        r = ((r >>> 1) | (cf << (bits - 1))) & mask;
        cf = out;
      }
      setStatusFlags(cpu, CF | OF, cf | (of !== 0 ? OF : 0));
      return r;
    }
    case 4:
    case 6: {
      // SHL/SAL
      r = count < 32 ? (a << count) & mask : 0;
      const cf = count <= bits ? (a >>> (bits - count)) & 1 : 0;
      setExplicit(cpu, bits, r, cf | ((msbOf(r, bits) ^ cf) !== 0 ? OF : 0));
      return r;
    }
    case 5: {
      // SHR
      r = a >>> count;
      const cf = (a >>> (count - 1)) & 1;
      setExplicit(cpu, bits, r, cf | (msbOf(a, bits) !== 0 ? OF : 0));
      return r;
    }
    default: {
      // SAR
      const s = (a << (32 - bits)) >> (32 - bits);
      r = (s >> count) & mask;
      const cf = (s >> (count - 1)) & 1;
      setExplicit(cpu, bits, r, cf);
      return r;
    }
  }
}

/** Passed as the count of C0/C1: the imm8 follows the ModRM operand bytes. */
export const IMM8_COUNT = -2;

/** Group 2; ModRM already read. `count`: 1, IMM8_COUNT or "cl". */
export function buildShift(d: Decoder, size: number, count: number | "cl"): Exec {
  const cpu = d.cpu;
  const regs = cpu.regs;
  const kind = d.reg;
  if (d.isReg) {
    d.pure = true;
    const rm = d.rm;
    const n = count === "cl" ? -1 : count === IMM8_COUNT ? d.u8() : count;
    if (size === 4 && n > 0 && (n & 31) !== 0 && (kind === 4 || kind === 5 || kind === 6 || kind === 7)) {
      const c = n & 31;
      if (kind === 5) return () => void (regs[rm] = shr32(cpu, regs[rm]!, c));
      if (kind === 7) return () => void (regs[rm] = sar32(cpu, regs[rm]!, c));
      return () => void (regs[rm] = shl32(cpu, regs[rm]!, c));
    }
    if (size === 4 && n >= 0) return () => void (regs[rm] = shift(cpu, kind, 4, regs[rm]!, n));
    if (size === 4) return () => void (regs[rm] = shift(cpu, kind, 4, regs[rm]!, regs[1]! & 0xff));
    return () => setReg(cpu, size, rm, shift(cpu, kind, size, getReg(cpu, size, rm), n >= 0 ? n : regs[1]! & 0xff));
  }
  const ea = d.ea(size, true);
  const n = count === "cl" ? -1 : count === IMM8_COUNT ? d.u8() : count;
  return () => {
    const a = ea();
    const c = n >= 0 ? n : regs[1]! & 0xff;
    if ((c & 31) === 0) {
      readSized(cpu, a, size);
      return;
    }
    writeSized(cpu, a, size, shift(cpu, kind, size, rmwRead(cpu, a, size), c));
  };
}

/** SHLD/SHRD r/m, reg, imm8|CL (0F A4/A5/AC/AD). */
export function buildDoubleShift(d: Decoder, size: number, left: boolean, imm: boolean): Exec {
  d.modrm();
  const cpu = d.cpu;
  const regs = cpu.regs;
  const reg = d.reg;
  const bits = size * 8;
  let read: () => number;
  let write: (v: number) => void;
  let addr = 0;
  if (d.isReg) {
    const rm = d.rm;
    read = () => getReg(cpu, size, rm);
    write = (v) => setReg(cpu, size, rm, v);
  } else {
    const ea = d.ea(size, true);
    read = () => rmwRead(cpu, (addr = ea()), size);
    write = (v) => writeSized(cpu, addr, size, v);
  }
  const fixed = imm ? d.u8() & 31 : -1;
  return () => {
    const c = fixed >= 0 ? fixed : regs[1]! & 31;
    const dst = read();
    if (c === 0) return;
    const src = getReg(cpu, size, reg);
    let r: number;
    let cf: number;
    if (bits === 32) {
      if (left) {
        r = (dst << c) | (src >>> (32 - c));
        cf = (dst >>> (32 - c)) & 1;
      } else {
        r = (dst >>> c) | (src << (32 - c));
        cf = (dst >>> (c - 1)) & 1;
      }
    } else {
      // 16-bit: shift the 32-bit concatenation; counts above 16 are undefined, give that result.
      if (left) {
        const cat = ((dst & 0xffff) << 16) | (src & 0xffff);
        r = ((cat << c) >>> 16) & 0xffff;
        cf = ((cat << (c - 1)) >>> 31) & 1;
      } else {
        const cat = ((src & 0xffff) << 16) | (dst & 0xffff);
        r = (cat >>> c) & 0xffff;
        cf = (cat >>> (c - 1)) & 1;
      }
    }
    const of = ((r ^ dst) >>> (bits - 1)) & 1;
    setExplicit(cpu, bits, r, cf | (of !== 0 ? OF : 0));
    write(r);
  };
}
