// slab.ts: the per-CPU slab allocator (DragonFly's kern_slaballoc.c; dragonfly.md §6).
//
// Memory comes in zones of ZONE_SIZE bytes aligned to ZONE_SIZE, so the zone of any chunk is
// `ptr & ~(ZONE_SIZE - 1)`. Each zone serves one size class and belongs to one CPU, which
// alone touches its free list (z_LChunks) and counters, inside a critical section (the IPI
// callback that hands back remote frees runs on the owner too). Another CPU freeing a chunk
// pushes it onto z_RChunks with lock cmpxchg and tells the owner only when the owner asked
// for it (z_RSignal, set when the zone ran empty) and the push was the first since: one
// passive IPI per batch, not one per free. Zones that become entirely free go to the CPU's
// FreeZones cache; kmalloc (never kfree, which may run inside an IPI) gives the cache back
// to VM beyond ZONE_RELS_THRESH. Requests of ZONE_LIMIT or more, and page multiples above
// two pages, are whole pages from VM; the per-page table kmemusage tells kfree which it is.
import { Globaldata, mycpu, ncpus, MAXCPU } from "../kern/globaldata.ts";
import { HZ } from "../dev/lapic.ts";
import { PAGE_SIZE } from "../kern/bootalloc.ts";
import { panic, panic1 } from "../kern/panic.ts";
import { crit_enter, crit_exit } from "../lwkt/crit.ts";
import { lwkt_send_ipiq_passive } from "../lwkt/ipiq.ts";
import { Callout, callout_init, callout_reset } from "../lwkt/callout.ts";
import { vm_page_alloc_contig, vm_page_free_contig, vm_page_managed_end, PAGE_SHIFT } from "./vm_page.ts";
import { MallocType, malloc_type_register, malloc_type_alloced, malloc_type_freed } from "./malloc_type.ts";

export const ZONE_SIZE: u32 = 0x20000; // 128 KiB: one bitmap word of vm_page
const ZONE_PAGES: u32 = 32;
export const ZONE_LIMIT: u32 = 16384;
export const NZONES: u32 = 72;
/** FreeZones kept per CPU before kmalloc returns zones to VM. */
export const ZONE_RELS_THRESH: u32 = 32;
const ZONE_MAGIC: u32 = 0x736c6162; // "slab"
/** slab_cleanup period: 10 s, as DragonFly's. */
const SLAB_CLEANUP_TICKS: u32 = 10 * HZ;

export class SlabZone {
  z_Magic: u32 = 0;
  /** Owner cpuid (DragonFly keeps the owner's globaldata, z_CpuGd). */
  z_Cpu: u32 = 0;
  z_NFree: u32 = 0;
  z_NMax: u32 = 0;
  /** Chunks below this index have been handed out at least once. */
  z_UIndex: u32 = 0;
  z_ZoneIndex: u32 = 0;
  z_ChunkSize: u32 = 0;
  z_BasePtr: usize = 0;
  /** The owner's free list (LIFO; the first word of a free chunk links the next). */
  z_LChunks: usize = 0;
  /** Remote frees, pushed by other CPUs with lock cmpxchg; the owner takes them all at once. */
  z_RChunks: usize = 0;
  /** The owner wants to hear of the next remote free (the zone ran empty). */
  z_RSignal: u32 = 0;
  /** Remote frees in flight: the owner must not give the zone away while non-zero. */
  z_RCount: u32 = 0;
  /** Links in ZoneAry[z_ZoneIndex] or FreeZones. */
  z_Next: SlabZone | null = null;
  z_Prev: SlabZone | null = null;
  z_Listed: u32 = 0;
}

/** One CPU's slab state (DragonFly's gd_slab). Written only by that CPU. */
export class SlabGlobaldata {
  ZoneAry!: FixedArray<SlabZone | null, 72>;
  FreeZones: SlabZone | null = null;
  NFreeZones: u32 = 0;
  /** Counters for slabstat and the tests. */
  sg_allocs: u32 = 0;
  sg_frees_local: u32 = 0;
  sg_frees_remote: u32 = 0;
  /** Passive IPIs this CPU sent to owners (kfree_remote), and the ones it ran as owner. */
  sg_signals_sent: u32 = 0;
  sg_signals_run: u32 = 0;
  sg_zones_new: u32 = 0;
  sg_zones_released: u32 = 0;
  sg_large_allocs: u32 = 0;
  /** slab_cleanup passes run on this CPU (its 10 s callout and explicit calls), and the
   * callout's runs alone. */
  sg_cleanups: u32 = 0;
  sg_cleanup_callouts: u32 = 0;
}

export let slab_gd: FixedArray<Inline<SlabGlobaldata>, 32> = [];

/** Per physical page: -(cpu+1) for a zone's pages, the page count for a large block, else 0. */
let kmemusage: usize = 0;
let kmemusage_pages: u32 = 0;

export function slab_init(): void {
  // From VM, not the boot pool: 4 bytes per page is 3 MiB for 3 GiB of RAM.
  const pages: u32 = vm_page_managed_end() >> PAGE_SHIFT;
  const npt: u32 = (pages * 4 + PAGE_SIZE - 1) >> PAGE_SHIFT;
  if (pages == 0) return;
  kmemusage = vm_page_alloc_contig(npt, 1);
  if (kmemusage == 0) panic("slab_init: no pages for the kmemusage table");
  for (let i: u32 = 0; i < pages; i++) store<i32>(kmemusage + i * 4, 0);
  kmemusage_pages = pages;
}

function kup(pa: usize): Ptr<i32> {
  const pfn: u32 = pa >> PAGE_SHIFT;
  if (pfn >= kmemusage_pages) panic1("kfree: %p is not kmalloc memory", pa);
  return kmemusage + pfn * 4;
}

/** Size class of `size` (< ZONE_LIMIT). */
export function slab_zoneindex(size: u32): u32 {
  if (size <= 128) return size <= 8 ? 0 : (size + 7) / 8 - 1;
  // Band b covers (128 << b, 256 << b] in 8 steps of 16 << b.
  let b: u32 = 0;
  while (size > (u32(256) << b)) b++;
  const step: u32 = u32(16) << b;
  return 16 + b * 8 + (size - (u32(128) << b) + step - 1) / step - 1;
}

/** Chunk size of class zi (the inverse of slab_zoneindex's rounding). */
export function slab_classsize(zi: u32): u32 {
  if (zi < 16) return (zi + 1) * 8;
  const b: u32 = (zi - 16) / 8;
  return (u32(128) << b) + ((zi - 16) % 8 + 1) * (u32(16) << b);
}

export function slab_chunksize(size: u32): u32 {
  return slab_classsize(slab_zoneindex(size));
}

function list_insert(sg: SlabGlobaldata, z: SlabZone): void {
  const zi: u32 = z.z_ZoneIndex;
  const head: SlabZone | null = sg.ZoneAry[zi];
  z.z_Prev = null;
  z.z_Next = head;
  if (head != null) head.z_Prev = z;
  sg.ZoneAry[zi] = z;
  z.z_Listed = 1;
}

function list_remove(sg: SlabGlobaldata, z: SlabZone): void {
  const p: SlabZone | null = z.z_Prev;
  const n: SlabZone | null = z.z_Next;
  if (p != null) p.z_Next = n;
  else sg.ZoneAry[z.z_ZoneIndex] = n;
  if (n != null) n.z_Prev = p;
  z.z_Next = null;
  z.z_Prev = null;
  z.z_Listed = 0;
}

/** Largest power of two dividing `n`, at most a page: chunks are aligned to it. */
function chunk_align(n: u32): u32 {
  let a: u32 = 8;
  while (a < PAGE_SIZE && (n & (a * 2 - 1)) == 0) a *= 2;
  return a;
}

/** (Re)initialize a zone for class zi, owned by this CPU. */
function zone_setup(z: SlabZone, cpu: u32, zi: u32, chunk: u32): void {
  z.z_Magic = ZONE_MAGIC;
  z.z_Cpu = cpu;
  z.z_ZoneIndex = zi;
  z.z_ChunkSize = chunk;
  const a: u32 = chunk_align(chunk);
  z.z_BasePtr = (addr(z) + sizeof<SlabZone>() + a - 1) & ~(a - 1);
  z.z_NMax = (addr(z) + ZONE_SIZE - z.z_BasePtr) / chunk;
  z.z_NFree = z.z_NMax;
  z.z_UIndex = 0;
  z.z_LChunks = 0;
  z.z_RChunks = 0;
  z.z_RSignal = 0;
  z.z_RCount = 0;
  z.z_Next = null;
  z.z_Prev = null;
  z.z_Listed = 0;
}

/** A zone for class zi: from this CPU's FreeZones, else fresh from VM. */
function zone_get(sg: SlabGlobaldata, cpu: u32, zi: u32, chunk: u32): SlabZone | null {
  let z: SlabZone | null = sg.FreeZones;
  if (z != null) {
    sg.FreeZones = z.z_Next;
    sg.NFreeZones--;
  } else {
    const pa: usize = vm_page_alloc_contig(ZONE_PAGES, ZONE_PAGES);
    if (pa == 0) return null;
    for (let i: u32 = 0; i < ZONE_PAGES; i++) store<i32>(kup(pa + i * PAGE_SIZE), -i32(cpu + 1));
    z = cast<SlabZone>(pa);
    sg.sg_zones_new++;
  }
  zone_setup(z, cpu, zi, chunk);
  return z;
}

/** Hysteresis: give FreeZones beyond the threshold back to VM (kmalloc only). */
function zone_release_excess(sg: SlabGlobaldata): void {
  while (sg.NFreeZones > ZONE_RELS_THRESH) {
    const z: SlabZone | null = sg.FreeZones;
    if (z == null) break;
    sg.FreeZones = z.z_Next;
    sg.NFreeZones--;
    z.z_Magic = 0;
    const pa: usize = addr(z);
    for (let i: u32 = 0; i < ZONE_PAGES; i++) store<i32>(kup(pa + i * PAGE_SIZE), 0);
    vm_page_free_contig(pa, ZONE_PAGES);
    sg.sg_zones_released++;
  }
}

/** Move a completely free zone to FreeZones, unless it is its class's only listed zone. */
function zone_maybe_free(sg: SlabGlobaldata, z: SlabZone): void {
  if (z.z_NFree != z.z_NMax || volatile_load<u32>(addressof(z.z_RCount)) != 0) return;
  if (z.z_Listed != 0 && z.z_Next == null && z.z_Prev == null) return;
  if (z.z_Listed != 0) list_remove(sg, z);
  z.z_Next = sg.FreeZones;
  sg.FreeZones = z;
  sg.NFreeZones++;
}

/** Owner: move every chunk of z_RChunks onto z_LChunks. */
function zone_take_remote(z: SlabZone): void {
  let c: usize = xchg(addressof(z.z_RChunks), 0);
  while (c != 0) {
    const next: usize = load<u32>(c);
    store<u32>(c, z.z_LChunks);
    z.z_LChunks = c;
    z.z_NFree++;
    c = next;
  }
}

function large_alloc(size: u32, type: MallocType, cpu: u32): usize {
  const npages: u32 = (size + PAGE_SIZE - 1) >> PAGE_SHIFT;
  const pa: usize = vm_page_alloc_contig(npages, 1);
  if (pa == 0) return 0;
  store<i32>(kup(pa), i32(npages));
  slab_gd[cpu].sg_large_allocs++;
  malloc_type_alloced(type, cpu, npages * PAGE_SIZE);
  return pa;
}

/** `size` bytes accounted to `type`; 0 when memory is exhausted. Not zeroed. */
export function kmalloc(size: u32, type: MallocType): usize {
  if (type.ks_registered == 0) malloc_type_register(type, "unnamed");
  crit_enter();
  const gd: Globaldata = mycpu();
  const cpu: u32 = gd.gd_cpuid;
  const sg: SlabGlobaldata = slab_gd[cpu];
  zone_release_excess(sg);
  if (size >= ZONE_LIMIT || ((size & (PAGE_SIZE - 1)) == 0 && size > 2 * PAGE_SIZE)) {
    const p: usize = large_alloc(size, type, cpu);
    crit_exit();
    return p;
  }
  const zi: u32 = slab_zoneindex(size);
  const chunk: u32 = slab_classsize(zi);
  let z: SlabZone | null = sg.ZoneAry[zi];
  if (z == null) {
    z = zone_get(sg, cpu, zi, chunk);
    if (z == null) {
      crit_exit();
      return 0;
    }
    list_insert(sg, z);
  }
  let p: usize = z.z_LChunks;
  if (p != 0) {
    z.z_LChunks = load<u32>(p);
  } else {
    p = z.z_BasePtr + z.z_UIndex * chunk;
    z.z_UIndex++;
  }
  z.z_NFree--;
  if (z.z_NFree == 0) {
    // Ask remote freers to tell us, then take what they already gave back (the xchg orders
    // the RSignal store before it: a remote push after it sees RSignal).
    volatile_store<u32>(addressof(z.z_RSignal), 1);
    zone_take_remote(z);
    if (z.z_NFree == 0) list_remove(sg, z);
  }
  sg.sg_allocs++;
  malloc_type_alloced(type, cpu, chunk);
  crit_exit();
  return p;
}

/** kmalloc and zero. */
export function kmalloc_zero(size: u32, type: MallocType): usize {
  const p: usize = kmalloc(size, type);
  if (p != 0) {
    for (let i: u32 = 0; i < size; i += 4) store<u32>(p + i, 0);
  }
  return p;
}

/** Owner side of a signalled remote free (a passive IPI, run in a critical section). */
function kfree_remote(zaddr: usize, unused: u32): void {
  const z: SlabZone = cast<SlabZone>(zaddr);
  const sg: SlabGlobaldata = slab_gd[mycpu().gd_cpuid];
  sg.sg_signals_run++;
  volatile_store<u32>(addressof(z.z_RSignal), 0);
  zone_take_remote(z);
  if (z.z_Listed == 0 && z.z_NFree != 0) list_insert(sg, z);
  // The sender's RCount increment is ours to undo: it kept the zone alive until now.
  xadd(addressof(z.z_RCount), 0xffffffff);
  zone_maybe_free(sg, z);
}

export function kfree(p: usize, type: MallocType): void {
  if (p == 0) return;
  const u: i32 = load<i32>(kup(p));
  if (u > 0) {
    if ((p & (PAGE_SIZE - 1)) != 0) panic1("kfree: %p is inside a large block", p);
    store<i32>(kup(p), 0);
    crit_enter();
    malloc_type_freed(type, mycpu().gd_cpuid, u32(u) * PAGE_SIZE);
    crit_exit();
    vm_page_free_contig(p, u32(u));
    return;
  }
  if (u == 0) panic1("kfree: %p was not allocated by kmalloc", p);
  const z: SlabZone = cast<SlabZone>(p & ~(ZONE_SIZE - 1));
  if (z.z_Magic != ZONE_MAGIC) panic1("kfree: zone of %p is corrupt", p);
  crit_enter();
  const cpu: u32 = mycpu().gd_cpuid;
  const sg: SlabGlobaldata = slab_gd[cpu];
  malloc_type_freed(type, cpu, z.z_ChunkSize);
  if (z.z_Cpu == cpu) {
    store<u32>(p, z.z_LChunks);
    z.z_LChunks = p;
    z.z_NFree++;
    if (z.z_NFree == 1 && z.z_Listed == 0) list_insert(sg, z);
    sg.sg_frees_local++;
    zone_maybe_free(sg, z);
    crit_exit();
    return;
  }
  // Remote: announce ourselves (RCount) so the owner cannot give the zone away under us,
  // push, then signal if the owner asked and our push made the list non-empty.
  sg.sg_frees_remote++;
  xadd(addressof(z.z_RCount), 1);
  let old: usize = 0;
  for (;;) {
    old = volatile_load<u32>(addressof(z.z_RChunks));
    store<u32>(p, old);
    if (cmpxchg(addressof(z.z_RChunks), old, p) == old) break;
  }
  if (old == 0 && volatile_load<u32>(addressof(z.z_RSignal)) != 0) {
    sg.sg_signals_sent++;
    lwkt_send_ipiq_passive(z.z_Cpu, kfree_remote, addr(z), 0);
  } else {
    xadd(addressof(z.z_RCount), 0xffffffff);
  }
  crit_exit();
}

/** The zone holding `p` (tests, slabstat). */
export function slab_zone_of(p: usize): SlabZone {
  return cast<SlabZone>(p & ~(ZONE_SIZE - 1));
}

/** Is `p` on the zone's local (owner) free list? (tests) */
export function slab_on_list(head: usize, p: usize): bool {
  let c: usize = head;
  while (c != 0) {
    if (c == p) return true;
    c = load<u32>(c);
  }
  return false;
}

/**
 * Owner (DragonFly's slab_cleanup, from a 10 s callout per CPU): take back remote frees parked on listed
 * zones; zones that ran empty are relisted by the signal instead. In a critical section.
 */
function slab_cleanup_cpu(sg: SlabGlobaldata): void {
  sg.sg_cleanups++;
  for (let zi: u32 = 0; zi < NZONES; zi++) {
    let z: SlabZone | null = sg.ZoneAry[zi];
    while (z != null) {
      const n: SlabZone | null = z.z_Next;
      if (volatile_load<u32>(addressof(z.z_RChunks)) != 0) {
        zone_take_remote(z);
        zone_maybe_free(sg, z);
      }
      z = n;
    }
  }
}

/** Run this CPU's cleanup now (tests; the 10 s callout). */
export function slab_cleanup(): void {
  crit_enter();
  slab_cleanup_cpu(slab_gd[mycpu().gd_cpuid]);
  crit_exit();
}

/** Each CPU's cleanup callout, re-armed by itself every SLAB_CLEANUP_TICKS. */
let slab_cleanup_callout: FixedArray<Inline<Callout>, 32> = [];

/** The callout: in this CPU's softclock thread, so even a CPU that never allocates drains. */
function slab_cleanup_timer(arg: usize): void {
  slab_gd[arg].sg_cleanup_callouts++;
  slab_cleanup();
  callout_reset(slab_cleanup_callout[arg], SLAB_CLEANUP_TICKS, slab_cleanup_timer, arg);
}

/** CPU `cpu`'s cleanup callout (tests). */
export function slab_cleanup_callout_of(cpu: u32): Callout {
  return slab_cleanup_callout[cpu];
}

/** Every CPU at bring-up, once its clock runs: arm its 10 s cleanup callout. */
export function slab_cleanup_start(): void {
  const cpu: u32 = mycpu().gd_cpuid;
  callout_init(slab_cleanup_callout[cpu]);
  callout_reset(slab_cleanup_callout[cpu], SLAB_CLEANUP_TICKS, slab_cleanup_timer, cpu);
}
