// System instructions: IN/OUT and the TSS I/O permission bitmap, CLI/STI/HLT, MOV to and
// from control and debug registers, descriptor-table registers (LGDT ... LTR), LAR/LSL/VERR/
// VERW, INVLPG, CPUID, RDTSC, RDMSR/WRMSR, CLTS/INVD/WBINVD. Privileged ones need CPL 0.

import {
  ATT_BREAK,
  CR0_CD,
  CR0_ET,
  CR0_NW,
  CR0_PE,
  CR0_PG,
  CR0_WP,
  CR4_PGE,
  CR4_PSE,
  CR4_SUPPORTED,
  CR4_TSD,
  GP,
  IF,
  IOPL,
  NP,
  UD,
  VM,
  ZF,
} from "./constants.ts";
import type { Cpu } from "./cpu.ts";
import type { Decoder, Exec } from "./decoder.ts";
import { raising } from "./decoder.ts";
import { setStatusFlags } from "./flags.ts";
import { read16, read32, readSystem16, readSystem32, write16, write32, writeSystem32 } from "./memory.ts";
import { getReg, setReg } from "./operands.ts";
import { flushTlb, invalidatePage } from "./paging.ts";
import { ATTR_CODE, ATTR_CONFORMING, ATTR_PRESENT, ATTR_S, ATTR_WRITABLE, readDescriptor } from "./segments.ts";

export const MSR_TSC = 0x10;
export const MSR_APIC_BASE = 0x1b;

/** #GP(0) unless running at CPL 0 (real mode counts as CPL 0). */
function requireCpl0(cpu: Cpu): void {
  if (cpu.protectedMode && cpu.cpl !== 0) cpu.fault(GP, 0);
}

/** IN/OUT/INS/OUTS at CPL > IOPL consult the TSS I/O permission bitmap (SDM vol. 1, 19.5). */
export function checkIoPermission(cpu: Cpu, port: number, size: number): void {
  if (!cpu.protectedMode) return;
  const iopl = (cpu.flags & IOPL) >> 12;
  if (cpu.cpl <= iopl && (cpu.flags & VM) === 0) return;
  const type = cpu.trAttr & 0xf;
  if ((type !== 0x9 && type !== 0xb) || cpu.trLimit >>> 0 < 0x67) cpu.fault(GP, 0);
  const mapBase = readSystem16(cpu, (cpu.trBase + 0x66) | 0);
  const at = mapBase + (port >> 3);
  if (at + 1 > cpu.trLimit >>> 0) cpu.fault(GP, 0);
  const bits = readSystem16(cpu, (cpu.trBase + at) | 0);
  if (((bits >> (port & 7)) & ((1 << size) - 1)) !== 0) cpu.fault(GP, 0);
}

/** E4-E7 (imm8 port) and EC-EF (DX port). */
export function buildInOut(d: Decoder, opcode: number): Exec {
  const cpu = d.cpu;
  const regs = cpu.regs;
  const size = (opcode & 1) === 0 ? 1 : d.opsize;
  const fixedPort = opcode < 0xe8 ? d.u8() : -1;
  const out = (opcode & 2) !== 0;
  const bus = cpu.bus;
  d.syncPoint = true;
  return () => {
    const port = fixedPort >= 0 ? fixedPort : regs[2]! & 0xffff;
    checkIoPermission(cpu, port, size);
    if (out) {
      const v = getReg(cpu, size, 0);
      bus.writePort(port, size as 1 | 2 | 4, size === 4 ? v >>> 0 : v);
    } else setReg(cpu, size, 0, bus.readPort(port, size as 1 | 2 | 4));
  };
}

/** FA CLI, FB STI (IOPL-sensitive), F4 HLT. */
export function buildInterruptFlag(d: Decoder, opcode: number): Exec {
  const cpu = d.cpu;
  const iopl = (): number => (cpu.flags & IOPL) >> 12;
  if (opcode === 0xf4) {
    d.endBlock = true;
    return () => {
      requireCpl0(cpu);
      cpu.halted = true;
      cpu.attention |= ATT_BREAK;
    };
  }
  if (opcode === 0xfa) {
    return () => {
      if (cpu.protectedMode && cpu.cpl > iopl()) cpu.fault(GP, 0);
      cpu.flags &= ~IF;
    };
  }
  d.endBlock = true;
  return () => {
    if (cpu.protectedMode && cpu.cpl > iopl()) cpu.fault(GP, 0);
    // STI holds interrupts off until after the next instruction (so "sti; hlt" is atomic).
    if ((cpu.flags & IF) === 0) cpu.shadow = 1;
    cpu.flags |= IF;
    cpu.attention |= ATT_BREAK;
  };
}

// ---- control and debug registers ----

export function readCr(cpu: Cpu, n: number): number {
  switch (n) {
    case 0:
      return cpu.cr0 | CR0_ET;
    case 2:
      return cpu.cr2;
    case 3:
      return cpu.cr3;
    case 4:
      return cpu.cr4;
    default:
      return cpu.fault(UD);
  }
}

export function writeCr(cpu: Cpu, n: number, v: number): void {
  switch (n) {
    case 0: {
      if ((v & CR0_PG) !== 0 && (v & CR0_PE) === 0) cpu.fault(GP, 0);
      if ((v & CR0_NW) !== 0 && (v & CR0_CD) === 0) cpu.fault(GP, 0);
      const changed = cpu.cr0 ^ v;
      cpu.cr0 = v | CR0_ET;
      if ((changed & CR0_PE) !== 0) for (let s = 0; s < 6; s++) cpu.updateFlat(s);
      if ((changed & (CR0_PG | CR0_PE | CR0_WP)) !== 0) {
        flushTlb(cpu, true);
        cpu.updateMasks();
      }
      return;
    }
    case 2:
      cpu.cr2 = v;
      return;
    case 3:
      cpu.cr3 = v;
      flushTlb(cpu, false);
      return;
    case 4: {
      if ((v & ~CR4_SUPPORTED) !== 0) cpu.fault(GP, 0);
      const changed = cpu.cr4 ^ v;
      cpu.cr4 = v;
      if ((changed & (CR4_PGE | CR4_PSE)) !== 0) flushTlb(cpu, true);
      return;
    }
    default:
      cpu.fault(UD);
  }
}

/** 0F 20/22 MOV r32, CRn / CRn, r32; 0F 21/23 the same for DRn. The mod field is ignored. */
export function buildMovCrDr(d: Decoder, opcode: number): Exec {
  d.modrm();
  const cpu = d.cpu;
  const regs = cpu.regs;
  const n = d.reg;
  const r = d.rm;
  const toCr = (opcode & 2) !== 0;
  const debug = (opcode & 1) !== 0;
  if (!debug && (n === 1 || n > 4)) return raising(d, UD);
  if (toCr) d.endBlock = true;
  return () => {
    requireCpl0(cpu);
    if (debug) {
      const idx = n === 4 ? 6 : n === 5 ? 7 : n;
      if (toCr) cpu.dr[idx] = idx === 6 ? regs[r]! | 0xffff0ff0 : idx === 7 ? regs[r]! | 0x400 : regs[r]!;
      else regs[r] = cpu.dr[idx]!;
      return;
    }
    if (toCr) {
      writeCr(cpu, n, regs[r]!);
      cpu.attention |= ATT_BREAK;
    } else regs[r] = readCr(cpu, n);
  };
}

// ---- 0F 01: descriptor tables, MSW, INVLPG ----

export function buildGroup7(d: Decoder): Exec {
  d.modrm();
  const cpu = d.cpu;
  const op = d.reg;
  const size = d.opsize;
  if (op === 4) {
    // SMSW r/m16 (a register destination with 32-bit operand size gets all of CR0)
    if (d.isReg) {
      const rm = d.rm;
      return () => setReg(cpu, size, rm, cpu.cr0 | CR0_ET);
    }
    const ea = d.ea(2);
    return () => write16(cpu, ea(), cpu.cr0);
  }
  if (op === 6) {
    // LMSW: loads PE, MP, EM, TS; it can set PE but never clear it.
    let src: () => number;
    if (d.isReg) {
      const rm = d.rm;
      src = () => getReg(cpu, 2, rm);
    } else {
      const ea = d.ea(2);
      src = () => read16(cpu, ea());
    }
    d.endBlock = true;
    return () => {
      requireCpl0(cpu);
      const v = src();
      writeCr(cpu, 0, (cpu.cr0 & ~0xe) | (v & 0xf) | (cpu.cr0 & CR0_PE));
      cpu.attention |= ATT_BREAK;
    };
  }
  if (d.isReg || op === 5) return raising(d, UD);
  const ea = d.ea(6);
  switch (op) {
    case 0:
    case 1:
      return () => {
        const a = ea();
        const idt = op === 1;
        write16(cpu, a, idt ? cpu.idtLimit : cpu.gdtLimit);
        write32(cpu, (a + 2) | 0, idt ? cpu.idtBase : cpu.gdtBase);
      };
    case 2:
    case 3:
      return () => {
        requireCpl0(cpu);
        const a = ea();
        const limit = read16(cpu, a);
        let base = read32(cpu, (a + 2) | 0);
        if (size === 2) base &= 0xffffff;
        if (op === 3) {
          cpu.idtLimit = limit;
          cpu.idtBase = base;
        } else {
          cpu.gdtLimit = limit;
          cpu.gdtBase = base;
        }
      };
    default:
      // INVLPG m
      d.endBlock = true;
      return () => {
        requireCpl0(cpu);
        invalidatePage(cpu, ea());
        cpu.attention |= ATT_BREAK;
      };
  }
}

// ---- 0F 00: LDT and task register, VERR/VERW ----

export function buildGroup6(d: Decoder): Exec {
  d.modrm();
  const cpu = d.cpu;
  const op = d.reg;
  if (op > 5) return raising(d, UD);
  let rm = -1;
  let ea: () => number = () => 0;
  if (d.isReg) rm = d.rm;
  else ea = d.ea(2);
  const size = d.opsize;
  const read = (): number => (rm >= 0 ? getReg(cpu, 2, rm) : read16(cpu, ea()));
  return () => {
    if (!cpu.protectedMode) cpu.fault(UD);
    switch (op) {
      case 0:
      case 1: {
        const v = op === 0 ? cpu.ldtSel : cpu.trSel;
        if (rm >= 0) setReg(cpu, size, rm, v);
        else write16(cpu, ea(), v);
        return;
      }
      case 2:
        return loadLdt(cpu, read());
      case 3:
        return loadTr(cpu, read());
      default:
        return verify(cpu, read(), op === 5);
    }
  };
}

function loadLdt(cpu: Cpu, sel: number): void {
  requireCpl0(cpu);
  if ((sel & ~3) === 0) {
    cpu.ldtSel = sel;
    cpu.ldtBase = 0;
    cpu.ldtLimit = 0;
    return;
  }
  if ((sel & 4) !== 0) cpu.fault(GP, sel & ~3);
  const desc = readDescriptor(cpu, sel);
  if (desc === undefined || (desc.attr & ATTR_S) !== 0 || (desc.attr & 0xf) !== 2) return cpu.fault(GP, sel & ~3);
  if ((desc.attr & ATTR_PRESENT) === 0) cpu.fault(NP, sel & ~3);
  cpu.ldtSel = sel;
  cpu.ldtBase = desc.base;
  cpu.ldtLimit = desc.limit;
}

function loadTr(cpu: Cpu, sel: number): void {
  requireCpl0(cpu);
  if ((sel & ~3) === 0 || (sel & 4) !== 0) cpu.fault(GP, sel & ~3);
  const desc = readDescriptor(cpu, sel);
  const type = desc === undefined ? 0 : desc.attr & 0x1f;
  if (desc === undefined || (type !== 0x1 && type !== 0x9)) return cpu.fault(GP, sel & ~3);
  if ((desc.attr & ATTR_PRESENT) === 0) cpu.fault(NP, sel & ~3);
  // Mark the TSS busy in the GDT, as LTR does.
  desc.hi |= 0x200;
  writeSystem32(cpu, (desc.addr + 4) | 0, desc.hi);
  cpu.trSel = sel;
  cpu.trBase = desc.base;
  cpu.trLimit = desc.limit;
  cpu.trAttr = desc.attr | 2;
}

/** VERR/VERW: ZF=1 when the segment is readable/writable from the current CPL. */
function verify(cpu: Cpu, sel: number, write: boolean): void {
  setStatusFlags(cpu, ZF, accessible(cpu, sel, write ? "write" : "read") ? ZF : 0);
}

function accessible(cpu: Cpu, sel: number, want: "read" | "write" | "any"): boolean {
  if ((sel & ~3) === 0) return false;
  const desc = readDescriptor(cpu, sel);
  if (desc === undefined) return false;
  const a = desc.attr;
  if ((a & ATTR_S) === 0) {
    if (want !== "any") return false;
    // LAR/LSL accept TSS and LDT descriptors (LAR also call/task gates; LSL's caller rejects those).
    const t = a & 0xf;
    if (![1, 2, 3, 4, 5, 9, 0xb, 0xc].includes(t)) return false;
  } else {
    const conforming = (a & ATTR_CODE) !== 0 && (a & ATTR_CONFORMING) !== 0;
    if (want === "write" && ((a & ATTR_CODE) !== 0 || (a & ATTR_WRITABLE) === 0)) return false;
    if (want === "read" && (a & ATTR_CODE) !== 0 && (a & ATTR_WRITABLE) === 0) return false;
    if (conforming) return true;
  }
  return desc.dpl >= cpu.cpl && desc.dpl >= (sel & 3);
}

/** 0F 02 LAR, 0F 03 LSL. */
export function buildLarLsl(d: Decoder, lsl: boolean): Exec {
  d.modrm();
  const cpu = d.cpu;
  const reg = d.reg;
  const size = d.opsize;
  let src: () => number;
  if (d.isReg) {
    const rm = d.rm;
    src = () => getReg(cpu, 2, rm);
  } else {
    const ea = d.ea(2);
    src = () => read16(cpu, ea());
  }
  return () => {
    if (!cpu.protectedMode) cpu.fault(UD);
    const sel = src();
    const ok = accessible(cpu, sel, "any");
    const desc = ok ? readDescriptor(cpu, sel) : undefined;
    if (desc === undefined || (lsl && (desc.attr & ATTR_S) === 0 && [4, 5, 0xc].includes(desc.attr & 0xf))) {
      setStatusFlags(cpu, ZF, 0);
      return;
    }
    setStatusFlags(cpu, ZF, ZF);
    setReg(cpu, size, reg, lsl ? desc.limit : desc.hi & 0x00f0ff00);
  };
}

// ---- identification, time stamp, MSRs ----

/** CPUID feature bits (EDX of leaf 1): DE, PSE, TSC, MSR, CX8, APIC, PGE, CMOV. No FPU, no SSE. */
export const CPUID_FEATURES = (1 << 2) | (1 << 3) | (1 << 4) | (1 << 5) | (1 << 8) | (1 << 9) | (1 << 13) | (1 << 15);

function ascii4(s: string): number {
  return s.charCodeAt(0) | (s.charCodeAt(1) << 8) | (s.charCodeAt(2) << 16) | (s.charCodeAt(3) << 24);
}

export function buildCpuid(d: Decoder): Exec {
  const cpu = d.cpu;
  const regs = cpu.regs;
  return () => {
    const leaf = regs[0]!;
    let a = 0;
    let b = 0;
    let c = 0;
    let dd = 0;
    if (leaf === 0) {
      a = 1;
      b = ascii4("Genu");
      dd = ascii4("ineI");
      c = ascii4("ntel");
    } else if (leaf === 1) {
      a = 0x633; // family 6, model 3, stepping 3
      b = (cpu.id & 0xff) << 24; // initial APIC ID
      dd = CPUID_FEATURES;
    } else if (leaf === (0x80000000 | 0)) {
      a = 0x80000000 | 0;
    }
    regs[0] = a;
    regs[3] = b;
    regs[1] = c;
    regs[2] = dd;
  };
}

export function readTsc(cpu: Cpu): bigint {
  return (cpu.host.readTsc(cpu.id) + cpu.tscOffset) & 0xffffffffffffffffn;
}

export function buildRdtsc(d: Decoder): Exec {
  const cpu = d.cpu;
  const regs = cpu.regs;
  d.syncPoint = true;
  return () => {
    if ((cpu.cr4 & CR4_TSD) !== 0 && cpu.protectedMode && cpu.cpl !== 0) cpu.fault(GP, 0);
    const t = readTsc(cpu);
    regs[0] = Number(t & 0xffffffffn) | 0;
    regs[2] = Number(t >> 32n) | 0;
  };
}

/** MSRs the core keeps itself (beyond the TSC), so common kernel start-up code works. */
const CORE_MSRS = new Set([0x8b, 0x174, 0x175, 0x176]);

export function buildMsr(d: Decoder, write: boolean): Exec {
  const cpu = d.cpu;
  const regs = cpu.regs;
  return () => {
    requireCpl0(cpu);
    const msr = regs[1]! >>> 0;
    if (write) {
      const v = (BigInt(regs[2]! >>> 0) << 32n) | BigInt(regs[0]! >>> 0);
      if (msr === MSR_TSC) {
        cpu.tscOffset = v - cpu.host.readTsc(cpu.id);
        return;
      }
      if (cpu.host.writeMsr?.(cpu.id, msr, v) === true) return;
      if (!CORE_MSRS.has(msr)) {
        cpu.log("unimp", `WRMSR 0x${msr.toString(16)}`);
        cpu.fault(GP, 0);
      }
      cpu.msrs.set(msr, v);
      return;
    }
    let v: bigint | undefined;
    if (msr === MSR_TSC) v = readTsc(cpu);
    else v = cpu.host.readMsr?.(cpu.id, msr);
    if (v === undefined) {
      if (!CORE_MSRS.has(msr)) {
        cpu.log("unimp", `RDMSR 0x${msr.toString(16)}`);
        cpu.fault(GP, 0);
      }
      v = cpu.msrs.get(msr) ?? 0n;
    }
    regs[0] = Number(v & 0xffffffffn) | 0;
    regs[2] = Number((v >> 32n) & 0xffffffffn) | 0;
  };
}

/** 0F 06 CLTS, 0F 08 INVD, 0F 09 WBINVD: privileged no-ops except CLTS clearing CR0.TS. */
export function buildPrivilegedSimple(d: Decoder, opcode: number): Exec {
  const cpu = d.cpu;
  return () => {
    requireCpl0(cpu);
    if (opcode === 0x06) cpu.cr0 &= ~8;
  };
}

/** 63: ARPL r/m16, r16 (protected mode only). */
export function buildArpl(d: Decoder): Exec {
  d.modrm();
  const cpu = d.cpu;
  const reg = d.reg;
  let rm = -1;
  let ea: () => number = () => 0;
  if (d.isReg) rm = d.rm;
  else ea = d.ea(2);
  return () => {
    if (!cpu.protectedMode) cpu.fault(UD);
    const a = rm >= 0 ? -1 : ea();
    const dst = rm >= 0 ? getReg(cpu, 2, rm) : read16(cpu, a);
    const src = getReg(cpu, 2, reg);
    if ((dst & 3) < (src & 3)) {
      const v = (dst & ~3) | (src & 3);
      if (rm >= 0) setReg(cpu, 2, rm, v);
      else write16(cpu, a, v);
      setStatusFlags(cpu, ZF, ZF);
    } else setStatusFlags(cpu, ZF, 0);
  };
}

/** 62: BOUND r, m16&16 / m32&32: #BR when the index is outside [lower, upper]. */
export function buildBound(d: Decoder): Exec {
  d.modrm();
  if (d.isReg) return raising(d, UD);
  const cpu = d.cpu;
  const reg = d.reg;
  const size = d.opsize;
  const ea = d.ea(2 * size);
  return () => {
    const a = ea();
    const sh = size === 4 ? 0 : 16;
    const lo = size === 4 ? read32(cpu, a) : (read16(cpu, a) << 16) >> 16;
    const hi = size === 4 ? read32(cpu, (a + 4) | 0) : (read16(cpu, (a + 2) | 0) << 16) >> 16;
    const idx = (getReg(cpu, size, reg) << sh) >> sh;
    if (idx < lo || idx > hi) cpu.fault(5);
  };
}

export { readSystem32 };
