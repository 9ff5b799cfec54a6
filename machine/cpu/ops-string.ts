// String instructions MOVS/CMPS/STOS/LODS/SCAS/INS/OUTS with REP/REPE/REPNE. A repeated form
// runs up to REP_CHUNK iterations per execution and then restarts itself (EIP unchanged), so
// a long copy is interruptible and counts as several instructions, deterministically. Each
// iteration commits ESI/EDI/ECX only after its memory access, so a fault restarts cleanly.

import { DF, ES } from "./constants.ts";
import type { Cpu } from "./cpu.ts";
import { checkLimit, type Decoder, type Exec } from "./decoder.ts";
import { aluFor } from "./alu.ts";
import { readSized, writeSized } from "./memory.ts";
import { checkIoPermission } from "./ops-system.ts";
import { getReg, setReg } from "./operands.ts";

const REP_CHUNK = 4096;

const enum Kind {
  Movs,
  Cmps,
  Stos,
  Lods,
  Scas,
  Ins,
  Outs,
}

export function buildString(d: Decoder, opcode: number): Exec {
  const cpu = d.cpu;
  const size = (opcode & 1) === 0 ? 1 : d.opsize;
  let kind: Kind;
  switch (opcode & ~1) {
    case 0xa4:
      kind = Kind.Movs;
      break;
    case 0xa6:
      kind = Kind.Cmps;
      break;
    case 0xaa:
      kind = Kind.Stos;
      break;
    case 0xac:
      kind = Kind.Lods;
      break;
    case 0xae:
      kind = Kind.Scas;
      break;
    case 0x6c:
      kind = Kind.Ins;
      break;
    default:
      kind = Kind.Outs;
      break;
  }
  const srcSeg = d.segOr(3);
  const a32 = d.adsize === 4;
  if (kind === Kind.Ins || kind === Kind.Outs) d.syncPoint = true;
  const rep = d.rep;
  const len = d.len;
  const step = (v: number, delta: number): number => (a32 ? (v + delta) | 0 : (v & ~0xffff) | ((v + delta) & 0xffff));
  const off = (v: number): number => (a32 ? v : v & 0xffff);
  const cmp = aluFor(size)[7]!;
  const regs = cpu.regs;
  const srcFlat = d.assumeFlat(srcSeg);
  const dstFlat = d.assumeFlat(ES);
  const srcAddr = (): number => {
    const a = (cpu.segBase[srcSeg]! + off(regs[6]!)) | 0;
    return srcFlat ? a : checkLimit(cpu, srcSeg, a, size);
  };
  const dstAddr = (): number => {
    const a = (cpu.segBase[ES]! + off(regs[7]!)) | 0;
    return dstFlat ? a : checkLimit(cpu, ES, a, size, kind === Kind.Movs || kind === Kind.Stos || kind === Kind.Ins);
  };

  /** One iteration; returns false when a REPE/REPNE condition ends the repetition. */
  const once = (): boolean => {
    const delta = (cpu.flags & DF) !== 0 ? -size : size;
    switch (kind) {
      case Kind.Movs: {
        const v = readSized(cpu, srcAddr(), size);
        writeSized(cpu, dstAddr(), size, v);
        regs[6] = step(regs[6]!, delta);
        regs[7] = step(regs[7]!, delta);
        return true;
      }
      case Kind.Stos:
        writeSized(cpu, dstAddr(), size, getReg(cpu, size, 0));
        regs[7] = step(regs[7]!, delta);
        return true;
      case Kind.Lods:
        setReg(cpu, size, 0, readSized(cpu, srcAddr(), size));
        regs[6] = step(regs[6]!, delta);
        return true;
      case Kind.Cmps: {
        const a = readSized(cpu, srcAddr(), size);
        const b = readSized(cpu, dstAddr(), size);
        cmp(cpu, a, b);
        regs[6] = step(regs[6]!, delta);
        regs[7] = step(regs[7]!, delta);
        return rep === 0xf3 ? cpu.fRes === 0 : cpu.fRes !== 0;
      }
      case Kind.Scas: {
        const b = readSized(cpu, dstAddr(), size);
        cmp(cpu, getReg(cpu, size, 0), b);
        regs[7] = step(regs[7]!, delta);
        return rep === 0xf3 ? cpu.fRes === 0 : cpu.fRes !== 0;
      }
      case Kind.Ins: {
        const port = regs[2]! & 0xffff;
        checkIoPermission(cpu, port, size);
        const dst = dstAddr();
        // Probe the destination before the port read: reading a port can have side effects.
        readSized(cpu, dst, size);
        writeSized(cpu, dst, size, cpu.bus.readPort(port, size as 1 | 2 | 4));
        regs[7] = step(regs[7]!, delta);
        return true;
      }
      default: {
        const port = regs[2]! & 0xffff;
        checkIoPermission(cpu, port, size);
        const v = readSized(cpu, srcAddr(), size);
        cpu.bus.writePort(port, size as 1 | 2 | 4, size === 4 ? v >>> 0 : v);
        regs[6] = step(regs[6]!, delta);
        return true;
      }
    }
  };

  if (rep === 0) return () => void once();
  d.ctl = true;
  const conditional = kind === Kind.Cmps || kind === Kind.Scas;
  return () => {
    let n = 0;
    for (;;) {
      const count = a32 ? regs[1]! : regs[1]! & 0xffff;
      if (count === 0) break;
      const go = once();
      if (a32) regs[1] = (regs[1]! - 1) | 0;
      else setReg(cpu, 2, 1, count - 1);
      if (conditional && !go) break;
      if (++n >= REP_CHUNK || cpu.attention !== 0) {
        if ((a32 ? regs[1]! : regs[1]! & 0xffff) !== 0) return; // run this instruction again
        break;
      }
    }
    cpu.eip = (cpu.eip + len) | 0;
  };
}

export type { Cpu };
