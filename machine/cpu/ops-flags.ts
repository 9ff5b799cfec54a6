// Instructions on EFLAGS itself: CLC/STC/CMC/CLD/STD, LAHF/SAHF, PUSHF/POPF (with the
// IOPL and CPL rules of SDM vol. 2 "POPF"), and the decimal-adjust family DAA/DAS/AAA/AAS/
// AAM/AAD plus SALC.

import { AC, AF, ARITH_FLAGS, ATT_BREAK, CF, DE, DF, FLAGS_FIXED, GP, ID, IF, IOPL, NT, PARITY, SF, TF, VM, ZF } from "./constants.ts";
import type { Cpu } from "./cpu.ts";
import type { Decoder, Exec } from "./decoder.ts";
import { FlagOp, getAF, getCF, getFlags, materialize, setStatusFlags } from "./flags.ts";
import { popSized, pushSized, setReg } from "./operands.ts";

export function buildFlagOp(d: Decoder, opcode: number): Exec {
  const cpu = d.cpu;
  switch (opcode) {
    case 0xf5:
      return () => setStatusFlags(cpu, CF, getCF(cpu) ^ 1);
    case 0xf8:
      return () => setStatusFlags(cpu, CF, 0);
    case 0xf9:
      return () => setStatusFlags(cpu, CF, CF);
    case 0xfc:
      return () => void (cpu.flags &= ~DF);
    default:
      return () => void (cpu.flags |= DF);
  }
}

/** 9F: LAHF; 9E: SAHF. */
export function buildAhFlags(d: Decoder, store: boolean): Exec {
  const cpu = d.cpu;
  const regs = cpu.regs;
  if (store) return () => setStatusFlags(cpu, SF | ZF | AF | 4 | CF, (regs[0]! >> 8) & 0xff);
  return () => setReg(cpu, 4, 0, (regs[0]! & ~0xff00) | (((getFlags(cpu) & 0xd5) | FLAGS_FIXED) << 8));
}

/** Write EFLAGS from POPF/IRET: which bits may change depends on mode, CPL and IOPL. */
export function writeFlags(cpu: Cpu, value: number, size: number, allowIopl: boolean, allowIf: boolean): void {
  let mask = ARITH_FLAGS | TF | DF | NT | (size === 4 ? AC | ID : 0);
  if (allowIopl) mask |= IOPL;
  if (allowIf) mask |= IF;
  if (size === 2) mask &= 0xffff;
  materialize(cpu);
  cpu.flags = (cpu.flags & ~mask) | (value & mask) | FLAGS_FIXED;
  cpu.fOp = FlagOp.None;
}

/** 9C: PUSHF. (VM86 is not modelled, so no IOPL-sensitive #GP here.) */
export function buildPushf(d: Decoder): Exec {
  const cpu = d.cpu;
  const size = d.opsize;
  // VM and RF read as 0 in the pushed image.
  return () => pushSized(cpu, size, getFlags(cpu) & ~(VM | (1 << 16)));
}

/** 9D: POPF. Ends the block: TF or IF may have changed. */
export function buildPopf(d: Decoder): Exec {
  const cpu = d.cpu;
  const size = d.opsize;
  d.endBlock = true;
  return () => {
    if ((cpu.flags & VM) !== 0 && ((cpu.flags & IOPL) >> 12) < 3) cpu.fault(GP, 0);
    const v = popSized(cpu, size);
    const pm = cpu.protectedMode;
    const iopl = (cpu.flags & IOPL) >> 12;
    writeFlags(cpu, v, size, !pm || cpu.cpl === 0, !pm || cpu.cpl <= iopl);
    cpu.attention |= ATT_BREAK;
  };
}

function setSzp8(cpu: Cpu, al: number, extra: number, extraMask: number): void {
  materialize(cpu);
  const szp = (al === 0 ? ZF : 0) | (al & 0x80 ? SF : 0) | PARITY[al]!;
  cpu.flags = (cpu.flags & ~(ZF | SF | 4 | extraMask)) | szp | extra;
}

/** 27 DAA, 2F DAS, 37 AAA, 3F AAS, D4 AAM, D5 AAD, D6 SALC. */
export function buildBcd(d: Decoder, opcode: number): Exec {
  const cpu = d.cpu;
  const regs = cpu.regs;
  const imm = opcode === 0xd4 || opcode === 0xd5 ? d.u8() : 0;
  switch (opcode) {
    case 0x27:
    case 0x2f:
      return () => {
        const sub = opcode === 0x2f;
        const oldAl = regs[0]! & 0xff;
        const oldCf = getCF(cpu);
        let al = oldAl;
        let cf = 0;
        let af = 0;
        if ((al & 0xf) > 9 || getAF(cpu) !== 0) {
          const t = sub ? al - 6 : al + 6;
          cf = oldCf | (t < 0 || t > 0xff ? 1 : 0);
          al = t & 0xff;
          af = AF;
        }
        if (oldAl > 0x99 || oldCf !== 0) {
          al = (sub ? al - 0x60 : al + 0x60) & 0xff;
          cf = 1;
        } else if (!sub) cf = 0;
        setReg(cpu, 1, 0, al);
        setSzp8(cpu, al, cf | af, CF | AF | (1 << 11));
      };
    case 0x37:
    case 0x3f:
      return () => {
        const sub = opcode === 0x3f;
        let ax = regs[0]! & 0xffff;
        let flags = 0;
        if ((ax & 0xf) > 9 || getAF(cpu) !== 0) {
          // SDM: AAS is AX <- AX - 6; AH <- AH - 1 (a borrow out of AL decrements AH twice).
          if (sub) {
            ax = (ax - 6) & 0xffff;
            ax = (ax & 0xff) | ((((ax >> 8) - 1) & 0xff) << 8);
          } else ax = (ax + 0x106) & 0xffff;
          flags = AF | CF;
        }
        ax &= 0xff0f;
        setReg(cpu, 2, 0, ax);
        setSzp8(cpu, ax & 0xff, flags, AF | CF | (1 << 11));
      };
    case 0xd4:
      return () => {
        if (imm === 0) cpu.fault(DE);
        const al = regs[0]! & 0xff;
        const r = (al % imm) | (Math.floor(al / imm) << 8);
        setReg(cpu, 2, 0, r);
        setSzp8(cpu, r & 0xff, 0, CF | AF | (1 << 11));
      };
    case 0xd5:
      return () => {
        const ax = regs[0]!;
        const al = ((ax & 0xff) + ((ax >> 8) & 0xff) * imm) & 0xff;
        setReg(cpu, 2, 0, al);
        setSzp8(cpu, al, 0, CF | AF | (1 << 11));
      };
    default:
      return () => setReg(cpu, 1, 0, getCF(cpu) !== 0 ? 0xff : 0);
  }
}
