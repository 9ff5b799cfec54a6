// Linear-to-physical translation: the two-level 32-bit page walk (4 KiB and PSE 4 MiB pages,
// A/D bit updates, U/S and R/W checks with CR0.WP, global pages) and the per-CPU TLB that
// caches its results. The TLB is the source of truth once filled: a changed page-table entry
// is not seen until CR3 is reloaded or INVLPG names the page, exactly as on hardware.
// SDM vol. 3, chapter 4 (4.3 32-bit paging, 4.7 page-fault error code, 4.10 TLBs).

import {
  CR0_PG,
  CR0_WP,
  CR4_PGE,
  CR4_PSE,
  GUEST_FAULT,
  PF_VECTOR,
  TLB_DIRTY,
  TLB_GLOBAL,
  TLB_LARGE,
  TLB_RAM,
  TLB_USER,
  TLB_VALID,
  TLB_WRITABLE,
} from "./constants.ts";
import type { Cpu } from "./cpu.ts";

export const enum Access {
  Read = 0,
  Write = 1,
  Fetch = 2,
}

/** How many TLB entries we hold before evicting (hardware TLBs are finite too). */
const TLB_CAPACITY = 8192;

/** Physical 32-bit read of a page-table entry (RAM or MMIO; no TLB). */
function readPte(cpu: Cpu, addr: number): number {
  return cpu.bus.read(addr >>> 0, 4, cpu.id) | 0;
}

function writePte(cpu: Cpu, addr: number, value: number): void {
  cpu.bus.write(addr >>> 0, 4, value >>> 0, cpu.id);
}

/** True when a whole 4 KiB physical page is plain RAM. */
export function isRamPage(cpu: Cpu, pageBase: number): boolean {
  const bus = cpu.bus;
  return bus.isRam(pageBase >>> 0) && bus.isRam((pageBase + 0xfff) >>> 0);
}

/** Raise #PF for `linear` with the error code bits P (protection), W/R and U/S (SDM 4.7). */
function pageFault(cpu: Cpu, linear: number, present: boolean, write: boolean, user: boolean): never {
  cpu.cr2 = linear | 0;
  return cpu.fault(PF_VECTOR, (present ? 1 : 0) | (write ? 2 : 0) | (user ? 4 : 0));
}

/**
 * Translate `linear` for an access, using the TLB when it has a usable entry and walking the
 * page tables otherwise. Returns the TLB entry (physical page base | TLB_* bits).
 */
export function translate(cpu: Cpu, linear: number, access: Access, user: boolean): number {
  const page = linear >>> 12;
  const e = cpu.tlb[page]!;
  if (e !== 0) {
    const okUser = !user || (e & TLB_USER) !== 0;
    const okWrite =
      access !== Access.Write ||
      ((e & TLB_DIRTY) !== 0 && ((e & TLB_WRITABLE) !== 0 || (!user && (cpu.cr0 & CR0_WP) === 0)));
    if (okUser && okWrite) return e;
    // A TLB entry that does not permit the access is dropped and the walk repeated from
    // memory (SDM 4.10.4.1: a page fault invalidates the entry; D-bit updates re-walk too).
    cpu.tlb[page] = 0;
  }
  return walk(cpu, linear, access, user);
}

function walk(cpu: Cpu, linear: number, access: Access, user: boolean): number {
  const write = access === Access.Write;
  const page = linear >>> 12;
  let entry: number;
  if ((cpu.cr0 & CR0_PG) === 0) {
    const base = linear & ~0xfff;
    entry = base | TLB_VALID | TLB_USER | TLB_WRITABLE | TLB_DIRTY;
  } else {
    const pdeAddr = (cpu.cr3 & ~0xfff) | ((linear >>> 22) << 2);
    let pde = readPte(cpu, pdeAddr);
    if ((pde & 1) === 0) pageFault(cpu, linear, false, write, user);
    let base: number;
    let perm: number;
    let global: boolean;
    let dirty: boolean;
    let large = false;
    if ((pde & 0x80) !== 0 && (cpu.cr4 & CR4_PSE) !== 0) {
      large = true;
      cpu.tlbHasLarge = true;
      perm = pde;
      checkPermission(cpu, linear, perm, write, user);
      const newPde = pde | 0x20 | (write ? 0x40 : 0);
      if (newPde !== pde) writePte(cpu, pdeAddr, newPde);
      pde = newPde;
      base = (pde & 0xffc00000) | (linear & 0x3ff000);
      global = (pde & 0x100) !== 0;
      dirty = (pde & 0x40) !== 0;
    } else {
      const pteAddr = (pde & ~0xfff) | (((linear >>> 12) & 0x3ff) << 2);
      let pte = readPte(cpu, pteAddr);
      if ((pte & 1) === 0) pageFault(cpu, linear, false, write, user);
      perm = pde & pte;
      checkPermission(cpu, linear, perm, write, user);
      if ((pde & 0x20) === 0) writePte(cpu, pdeAddr, pde | 0x20);
      const newPte = pte | 0x20 | (write ? 0x40 : 0);
      if (newPte !== pte) writePte(cpu, pteAddr, newPte);
      pte = newPte;
      base = pte & ~0xfff;
      global = (pte & 0x100) !== 0;
      dirty = (pte & 0x40) !== 0;
    }
    entry =
      base |
      TLB_VALID |
      (perm & 4 ? TLB_USER : 0) |
      (perm & 2 ? TLB_WRITABLE : 0) |
      (dirty ? TLB_DIRTY : 0) |
      (global && (cpu.cr4 & CR4_PGE) !== 0 ? TLB_GLOBAL : 0) |
      (large ? TLB_LARGE : 0);
  }
  if (!cpu.watchedPages.has(page) && isRamPage(cpu, entry & ~0xfff)) entry |= TLB_RAM;
  insert(cpu, page, entry);
  return entry;
}

function checkPermission(cpu: Cpu, linear: number, perm: number, write: boolean, user: boolean): void {
  if (user && (perm & 4) === 0) pageFault(cpu, linear, true, write, user);
  if (write && (perm & 2) === 0 && (user || (cpu.cr0 & CR0_WP) !== 0)) pageFault(cpu, linear, true, write, user);
}

function insert(cpu: Cpu, page: number, entry: number): void {
  if (cpu.tlb[page] === 0) {
    if (cpu.tlbCount >= TLB_CAPACITY) {
      flushTlb(cpu, false);
      if (cpu.tlbCount >= TLB_CAPACITY - 16) flushTlb(cpu, true);
    }
    cpu.tlbPages[cpu.tlbCount++] = page;
  }
  cpu.tlb[page] = entry;
}

/** Drop TLB entries: all non-global ones (CR3 write), or every one (CR0.PG/CR4 changes). */
export function flushTlb(cpu: Cpu, includeGlobal: boolean): void {
  const tlb = cpu.tlb;
  const pages = cpu.tlbPages;
  let kept = 0;
  for (let i = 0; i < cpu.tlbCount; i++) {
    const p = pages[i]!;
    const e = tlb[p]!;
    if (e === 0) continue;
    if (!includeGlobal && (e & TLB_GLOBAL) !== 0) pages[kept++] = p;
    else tlb[p] = 0;
  }
  cpu.tlbCount = kept;
  if (includeGlobal || kept === 0) cpu.tlbHasLarge = false;
}

/** INVLPG: drop the entry for one page, global or not; for a 4 MiB page, all its slices. */
export function invalidatePage(cpu: Cpu, linear: number): void {
  const tlb = cpu.tlb;
  tlb[linear >>> 12] = 0;
  if (cpu.tlbHasLarge) {
    const first = (linear >>> 22) << 10;
    for (let p = first; p < first + 1024; p++) if ((tlb[p]! & TLB_LARGE) !== 0) tlb[p] = 0;
  }
}

/** Walk the page tables for a debugger: no faults, no A/D updates, no TLB fill. */
export function debugTranslate(cpu: Cpu, linear: number): number | undefined {
  linear >>>= 0;
  if ((cpu.cr0 & CR0_PG) === 0) return linear;
  const pde = readPte(cpu, (cpu.cr3 & ~0xfff) | ((linear >>> 22) << 2));
  if ((pde & 1) === 0) return undefined;
  if ((pde & 0x80) !== 0 && (cpu.cr4 & CR4_PSE) !== 0) return ((pde & 0xffc00000) | (linear & 0x3fffff)) >>> 0;
  const pte = readPte(cpu, (pde & ~0xfff) | (((linear >>> 12) & 0x3ff) << 2));
  if ((pte & 1) === 0) return undefined;
  return ((pte & ~0xfff) | (linear & 0xfff)) >>> 0;
}

export { GUEST_FAULT };
