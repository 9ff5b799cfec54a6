// pmap.ts: the kernel address space with 4 KiB page tables (DragonFly's pmap.c and
// pmap_inval.c, reduced to the kernel pmap). The boot identity map (4 MiB pages, pmap_boot.ts)
// stays for everything else; the KVA window [KVA_BASE, KVA_BASE + KVA_SIZE) gets page tables
// of its own, so pages can be mapped, unmapped and write-protected one at a time.
//
// TLB coherence: a CPU may keep using a translation it cached after the PTE changed (Intel
// SDM vol. 3A §4.10.4: software must invalidate; other CPUs' TLBs are not snooped). So every
// change to a present PTE goes through pmap_inval_pte: with other CPUs in pm_active, the
// change is made between a cpusync interlock (they are held in IPI context, running no
// thread, so none uses the old entry half-way) and the deinterlock, which runs invlpg on each
// of them and here. Not lwkt_cpusync_quick: without the interlock a thread on another CPU
// could keep reading and writing through its stale entry after this CPU already sees the new
// PTE (a replaced frame would be two pages at one address at once). Only pm_active's CPUs
// are asked: a CPU that never ran on the pmap cannot cache its entries. Installing a PTE
// where none was present needs no invalidation (not-present translations are never cached,
// SDM §4.10.2.3). Kernel PTEs are global (CR4.PGE): a CR3 reload keeps them, so invlpg is
// the only way they go.
import { kernel_pgdir } from "../kern/cpufunc.ts";
import { mycpu, ncpus } from "../kern/globaldata.ts";
import { panic, panic1, panic_trap } from "../kern/panic.ts";
import { intr_register, TrapFrame } from "../kern/trap.ts";
import { Cpusync, lwkt_cpusync_interlock, lwkt_cpusync_deinterlock, cpumask_all } from "../lwkt/cpusync.ts";
import { vm_page_alloc } from "./vm_page.ts";

export const KVA_BASE: u32 = 0xc0000000;
export const KVA_SIZE: u32 = 0x01000000; // 16 MiB: four page tables
const KVA_NPT: u32 = 4;

export const PG_V: u32 = 0x001;
export const PG_RW: u32 = 0x002;
export const PG_G: u32 = 0x100;
const PG_FRAME: u32 = 0xfffff000;
const CR4_PGE: u32 = 0x80;
export const VM_PROT_READ: u32 = 1;
export const VM_PROT_WRITE: u32 = 2;
const T_PAGEFLT: u32 = 14;

export class Pmap {
  /** The page directory (physical = virtual: identity-mapped). */
  pm_pdir: usize = 0;
  /** CPUs that may hold translations of this pmap (the kernel pmap: all of them). */
  pm_active: u32 = 0;
  pm_resident: u32 = 0;
}

export let kernel_pmap: Pmap = new Pmap();

/** Counters: invalidations done locally only, through cpusync; invlpg executed per CPU. */
export let pmap_inval_local: u32 = 0;
export let pmap_inval_cpusync: u32 = 0;
export let pmap_invlpg_count: FixedArray<u32, 32> = [];
/** Page faults taken per CPU in the probe window (tests), and the last address. */
export let pmap_probe_faults: FixedArray<u32, 32> = [];
export let pmap_probe_cr2: FixedArray<u32, 32> = [];

let kva_next: u32 = KVA_BASE;
/** A test's probe: a fault on this page maps `pmap_probe_marker` there instead of panicking. */
let probe_va: u32 = 0;
let probe_marker_pa: u32 = 0;

function pte_addr(pm: Pmap, va: u32): Ptr<u32> {
  if (va < KVA_BASE || va >= KVA_BASE + KVA_SIZE) panic1("pmap: %p is outside the KVA window", va);
  const pde: u32 = load<u32>(pm.pm_pdir + (va >>> 22) * 4);
  return (pde & PG_FRAME) + ((va >>> 12) & 1023) * 4;
}

function pge_enable(): void {
  write_cr4(read_cr4() | CR4_PGE);
}

/** Boot CPU, before the APs start: page tables for the KVA window, global pages, #PF hook. */
export function pmap_init(): void {
  kernel_pmap.pm_pdir = addressof(kernel_pgdir[0]);
  kernel_pmap.pm_active = 0xffffffff;
  for (let i: u32 = 0; i < KVA_NPT; i++) {
    const pt: usize = vm_page_alloc();
    if (pt == 0) panic("pmap_init: no page for a page table");
    for (let k: u32 = 0; k < 1024; k++) store<u32>(pt + k * 4, 0);
    kernel_pgdir[(KVA_BASE >>> 22) + i] = pt | PG_RW | PG_V;
  }
  // Drop this CPU's 4 MiB translations of the window (APs load the new directory at start).
  write_cr3(read_cr3());
  pge_enable();
  intr_register(T_PAGEFLT, pmap_pagefault);
}

/** Every AP after its paging is on: kernel PTEs are global there too. */
export function pmap_ap_init(): void {
  pge_enable();
}

/** `npages` of kernel virtual space, never given back (a bump allocator is enough so far). */
export function kva_alloc(npages: u32): u32 {
  const va: u32 = kva_next;
  if (npages * 4096 > KVA_BASE + KVA_SIZE - va) return 0;
  kva_next = va + npages * 4096;
  return va;
}

function invlpg_func(va: usize): void {
  invlpg(va);
  pmap_invlpg_count[mycpu().gd_cpuid]++;
}

/**
 * Replace the present PTE at `ptep` (for `va`) by `npte`, invalidating every CPU of pm_active
 * that may cache it. Thread context (cpusync may wait).
 */
function pmap_inval_pte(pm: Pmap, va: u32, ptep: Ptr<u32>, npte: u32): void {
  const self: u32 = 1 << mycpu().gd_cpuid;
  const others: u32 = pm.pm_active & cpumask_all() & ~self;
  if (others == 0) {
    volatile_store<u32>(ptep, npte);
    invlpg_func(va);
    pmap_inval_local++;
    return;
  }
  const cs: Cpusync = new Cpusync();
  cs.cs_mask = others | (pm.pm_active & self);
  cs.cs_func = invlpg_func;
  cs.cs_data = va;
  lwkt_cpusync_interlock(cs);
  volatile_store<u32>(ptep, npte);
  lwkt_cpusync_deinterlock(cs);
  pmap_inval_cpusync++;
}

/** Map `va` to `pa` with `prot` (VM_PROT_*), replacing any earlier mapping. */
export function pmap_enter(pm: Pmap, va: u32, pa: u32, prot: u32): void {
  const ptep: Ptr<u32> = pte_addr(pm, va);
  const npte: u32 = (pa & PG_FRAME) | PG_V | PG_G | ((prot & VM_PROT_WRITE) != 0 ? PG_RW : 0);
  const opte: u32 = volatile_load<u32>(ptep);
  if ((opte & PG_V) == 0) {
    volatile_store<u32>(ptep, npte);
    pm.pm_resident++;
  } else if (opte != npte) {
    pmap_inval_pte(pm, va, ptep, npte);
  }
}

/** Unmap [sva, eva). */
export function pmap_remove(pm: Pmap, sva: u32, eva: u32): void {
  for (let va: u32 = sva & PG_FRAME; va < eva; va += 4096) {
    const ptep: Ptr<u32> = pte_addr(pm, va);
    if ((volatile_load<u32>(ptep) & PG_V) == 0) continue;
    pmap_inval_pte(pm, va, ptep, 0);
    pm.pm_resident--;
  }
}

/** Reduce [sva, eva) to `prot`: without VM_PROT_WRITE the pages become read-only. */
export function pmap_protect(pm: Pmap, sva: u32, eva: u32, prot: u32): void {
  if ((prot & VM_PROT_READ) == 0) {
    pmap_remove(pm, sva, eva);
    return;
  }
  if ((prot & VM_PROT_WRITE) != 0) return; // only ever reduces, as DragonFly's
  for (let va: u32 = sva & PG_FRAME; va < eva; va += 4096) {
    const ptep: Ptr<u32> = pte_addr(pm, va);
    const opte: u32 = volatile_load<u32>(ptep);
    if ((opte & PG_V) != 0 && (opte & PG_RW) != 0) pmap_inval_pte(pm, va, ptep, opte & ~PG_RW);
  }
}

/** The physical address `va` maps to, or 0. */
export function pmap_extract(pm: Pmap, va: u32): u32 {
  const pte: u32 = volatile_load<u32>(pte_addr(pm, va));
  return (pte & PG_V) != 0 ? (pte & PG_FRAME) | (va & 0xfff) : 0;
}

export function pmap_pte(pm: Pmap, va: u32): u32 {
  return volatile_load<u32>(pte_addr(pm, va));
}

/**
 * The broken variant, for the shootdown test only: clears the PTE and invalidates this CPU
 * alone, as a kernel without shootdowns would. Other CPUs may keep the stale translation.
 */
export function pmap_remove_no_shootdown(pm: Pmap, va: u32): void {
  volatile_store<u32>(pte_addr(pm, va), 0);
  invlpg_func(va);
  pm.pm_resident--;
}

/** Invalidate `va` on every CPU of pm_active (repairs after pmap_remove_no_shootdown). */
export function pmap_invalidate_page(pm: Pmap, va: u32): void {
  const ptep: Ptr<u32> = pte_addr(pm, va);
  pmap_inval_pte(pm, va, ptep, volatile_load<u32>(ptep));
}

/** Arm (va != 0) or disarm the fault probe. */
export function pmap_probe_arm(va: u32, marker_pa: u32): void {
  probe_marker_pa = marker_pa;
  barrier();
  volatile_store<u32>(addressof(probe_va), va & PG_FRAME);
}

/**
 * #PF. Only the armed probe page is handled (the access is retried against a marker page,
 * mapped locally: the PTE was not present, so no other CPU caches it); anything else is a
 * kernel bug and panics as before.
 */
function pmap_pagefault(frame: TrapFrame): void {
  const cr2: u32 = read_cr2();
  const pva: u32 = volatile_load<u32>(addressof(probe_va));
  if (pva != 0 && (cr2 & PG_FRAME) == pva) {
    const cpu: u32 = mycpu().gd_cpuid;
    pmap_probe_faults[cpu]++;
    pmap_probe_cr2[cpu] = cr2;
    volatile_store<u32>(pte_addr(kernel_pmap, pva), probe_marker_pa | PG_V | PG_G);
    invlpg(pva);
    return;
  }
  panic_trap("page fault", T_PAGEFLT, frame.err, frame.eip, frame.ebp);
}
