// Linear memory access for instructions: a fast path straight into RAM when the TLB holds a
// usable entry and the access stays inside one page, and a slow path for everything else
// (TLB miss, page-crossing, MMIO, watched pages). Stores also tell the code cache when they
// land on bytes it has decoded, so self-modifying code is seen.

import { TLB_RAM, TLB_VALID } from "./constants.ts";
import type { Cpu } from "./cpu.ts";
import { Access, translate } from "./paging.ts";

export function read8(cpu: Cpu, lin: number): number {
  const e = cpu.tlb[lin >>> 12]!;
  const m = cpu.readMask;
  if ((e & m) === m) return cpu.ram[(e & -4096) | (lin & 4095)]!;
  return readSlow(cpu, lin, 1);
}

export function read16(cpu: Cpu, lin: number): number {
  const e = cpu.tlb[lin >>> 12]!;
  const m = cpu.readMask;
  if ((e & m) === m && (lin & 4095) !== 4095) {
    const p = (e & -4096) | (lin & 4095);
    const ram = cpu.ram;
    return ram[p]! | (ram[p + 1]! << 8);
  }
  return readSlow(cpu, lin, 2);
}

/** 32-bit read, returned as int32. */
export function read32(cpu: Cpu, lin: number): number {
  const e = cpu.tlb[lin >>> 12]!;
  const m = cpu.readMask;
  if ((e & m) === m && (lin & 4095) <= 4092) {
    const p = (e & -4096) | (lin & 4095);
    if ((p & 3) === 0) return cpu.ram32[p >> 2]!;
    const ram = cpu.ram;
    return ram[p]! | (ram[p + 1]! << 8) | (ram[p + 2]! << 16) | (ram[p + 3]! << 24);
  }
  return readSlow(cpu, lin, 4) | 0;
}

export function write8(cpu: Cpu, lin: number, v: number): void {
  const e = cpu.tlb[lin >>> 12]!;
  const m = cpu.writeMask;
  if ((e & m) === m) {
    const p = (e & -4096) | (lin & 4095);
    cpu.ram[p] = v;
    if (cpu.codeLines[p >>> 6] !== 0) cpu.codeWritten(p, 1);
    return;
  }
  writeSlow(cpu, lin, 1, v);
}

export function write16(cpu: Cpu, lin: number, v: number): void {
  const e = cpu.tlb[lin >>> 12]!;
  const m = cpu.writeMask;
  if ((e & m) === m && (lin & 4095) !== 4095) {
    const p = (e & -4096) | (lin & 4095);
    const ram = cpu.ram;
    ram[p] = v;
    ram[p + 1] = v >> 8;
    if ((cpu.codeLines[p >>> 6]! | cpu.codeLines[(p + 1) >>> 6]!) !== 0) cpu.codeWritten(p, 2);
    return;
  }
  writeSlow(cpu, lin, 2, v);
}

export function write32(cpu: Cpu, lin: number, v: number): void {
  const e = cpu.tlb[lin >>> 12]!;
  const m = cpu.writeMask;
  if ((e & m) === m && (lin & 4095) <= 4092) {
    const p = (e & -4096) | (lin & 4095);
    if ((p & 3) === 0) cpu.ram32[p >> 2] = v;
    else {
      const ram = cpu.ram;
      ram[p] = v;
      ram[p + 1] = v >> 8;
      ram[p + 2] = v >> 16;
      ram[p + 3] = v >> 24;
    }
    if ((cpu.codeLines[p >>> 6]! | cpu.codeLines[(p + 3) >>> 6]!) !== 0) cpu.codeWritten(p, 4);
    return;
  }
  writeSlow(cpu, lin, 4, v);
}

export function readSized(cpu: Cpu, lin: number, size: number): number {
  return size === 4 ? read32(cpu, lin) : size === 2 ? read16(cpu, lin) : read8(cpu, lin);
}

export function writeSized(cpu: Cpu, lin: number, size: number, v: number): void {
  if (size === 4) write32(cpu, lin, v);
  else if (size === 2) write16(cpu, lin, v);
  else write8(cpu, lin, v);
}

/**
 * Make sure a later write of `size` bytes at `lin` cannot fault, before an instruction
 * changes any other state (e.g. the return-address push of CALL, string stores).
 */
export function probeWrite(cpu: Cpu, lin: number, size: number): void {
  const user = cpu.cpl === 3;
  translate(cpu, lin, Access.Write, user);
  if (((lin & 4095) + size) > 4096) translate(cpu, (lin + size - 1) | 0, Access.Write, user);
}

// ---- slow paths ----------------------------------------------------------------------------

function physRead(cpu: Cpu, entry: number, lin: number, size: number): number {
  const p = ((entry & -4096) | (lin & 4095)) >>> 0;
  if ((entry & TLB_RAM) !== 0) {
    const ram = cpu.ram;
    if (size === 1) return ram[p]!;
    if (size === 2) return ram[p]! | (ram[p + 1]! << 8);
    return (ram[p]! | (ram[p + 1]! << 8) | (ram[p + 2]! << 16) | (ram[p + 3]! << 24)) >>> 0;
  }
  return cpu.bus.read(p, size as 1 | 2 | 4, cpu.id);
}

function physWrite(cpu: Cpu, entry: number, lin: number, size: number, v: number): void {
  const p = ((entry & -4096) | (lin & 4095)) >>> 0;
  if ((entry & TLB_RAM) !== 0) {
    const ram = cpu.ram;
    ram[p] = v;
    if (size > 1) ram[p + 1] = v >> 8;
    if (size > 2) {
      ram[p + 2] = v >> 16;
      ram[p + 3] = v >> 24;
    }
    cpu.codeWritten(p, size);
    return;
  }
  cpu.bus.write(p, size as 1 | 2 | 4, size === 4 ? v >>> 0 : v & (size === 2 ? 0xffff : 0xff), cpu.id);
  if (cpu.bus.isRam(p)) cpu.codeWritten(p, size);
}

export function readSlow(cpu: Cpu, lin: number, size: number): number {
  lin |= 0;
  const user = cpu.cpl === 3;
  let v: number;
  if ((lin & 4095) + size <= 4096) {
    v = physRead(cpu, translate(cpu, lin, Access.Read, user), lin, size);
  } else {
    // Crossing a page: translate both pages before reading either (both may fault).
    const e1 = translate(cpu, lin, Access.Read, user);
    const e2 = translate(cpu, (lin + size - 1) | 0, Access.Read, user);
    v = 0;
    for (let i = 0; i < size; i++) {
      const a = (lin + i) | 0;
      v |= physRead(cpu, (a & 4095) < (lin & 4095) ? e2 : e1, a, 1) << (8 * i);
    }
    v >>>= 0;
  }
  if (cpu.watchCount !== 0) cpu.checkWatch(lin, size, false);
  return v;
}

export function writeSlow(cpu: Cpu, lin: number, size: number, v: number): void {
  lin |= 0;
  const user = cpu.cpl === 3;
  if ((lin & 4095) + size <= 4096) {
    physWrite(cpu, translate(cpu, lin, Access.Write, user), lin, size, v);
  } else {
    const e1 = translate(cpu, lin, Access.Write, user);
    const e2 = translate(cpu, (lin + size - 1) | 0, Access.Write, user);
    for (let i = 0; i < size; i++) {
      const a = (lin + i) | 0;
      physWrite(cpu, (a & 4095) < (lin & 4095) ? e2 : e1, a, 1, v >> (8 * i));
    }
  }
  if (cpu.watchCount !== 0) cpu.checkWatch(lin, size, true);
}

/** Instruction fetch of one byte (decoder only; always the slow, checked path). */
export function fetch8(cpu: Cpu, lin: number): number {
  const e = translate(cpu, lin | 0, Access.Fetch, cpu.cpl === 3);
  return physRead(cpu, e, lin, 1);
}

/** Supervisor-mode (implicit) access: descriptor tables, TSS, IDT. CPL does not matter. */
export function readSystem32(cpu: Cpu, lin: number): number {
  const e1 = translate(cpu, lin | 0, Access.Read, false);
  if ((lin & 4095) <= 4092) return physRead(cpu, e1, lin, 4) | 0;
  let v = 0;
  for (let i = 0; i < 4; i++) v |= physRead(cpu, translate(cpu, (lin + i) | 0, Access.Read, false), (lin + i) | 0, 1) << (8 * i);
  return v;
}

export function readSystem16(cpu: Cpu, lin: number): number {
  let v = 0;
  for (let i = 0; i < 2; i++) v |= physRead(cpu, translate(cpu, (lin + i) | 0, Access.Read, false), (lin + i) | 0, 1) << (8 * i);
  return v;
}

export function writeSystem32(cpu: Cpu, lin: number, v: number): void {
  for (let i = 0; i < 4; i++) physWrite(cpu, translate(cpu, (lin + i) | 0, Access.Write, false), (lin + i) | 0, 1, v >> (8 * i));
}

export function writeSystem16(cpu: Cpu, lin: number, v: number): void {
  for (let i = 0; i < 2; i++) physWrite(cpu, translate(cpu, (lin + i) | 0, Access.Write, false), (lin + i) | 0, 1, v >> (8 * i));
}

export { TLB_VALID };

/**
 * Read the memory operand of a read-modify-write instruction. The page is translated for
 * writing first, so a read-only page faults before the instruction changes flags or memory.
 */
export function rmwRead32(cpu: Cpu, lin: number): number {
  const e = cpu.tlb[lin >>> 12]!;
  const m = cpu.writeMask;
  if ((e & m) !== m || (lin & 4095) > 4092) probeWrite(cpu, lin, 4);
  return read32(cpu, lin);
}

export function rmwRead(cpu: Cpu, lin: number, size: number): number {
  const e = cpu.tlb[lin >>> 12]!;
  const m = cpu.writeMask;
  if ((e & m) !== m || (lin & 4095) > 4096 - size) probeWrite(cpu, lin, size);
  return size === 4 ? read32(cpu, lin) : size === 2 ? read16(cpu, lin) : read8(cpu, lin);
}
