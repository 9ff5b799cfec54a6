// Data movement: MOV in all forms, MOVZX/MOVSX, LEA, XCHG, CMPXCHG/CMPXCHG8B/XADD, CMOVcc,
// SETcc, PUSH/POP of registers, memory and immediates, PUSHA/POPA, CBW/CWD, XLAT, and the
// segment-register moves and far-pointer loads (LDS/LES/LSS/LFS/LGS).

import { aluFor } from "./alu.ts";
import { inlineMov32, inlineReg } from "./inline-ops.ts";
import { ATT_BREAK, CS, SS, UD, ZF } from "./constants.ts";
import type { Decoder, Exec } from "./decoder.ts";
import { CONDITIONS, setStatusFlags } from "./flags.ts";
import { read16, read32, read8, readSized, rmwRead, rmwRead32, write32, write8, writeSized, probeWrite } from "./memory.ts";
import { adjustSp, getReg, popSized, pushSized, setReg, stackAddress } from "./operands.ts";
import { loadSegment } from "./segments.ts";
import { checkLimit, raising } from "./decoder.ts";

/** 88-8B: MOV between r/m and a register. */
export function buildMovModrm(d: Decoder, size: number, toReg: boolean): Exec {
  d.modrm();
  const cpu = d.cpu;
  const regs = cpu.regs;
  const reg = d.reg;
  if (d.isReg) {
    d.pure = true;
    const dst = toReg ? reg : d.rm;
    const src = toReg ? d.rm : reg;
    if (size === 4) d.inline = inlineMov32(dst, inlineReg(src));
    if (size === 4) return () => void (regs[dst] = regs[src]!);
    return () => setReg(cpu, size, dst, getReg(cpu, size, src));
  }
  const ea = d.ea(size, !toReg);
  if (size === 4 && d.eaSource !== undefined) {
    d.inline = toReg ? inlineMov32(reg, `read32(cpu, ${d.eaSource})`) : `write32(cpu, ${d.eaSource}, ${inlineReg(reg)});`;
  }
  if (toReg) {
    if (size === 4) return () => void (regs[reg] = read32(cpu, ea()));
    if (size === 1) return () => setReg(cpu, 1, reg, read8(cpu, ea()));
    return () => setReg(cpu, size, reg, readSized(cpu, ea(), size));
  }
  if (size === 4) return () => write32(cpu, ea(), regs[reg]!);
  if (size === 1) return () => write8(cpu, ea(), getReg(cpu, 1, reg));
  return () => writeSized(cpu, ea(), size, getReg(cpu, size, reg));
}

/** C6/C7 /0: MOV r/m, imm. */
export function buildMovImmModrm(d: Decoder, size: number): Exec {
  d.modrm();
  const cpu = d.cpu;
  if (d.reg !== 0) return raising(d, UD);
  if (d.isReg) {
    const rm = d.rm;
    const imm = d.imm(size);
    return () => setReg(cpu, size, rm, imm);
  }
  const ea = d.ea(size, true);
  const imm = d.imm(size);
  if (size === 4) return () => write32(cpu, ea(), imm);
  return () => writeSized(cpu, ea(), size, imm);
}

/** B0-BF: MOV reg, imm. */
export function buildMovRegImm(d: Decoder, size: number, r: number): Exec {
  const cpu = d.cpu;
  const regs = cpu.regs;
  const imm = d.imm(size);
  d.pure = true;
  if (size === 4) d.inline = inlineMov32(r, String(imm | 0));
  if (size === 4) return () => void (regs[r] = imm);
  return () => setReg(cpu, size, r, imm);
}

/** A0-A3: MOV between the accumulator and a direct offset (moffs). */
export function buildMovMoffs(d: Decoder, size: number, toAcc: boolean): Exec {
  const cpu = d.cpu;
  const off = d.adsize === 4 ? d.u32() : d.u16();
  const seg = d.segOr(3);
  const sb = cpu.segBase;
  let addr = (): number => (sb[seg]! + off) | 0;
  if (!d.assumeFlat(seg)) addr = () => checkLimit(cpu, seg, (sb[seg]! + off) | 0, size, !toAcc);
  if (toAcc) return () => setReg(cpu, size, 0, readSized(cpu, addr(), size));
  return () => writeSized(cpu, addr(), size, getReg(cpu, size, 0));
}

/** 0F B6/B7/BE/BF: MOVZX/MOVSX from 8 or 16 bits. */
export function buildMovExtend(d: Decoder, srcSize: number, signed: boolean): Exec {
  d.modrm();
  const cpu = d.cpu;
  const size = d.opsize;
  const reg = d.reg;
  const sh = 32 - srcSize * 8;
  let src: () => number;
  if (d.isReg) {
    d.pure = true;
    const rm = d.rm;
    src = () => getReg(cpu, srcSize, rm);
  } else {
    const ea = d.ea(srcSize);
    if (srcSize === 1 && size === 4) {
      const regs = cpu.regs;
      if (signed) return () => void (regs[reg] = (read8(cpu, ea()) << 24) >> 24);
      return () => void (regs[reg] = read8(cpu, ea()));
    }
    src = srcSize === 1 ? () => read8(cpu, ea()) : () => read16(cpu, ea());
  }
  if (signed) return () => setReg(cpu, size, reg, (src() << sh) >> sh);
  return () => setReg(cpu, size, reg, src());
}

/** 8D: LEA. A register operand is #UD. */
export function buildLea(d: Decoder): Exec {
  d.modrm();
  if (d.isReg) return raising(d, UD);
  const cpu = d.cpu;
  const regs = cpu.regs;
  const reg = d.reg;
  const off = d.offset();
  d.pure = true;
  if (d.opsize === 4 && d.lastOffsetSource !== undefined) d.inline = inlineMov32(reg, d.lastOffsetSource);
  if (d.opsize === 4) return () => void (regs[reg] = off());
  return () => setReg(cpu, 2, reg, off());
}

/** 86/87: XCHG r/m, reg (always locked with a memory operand). */
export function buildXchgModrm(d: Decoder, size: number): Exec {
  d.modrm();
  const cpu = d.cpu;
  const reg = d.reg;
  if (d.isReg) {
    const rm = d.rm;
    return () => {
      const t = getReg(cpu, size, rm);
      setReg(cpu, size, rm, getReg(cpu, size, reg));
      setReg(cpu, size, reg, t);
    };
  }
  const ea = d.ea(size, true);
  d.lockOk = true;
  return () => {
    const a = ea();
    const t = rmwRead(cpu, a, size);
    writeSized(cpu, a, size, getReg(cpu, size, reg));
    setReg(cpu, size, reg, t);
  };
}

/** 91-97: XCHG eAX, reg. */
export function buildXchgAcc(d: Decoder, r: number): Exec {
  const cpu = d.cpu;
  const size = d.opsize;
  return () => {
    const t = getReg(cpu, size, r);
    setReg(cpu, size, r, getReg(cpu, size, 0));
    setReg(cpu, size, 0, t);
  };
}

/** 0F B0/B1: CMPXCHG r/m, reg. */
export function buildCmpxchg(d: Decoder, size: number): Exec {
  d.modrm();
  const cpu = d.cpu;
  const reg = d.reg;
  const cmp = aluFor(size)[7]!;
  if (d.isReg) {
    const rm = d.rm;
    return () => {
      const dst = getReg(cpu, size, rm);
      cmp(cpu, getReg(cpu, size, 0), dst);
      if (cpu.fRes === 0) setReg(cpu, size, rm, getReg(cpu, size, reg));
      else setReg(cpu, size, 0, dst);
    };
  }
  const ea = d.ea(size, true);
  d.lockOk = true;
  return () => {
    const a = ea();
    const dst = rmwRead(cpu, a, size);
    cmp(cpu, getReg(cpu, size, 0), dst);
    if (cpu.fRes === 0) writeSized(cpu, a, size, getReg(cpu, size, reg));
    else {
      // The destination is written back even when the comparison fails (SDM "CMPXCHG").
      writeSized(cpu, a, size, dst);
      setReg(cpu, size, 0, dst);
    }
  };
}

/** 0F C7 /1: CMPXCHG8B m64; ModRM already read. */
export function buildCmpxchg8b(d: Decoder): Exec {
  if (d.isReg || d.reg !== 1) return raising(d, UD);
  const cpu = d.cpu;
  const regs = cpu.regs;
  const ea = d.ea(8, true);
  d.lockOk = true;
  return () => {
    const a = ea();
    probeWrite(cpu, a, 8);
    const lo = read32(cpu, a);
    const hi = read32(cpu, (a + 4) | 0);
    if (lo === regs[0] && hi === regs[2]) {
      write32(cpu, a, regs[3]!);
      write32(cpu, (a + 4) | 0, regs[1]!);
      setStatusFlags(cpu, ZF, ZF);
    } else {
      write32(cpu, a, lo);
      write32(cpu, (a + 4) | 0, hi);
      regs[0] = lo;
      regs[2] = hi;
      setStatusFlags(cpu, ZF, 0);
    }
  };
}

/** 0F C0/C1: XADD r/m, reg. */
export function buildXadd(d: Decoder, size: number): Exec {
  d.modrm();
  const cpu = d.cpu;
  const reg = d.reg;
  const add = aluFor(size)[0]!;
  if (d.isReg) {
    const rm = d.rm;
    return () => {
      const dst = getReg(cpu, size, rm);
      const sum = add(cpu, dst, getReg(cpu, size, reg));
      setReg(cpu, size, reg, dst);
      setReg(cpu, size, rm, sum);
    };
  }
  const ea = d.ea(size, true);
  d.lockOk = true;
  return () => {
    const a = ea();
    const dst = size === 4 ? rmwRead32(cpu, a) : rmwRead(cpu, a, size);
    const sum = add(cpu, dst, getReg(cpu, size, reg));
    writeSized(cpu, a, size, sum);
    setReg(cpu, size, reg, dst);
  };
}

/** 0F 40-4F: CMOVcc. The source is read (and may fault) even when the condition is false. */
export function buildCmov(d: Decoder, cc: number): Exec {
  d.modrm();
  const cpu = d.cpu;
  const regs = cpu.regs;
  const size = d.opsize;
  const reg = d.reg;
  const cond = CONDITIONS[cc]!;
  if (d.isReg) {
    d.pure = true;
    const rm = d.rm;
    if (size === 4) return () => void (cond(cpu) && (regs[reg] = regs[rm]!));
    return () => void (cond(cpu) && setReg(cpu, 2, reg, getReg(cpu, 2, rm)));
  }
  const ea = d.ea(size);
  return () => {
    const v = readSized(cpu, ea(), size);
    if (cond(cpu)) setReg(cpu, size, reg, v);
  };
}

/** 0F 90-9F: SETcc r/m8. */
export function buildSetcc(d: Decoder, cc: number): Exec {
  d.modrm();
  const cpu = d.cpu;
  const cond = CONDITIONS[cc]!;
  if (d.isReg) {
    d.pure = true;
    const rm = d.rm;
    return () => setReg(cpu, 1, rm, cond(cpu) ? 1 : 0);
  }
  const ea = d.ea(1, true);
  return () => write8(cpu, ea(), cond(cpu) ? 1 : 0);
}

// ---- the stack ----

export function buildPushReg(d: Decoder, r: number): Exec {
  const cpu = d.cpu;
  const regs = cpu.regs;
  const size = d.opsize;
  return () => pushSized(cpu, size, regs[r]!);
}

export function buildPopReg(d: Decoder, r: number): Exec {
  const cpu = d.cpu;
  const size = d.opsize;
  if (size === 4) {
    const regs = cpu.regs;
    return () => {
      const v = popSized(cpu, 4);
      regs[r] = v;
    };
  }
  return () => setReg(cpu, 2, r, popSized(cpu, 2));
}

export function buildPushImm(d: Decoder, imm8: boolean): Exec {
  const cpu = d.cpu;
  const size = d.opsize;
  const imm = imm8 ? d.s8() : d.imm(size);
  return () => pushSized(cpu, size, imm);
}

/** FF /6: PUSH r/m; ModRM already read. */
export function buildPushModrm(d: Decoder): Exec {
  const cpu = d.cpu;
  const size = d.opsize;
  if (d.isReg) {
    const rm = d.rm;
    return () => pushSized(cpu, size, getReg(cpu, size, rm));
  }
  const ea = d.ea(size);
  return () => pushSized(cpu, size, readSized(cpu, ea(), size));
}

/** 8F /0: POP r/m. ESP is incremented before the destination address is computed. */
export function buildPopModrm(d: Decoder): Exec {
  d.modrm();
  if (d.reg !== 0) return raising(d, UD);
  const cpu = d.cpu;
  const size = d.opsize;
  if (d.isReg) {
    const rm = d.rm;
    return () => setReg(cpu, size, rm, popSized(cpu, size));
  }
  const ea = d.ea(size, true);
  return () => {
    const esp = cpu.regs[4]!;
    const v = popSized(cpu, size);
    try {
      writeSized(cpu, ea(), size, v);
    } catch (e) {
      cpu.regs[4] = esp;
      throw e;
    }
  };
}

/** 60: PUSHA/PUSHAD (the ESP pushed is the value before the first push). */
export function buildPusha(d: Decoder): Exec {
  const cpu = d.cpu;
  const size = d.opsize;
  return () => {
    const regs = cpu.regs;
    const esp = regs[4]!;
    probeWrite(cpu, stackAddress(cpu, -8 * size), 8 * size);
    for (let r = 0; r < 8; r++) pushSized(cpu, size, r === 4 ? esp : regs[r]!);
  };
}

/** 61: POPA/POPAD (the saved ESP is skipped). */
export function buildPopa(d: Decoder): Exec {
  const cpu = d.cpu;
  const size = d.opsize;
  return () => {
    const vals: number[] = [];
    for (let r = 0; r < 8; r++) vals.push(readSized(cpu, stackAddress(cpu, (7 - r) * size), size));
    for (let r = 0; r < 8; r++) if (r !== 4) setReg(cpu, size, r, vals[r]!);
    adjustSp(cpu, 8 * size);
  };
}

/** 98: CBW/CWDE; 99: CWD/CDQ. */
export function buildConvert(d: Decoder, wide: boolean): Exec {
  const cpu = d.cpu;
  const regs = cpu.regs;
  const size = d.opsize;
  if (!wide) {
    if (size === 4) return () => void (regs[0] = (regs[0]! << 16) >> 16);
    return () => setReg(cpu, 2, 0, (regs[0]! << 24) >> 24);
  }
  if (size === 4) return () => void (regs[2] = regs[0]! >> 31);
  return () => setReg(cpu, 2, 2, (regs[0]! << 16) >> 31);
}

/** D7: XLAT (AL = [seg:eBX + AL]). */
export function buildXlat(d: Decoder): Exec {
  const cpu = d.cpu;
  const regs = cpu.regs;
  const seg = d.segOr(3);
  const a16 = d.adsize === 2;
  return () => {
    const off = a16 ? (regs[3]! + (regs[0]! & 0xff)) & 0xffff : (regs[3]! + (regs[0]! & 0xff)) | 0;
    setReg(cpu, 1, 0, read8(cpu, (cpu.segBase[seg]! + off) | 0));
  };
}

// ---- segment registers ----

/** 8C: MOV r/m16, Sreg. To a register with a 32-bit operand size the upper half is zeroed. */
export function buildMovFromSeg(d: Decoder): Exec {
  d.modrm();
  if (d.reg > 5) return raising(d, UD);
  const cpu = d.cpu;
  const seg = d.reg;
  if (d.isReg) {
    const rm = d.rm;
    const size = d.opsize;
    return () => setReg(cpu, size, rm, cpu.segSel[seg]!);
  }
  const ea = d.ea(2, true);
  return () => writeSized(cpu, ea(), 2, cpu.segSel[seg]!);
}

/** 8E: MOV Sreg, r/m16. Loading SS holds off interrupts for one instruction. */
export function buildMovToSeg(d: Decoder): Exec {
  d.modrm();
  if (d.reg > 5 || d.reg === CS) return raising(d, UD);
  const cpu = d.cpu;
  const seg = d.reg;
  let src: () => number;
  if (d.isReg) {
    const rm = d.rm;
    src = () => getReg(cpu, 2, rm);
  } else {
    const ea = d.ea(2);
    src = () => read16(cpu, ea());
  }
  // Blocks are decoded assuming which segments are flat: a load ends the block.
  d.endBlock = true;
  if (seg === SS) {
    return () => {
      loadSegment(cpu, SS, src());
      cpu.shadow = 1;
      cpu.attention |= ATT_BREAK;
    };
  }
  return () => loadSegment(cpu, seg, src());
}

/** PUSH Sreg (06 0E 16 1E, 0F A0, 0F A8). A 32-bit push writes the selector zero-extended. */
export function buildPushSeg(d: Decoder, seg: number): Exec {
  const cpu = d.cpu;
  const size = d.opsize;
  return () => pushSized(cpu, size, cpu.segSel[seg]!);
}

/** POP Sreg (07 17 1F, 0F A1, 0F A9). */
export function buildPopSeg(d: Decoder, seg: number): Exec {
  const cpu = d.cpu;
  const size = d.opsize;
  d.endBlock = true;
  return () => {
    const v = readSized(cpu, stackAddress(cpu, 0), size);
    loadSegment(cpu, seg, v & 0xffff);
    adjustSp(cpu, size);
    if (seg === SS) {
      cpu.shadow = 1;
      cpu.attention |= ATT_BREAK;
    }
  };
}

/** C4 LES, C5 LDS, 0F B2 LSS, 0F B4 LFS, 0F B5 LGS: load a far pointer. */
export function buildLoadFarPointer(d: Decoder, seg: number): Exec {
  d.modrm();
  if (d.isReg) return raising(d, UD);
  const cpu = d.cpu;
  const size = d.opsize;
  const reg = d.reg;
  const ea = d.ea(size + 2);
  d.endBlock = true;
  return () => {
    const a = ea();
    const off = readSized(cpu, a, size);
    const sel = read16(cpu, (a + size) | 0);
    loadSegment(cpu, seg, sel);
    setReg(cpu, size, reg, off);
  };
}
