// Segment registers: real-mode loads (base = selector << 4), protected-mode loads with the
// descriptor checks of SDM vol. 2 "MOV—Move" / vol. 3 5.5-5.8, and the descriptor reader
// shared by far transfers, task-register and LDT loads.

import { CS, GP, NP, SS, SS_FAULT } from "./constants.ts";
import type { Cpu } from "./cpu.ts";
import { readSystem32, writeSystem32 } from "./memory.ts";

/** Attribute bits (descriptor high dword >> 8). */
export const ATTR_ACCESSED = 0x1;
export const ATTR_WRITABLE = 0x2; // data: writable; code: readable
export const ATTR_CONFORMING = 0x4; // code: conforming; data: expand-down
export const ATTR_CODE = 0x8;
export const ATTR_S = 0x10;
export const ATTR_PRESENT = 0x80;
export const ATTR_DB = 0x4000;
export const ATTR_G = 0x8000;

export interface Descriptor {
  lo: number;
  hi: number;
  base: number;
  limit: number;
  attr: number;
  dpl: number;
  /** Linear address of the descriptor, to set its accessed bit. */
  addr: number;
}

export function parseDescriptor(lo: number, hi: number, addr: number): Descriptor {
  const attr = (hi >>> 8) & 0xf0ff;
  let limit = (lo & 0xffff) | (hi & 0xf0000);
  if ((attr & ATTR_G) !== 0) limit = (limit << 12) | 0xfff;
  return {
    lo,
    hi,
    base: (lo >>> 16) | ((hi & 0xff) << 16) | (hi & 0xff000000),
    limit: limit | 0,
    attr,
    dpl: (attr >> 5) & 3,
    addr,
  };
}

/**
 * Read the descriptor a selector names from the GDT or LDT; undefined when the selector is
 * beyond the table limit (the caller raises the fault its instruction specifies).
 */
export function readDescriptor(cpu: Cpu, selector: number): Descriptor | undefined {
  const index = selector & ~7;
  let base: number;
  let limit: number;
  if ((selector & 4) !== 0) {
    if ((cpu.ldtSel & ~3) === 0) return undefined;
    base = cpu.ldtBase;
    limit = cpu.ldtLimit;
  } else {
    base = cpu.gdtBase;
    limit = cpu.gdtLimit;
  }
  if (index + 7 > limit >>> 0) return undefined;
  const addr = (base + index) | 0;
  return parseDescriptor(readSystem32(cpu, addr), readSystem32(cpu, (addr + 4) | 0), addr);
}

/** Set the accessed bit in memory, as the CPU does on every segment load. */
export function markAccessed(cpu: Cpu, d: Descriptor): void {
  if ((d.hi & 0x100) === 0) {
    d.hi |= 0x100;
    writeSystem32(cpu, (d.addr + 4) | 0, d.hi);
  }
}

/** Put a descriptor into a segment register's hidden part. */
export function setSegmentCache(cpu: Cpu, seg: number, selector: number, d: Descriptor): void {
  cpu.segSel[seg] = selector & 0xffff;
  cpu.segBase[seg] = d.base;
  cpu.segLimit[seg] = d.limit;
  cpu.segAttr[seg] = d.attr | ATTR_ACCESSED;
  if (seg === CS) cpu.code32 = (d.attr & ATTR_DB) !== 0;
  else if (seg === SS) cpu.stack32 = (d.attr & ATTR_DB) !== 0;
  cpu.updateFlat(seg);
}

/**
 * Real-mode load: base = selector * 16; the limit and attributes stay as they were (so a
 * 4 GiB limit set in protected mode survives: "unreal mode"). `reset` gives the power-on
 * 64 KiB limit, as RESET, INIT and SIPI do.
 */
export function setSegmentReal(cpu: Cpu, seg: number, selector: number, reset = false): void {
  selector &= 0xffff;
  cpu.segSel[seg] = selector;
  cpu.segBase[seg] = selector << 4;
  if (reset || cpu.segAttr[seg] === 0) {
    cpu.segLimit[seg] = 0xffff;
    cpu.segAttr[seg] = seg === CS ? 0x9b : 0x93;
  }
  if (seg === CS) cpu.code32 = false;
  else if (seg === SS) cpu.stack32 = false;
  cpu.updateFlat(seg);
}

/** A flat 4 GiB ring-0 segment (Multiboot entry state). */
export function setSegmentFlat(cpu: Cpu, seg: number, selector: number, code: boolean): void {
  cpu.segSel[seg] = selector & 0xffff;
  cpu.segBase[seg] = 0;
  cpu.segLimit[seg] = -1;
  cpu.segAttr[seg] = (code ? 0x9b : 0x93) | ATTR_DB | ATTR_G;
  if (seg === CS) cpu.code32 = true;
  else if (seg === SS) cpu.stack32 = true;
  cpu.updateFlat(seg);
}

/**
 * MOV/POP/LDS... to a data segment register or SS, with protected-mode checks. CS is never
 * loaded here (far transfers use loadCodeSegment in ops-control).
 */
export function loadSegment(cpu: Cpu, seg: number, selector: number): void {
  selector &= 0xffff;
  if (!cpu.protectedMode || (cpu.flags & (1 << 17)) !== 0) {
    setSegmentReal(cpu, seg, selector);
    return;
  }
  const rpl = selector & 3;
  if ((selector & ~3) === 0) {
    if (seg === SS) cpu.fault(GP, 0);
    // A null selector makes the register unusable: any access through it raises #GP(0).
    cpu.segSel[seg] = selector;
    cpu.segBase[seg] = 0;
    cpu.segLimit[seg] = 0;
    cpu.segAttr[seg] = 0;
    cpu.updateFlat(seg);
    return;
  }
  const d = readDescriptor(cpu, selector);
  if (d === undefined) return cpu.fault(GP, selector & ~3);
  const a = d.attr;
  if (seg === SS) {
    if (rpl !== cpu.cpl || d.dpl !== cpu.cpl || (a & ATTR_S) === 0 || (a & ATTR_CODE) !== 0 || (a & ATTR_WRITABLE) === 0) {
      cpu.fault(GP, selector & ~3);
    }
    if ((a & ATTR_PRESENT) === 0) cpu.fault(SS_FAULT, selector & ~3);
  } else {
    if ((a & ATTR_S) === 0 || ((a & ATTR_CODE) !== 0 && (a & ATTR_WRITABLE) === 0)) cpu.fault(GP, selector & ~3);
    const conformingCode = (a & ATTR_CODE) !== 0 && (a & ATTR_CONFORMING) !== 0;
    if (!conformingCode && (rpl > d.dpl || cpu.cpl > d.dpl)) cpu.fault(GP, selector & ~3);
    if ((a & ATTR_PRESENT) === 0) cpu.fault(NP, selector & ~3);
  }
  markAccessed(cpu, d);
  setSegmentCache(cpu, seg, selector, d);
}

/**
 * After a return to an outer ring, data segment registers whose DPL is below the new CPL
 * are nulled (SDM vol. 2 RET/IRET: "FOR each of segment register (ES, FS, GS, and DS)").
 */
export function nullInaccessibleSegments(cpu: Cpu): void {
  for (const seg of [0, 3, 4, 5]) {
    const a = cpu.segAttr[seg]!;
    const dpl = (a >> 5) & 3;
    const dataOrNonConforming = (a & ATTR_CODE) === 0 || (a & ATTR_CONFORMING) === 0;
    if ((cpu.segSel[seg]! & ~3) !== 0 && dataOrNonConforming && dpl < cpu.cpl) {
      cpu.segSel[seg] = 0;
      cpu.segBase[seg] = 0;
      cpu.segLimit[seg] = 0;
      cpu.segAttr[seg] = 0;
      cpu.updateFlat(seg);
    }
  }
}

/** A debugger writes a segment register: load whatever the tables say, never fault. */
export function loadSegmentForDebugger(cpu: Cpu, seg: number, selector: number): void {
  if (!cpu.protectedMode) {
    setSegmentReal(cpu, seg, selector);
    return;
  }
  try {
    const d = readDescriptor(cpu, selector);
    if (d !== undefined && (selector & ~3) !== 0) setSegmentCache(cpu, seg, selector, d);
    else cpu.segSel[seg] = selector;
  } catch {
    cpu.segSel[seg] = selector;
  }
  if (seg === CS) cpu.setCpl(selector & 3);
}

/**
 * Segment usability, type and limit check for a non-flat segment (SDM vol. 3, 5.3-5.4):
 * returns the linear address, or raises #GP(0) (#SS(0) for SS) when the segment is null,
 * the access is a write to a read-only or code segment, a read of an execute-only one, or
 * any byte lies outside the limit.
 */
export function checkLimit(cpu: Cpu, seg: number, linear: number, size: number, write = false): number {
  if (!cpu.protectedMode && cpu.segLimit[seg] === 0xffff) {
    const off = (linear - cpu.segBase[seg]!) >>> 0;
    if (off + size - 1 > 0xffff) cpu.fault(seg === SS ? SS_FAULT : GP, 0);
    return linear;
  }
  const attr = cpu.segAttr[seg]!;
  if (attr === 0) cpu.fault(seg === SS ? SS_FAULT : GP, 0);
  // Type: code segments are never writable and readable only with R; data needs W to write.
  if ((attr & ATTR_CODE) !== 0 ? write || (attr & ATTR_WRITABLE) === 0 : write && (attr & ATTR_WRITABLE) === 0) {
    cpu.fault(seg === SS ? SS_FAULT : GP, 0);
  }
  const off = (linear - cpu.segBase[seg]!) >>> 0;
  const limit = cpu.segLimit[seg]! >>> 0;
  const end = off + size - 1;
  if ((attr & 0x1c) === 0x14) {
    // expand-down data: valid offsets are limit+1 .. 0xffff or 0xffffffff
    const upper = (attr & 0x4000) !== 0 ? 0xffffffff : 0xffff;
    if (off <= limit || end > upper) cpu.fault(seg === SS ? SS_FAULT : GP, 0);
  } else if (end > limit) cpu.fault(seg === SS ? SS_FAULT : GP, 0);
  return linear;
}

