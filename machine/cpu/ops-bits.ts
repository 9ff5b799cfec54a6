// Bit instructions: BT/BTS/BTR/BTC (register and immediate bit offsets; a register offset
// on a memory operand reaches outside the addressed word, SDM vol. 2 "BT"), BSF/BSR, BSWAP.

import { CF, ZF } from "./constants.ts";
import type { Decoder, Exec } from "./decoder.ts";
import { setStatusFlags } from "./flags.ts";
import { readSized, rmwRead, writeSized } from "./memory.ts";
import { getReg, setReg } from "./operands.ts";

/** kind: 0 BT, 1 BTS, 2 BTR, 3 BTC. `immOffset`: the imm8 form (0F BA), ModRM already read. */
export function buildBitTest(d: Decoder, kind: number, size: number, immOffset: boolean): Exec {
  if (!immOffset) d.modrm();
  const cpu = d.cpu;
  const bits = size * 8;
  const reg = d.reg;
  const apply = (v: number, bit: number): number => {
    const m = 1 << bit;
    setStatusFlags(cpu, CF, (v & m) !== 0 ? CF : 0);
    return kind === 1 ? v | m : kind === 2 ? v & ~m : v ^ m;
  };
  if (d.isReg) {
    const rm = d.rm;
    const imm = immOffset ? d.u8() : 0;
    return () => {
      const bit = (immOffset ? imm : getReg(cpu, size, reg)) & (bits - 1);
      const r = apply(getReg(cpu, size, rm), bit);
      if (kind !== 0) setReg(cpu, size, rm, r);
    };
  }
  const ea = d.ea(size, kind !== 0);
  const imm = immOffset ? d.u8() : 0;
  if (kind !== 0) d.lockOk = true;
  return () => {
    let a = ea();
    let bit: number;
    if (immOffset) bit = imm & (bits - 1);
    else {
      // The register offset is signed and selects a word/dword relative to the operand.
      const off = size === 4 ? getReg(cpu, 4, reg) : (getReg(cpu, 2, reg) << 16) >> 16;
      a = (a + (off >> (size === 4 ? 5 : 4)) * size) | 0;
      bit = off & (bits - 1);
    }
    if (kind === 0) {
      apply(readSized(cpu, a, size), bit);
      return;
    }
    writeSized(cpu, a, size, apply(rmwRead(cpu, a, size), bit));
  };
}

/** BSF (0F BC) / BSR (0F BD): a zero source sets ZF and leaves the destination unchanged. */
export function buildBitScan(d: Decoder, size: number, reverse: boolean): Exec {
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
  return () => {
    const v = size === 4 ? src() : src() & 0xffff;
    if (v === 0) {
      setStatusFlags(cpu, ZF, ZF);
      return;
    }
    setStatusFlags(cpu, ZF | CF, 0);
    setReg(cpu, size, reg, reverse ? 31 - Math.clz32(v) : 31 - Math.clz32(v & -v));
  };
}

/** BSWAP r32 (0F C8+r). With a 16-bit operand size the result is undefined; we clear it like hardware does. */
export function buildBswap(d: Decoder, r: number): Exec {
  const regs = d.cpu.regs;
  if (d.opsize === 2) return () => void (regs[r] = regs[r]! & ~0xffff);
  return () => {
    const v = regs[r]!;
    regs[r] = (v >>> 24) | ((v >> 8) & 0xff00) | ((v << 8) & 0xff0000) | (v << 24);
  };
}
