// vm_page.ts: the physical page allocator. It owns every RAM page the Multiboot memory map
// reports as available, except low memory (below 1 MiB: real-mode data, the AP trampoline,
// the legacy VGA/BIOS hole), the kernel image, the boot allocator's pool, loader modules and
// the uncached MMIO window at the top of the 32-bit space. Free pages are one bit each in a
// bitmap indexed by physical page number; a 32-bit word of the bitmap is 32 consecutive pages
// = 128 KiB aligned to 128 KiB, which is exactly a slab zone, so zone allocation is finding a
// word with every bit set. One spin lock guards the bitmap: the slab allocator keeps its own
// per-CPU caches of zones, so this lock is taken once per zone, not once per kmalloc.
import { Spinlock, spin_lock_irq, spin_unlock_irq } from "../kern/spinlock.ts";
import { bootalloc, bootalloc_next, bootalloc_limit, bootalloc_set_limit, PAGE_SIZE } from "../kern/bootalloc.ts";
import { __kernel_start } from "../kern/cpufunc.ts";
import { kprintf, kprintf1, kprintf2, kprintf3 } from "../dev/kprintf.ts";
import { panic } from "../kern/panic.ts";

export const PAGE_SHIFT: u32 = 12;
const LOW_MEMORY_END: u32 = 0x100000;
/** RAM above this stays unmanaged: the KVA window (pmap.ts) starts here, MMIO above it. */
const MANAGED_LIMIT: u64 = 0xc0000000n;
/** What the boot allocator keeps for later boot-time needs (per-CPU data, thread stacks). */
const BOOTALLOC_RESERVE: u32 = 0x400000;

const VM_MBI_FLAG_MEM: u32 = 0x001;
const VM_MBI_FLAG_MODS: u32 = 0x008;
const VM_MBI_FLAG_MMAP: u32 = 0x040;
const VM_MMAP_AVAILABLE: u32 = 1;
/** The smallest well-formed memory-map entry: base (8), length (8), type (4). */
const MMAP_ENTRY_MIN: u32 = 20;
const MAX_EXCLUDED: u32 = 16;

/** Counters, read by vmstat and the tests (pages). */
export class VmStats {
  v_page_count: u32 = 0;
  v_free_count: u32 = 0;
  v_allocs: u32 = 0;
  v_frees: u32 = 0;
  v_contig_allocs: u32 = 0;
  v_failed: u32 = 0;
  /** Memory-map entries seen, used, rejected as malformed. */
  v_mmap_entries: u32 = 0;
  v_mmap_rejected: u32 = 0;
}
export let vmstats: VmStats = new VmStats();

let vm_lock: Spinlock = new Spinlock();
/** Bit set = page free. Covers physical pages 0 .. vm_npages-1 (rounded up to 32). */
let vm_bitmap: usize = 0;
let vm_nwords: u32 = 0;
/** A word index to start searches at (the last place a page was found). */
let vm_hint: u32 = 0;

let excl_lo: FixedArray<u32, 16> = [];
let excl_hi: FixedArray<u32, 16> = [];
let nexcl: u32 = 0;

function exclude(lo: u32, hi: u32): void {
  if (nexcl < MAX_EXCLUDED && hi > lo) {
    excl_lo[nexcl] = lo;
    excl_hi[nexcl] = hi;
    nexcl++;
  }
}

/** Mark [lo, hi) free, page by page, skipping every excluded range. */
function add_range(lo: u32, hi: u32): void {
  for (let p: u32 = lo; p < hi; p += PAGE_SIZE) {
    let skip: bool = false;
    for (let i: u32 = 0; i < nexcl; i++) {
      if (p >= excl_lo[i] && p < excl_hi[i]) skip = true;
    }
    if (skip) continue;
    const pfn: u32 = p >> PAGE_SHIFT;
    const w: usize = vm_bitmap + (pfn >> 5) * 4;
    const bit: u32 = 1 << (pfn & 31);
    if ((load<u32>(w) & bit) != 0) continue; // overlapping map entries: count a page once
    store<u32>(w, load<u32>(w) | bit);
    vmstats.v_page_count++;
    vmstats.v_free_count++;
  }
}

/** Clip a 64-bit range to what we manage; returns false when nothing is left. */
let clip_lo: u32 = 0;
let clip_hi: u32 = 0;
function clip(base: u64, len: u64): bool {
  let lo: u64 = base;
  let hi: u64 = base + len;
  if (hi < lo || hi > MANAGED_LIMIT) hi = MANAGED_LIMIT; // wrapped or above the MMIO window
  if (lo < u64(LOW_MEMORY_END)) lo = u64(LOW_MEMORY_END);
  lo = (lo + 4095n) & ~4095n;
  hi = hi & ~4095n;
  if (hi <= lo) return false;
  clip_lo = u32(lo);
  clip_hi = u32(hi);
  return true;
}

/**
 * Copy the usable ranges out of the Multiboot info at once: the loader may have put it in
 * memory we are about to hand out (our machine puts it right after the kernel image).
 * Returns the highest usable address (exclusive), 0 when the loader told us nothing.
 */
let ranges_lo: FixedArray<u32, 64> = [];
let ranges_hi: FixedArray<u32, 64> = [];
let nranges: u32 = 0;
function read_mmap(mbi: usize): u32 {
  let top: u32 = 0;
  const flags: u32 = load<u32>(mbi);
  if ((flags & VM_MBI_FLAG_MMAP) != 0) {
    const len: u32 = load<u32>(mbi + 44);
    const base: usize = load<u32>(mbi + 48);
    let off: u32 = 0;
    while (off + 4 + MMAP_ENTRY_MIN <= len) {
      const e: usize = base + off;
      const size: u32 = load<u32>(e);
      // A size field smaller than an entry (or absurd) means the rest cannot be trusted.
      if (size < MMAP_ENTRY_MIN || size > 256) {
        vmstats.v_mmap_rejected++;
        break;
      }
      vmstats.v_mmap_entries++;
      if (load<u32>(e + 20) == VM_MMAP_AVAILABLE && clip(load<u64>(e + 4), load<u64>(e + 12)) && nranges < 64) {
        if (clip_hi > top) top = clip_hi;
        ranges_lo[nranges] = clip_lo;
        ranges_hi[nranges] = clip_hi;
        nranges++;
      }
      off += size + 4;
    }
    if (top != 0) return top;
  }
  // No (usable) map: mem_upper is the RAM contiguous from 1 MiB, if the loader gave it.
  if ((flags & VM_MBI_FLAG_MEM) != 0 && clip(0x100000n, u64(load<u32>(mbi + 8)) * 1024n)) {
    ranges_lo[0] = clip_lo;
    ranges_hi[0] = clip_hi;
    nranges = 1;
    return clip_hi;
  }
  return 0;
}

/**
 * Boot CPU, right after bootalloc_init and before anything else allocates: take every usable
 * page, leaving the boot allocator a bounded pool after the kernel image.
 */
export function vm_page_startup(mbi: usize): void {
  const top: u32 = read_mmap(mbi);
  if (top == 0) {
    kprintf("vm: no memory information from the loader; no page allocator\n");
    return;
  }
  const flags: u32 = load<u32>(mbi);
  if ((flags & VM_MBI_FLAG_MODS) != 0) {
    const count: u32 = load<u32>(mbi + 20);
    const mods: usize = load<u32>(mbi + 24);
    for (let i: u32 = 0; i < count && i < 8; i++) {
      const s: u32 = load<u32>(mods + i * 16);
      const e: u32 = load<u32>(mods + i * 16 + 4);
      exclude(s & ~(PAGE_SIZE - 1), (e + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1));
    }
  }
  vm_nwords = ((top >> PAGE_SHIFT) + 31) >> 5;
  vm_bitmap = bootalloc(vm_nwords * 4);
  // Shrink the boot allocator to its reserve; the rest of its region becomes ours.
  let boot_end: usize = bootalloc_next() + BOOTALLOC_RESERVE;
  if (boot_end > bootalloc_limit()) boot_end = bootalloc_limit();
  bootalloc_set_limit(boot_end);
  exclude(addressof(__kernel_start[0]) & ~(PAGE_SIZE - 1), boot_end);
  for (let i: u32 = 0; i < nranges; i++) add_range(ranges_lo[i], ranges_hi[i]);
  kprintf3("vm: %u pages (%u KiB) free, bitmap of %u words\n", vmstats.v_free_count, vmstats.v_free_count * 4, vm_nwords);
}

function word(i: u32): Ptr<u32> {
  return vm_bitmap + i * 4;
}

/** Lowest set bit of a non-zero word. */
function ffs(x: u32): u32 {
  let n: u32 = 0;
  while ((x & (1 << n)) == 0) n++;
  return n;
}

/** One page, or 0 when none is left. The caller may use it as it likes (it is not zeroed). */
export function vm_page_alloc(): usize {
  spin_lock_irq(vm_lock);
  for (let k: u32 = 0; k < vm_nwords; k++) {
    let i: u32 = vm_hint + k;
    if (i >= vm_nwords) i -= vm_nwords;
    const w: u32 = load<u32>(word(i));
    if (w == 0) continue;
    const b: u32 = ffs(w);
    store<u32>(word(i), w & ~(1 << b));
    vm_hint = i;
    vmstats.v_free_count--;
    vmstats.v_allocs++;
    spin_unlock_irq(vm_lock);
    return ((i << 5) + b) << PAGE_SHIFT;
  }
  vmstats.v_failed++;
  spin_unlock_irq(vm_lock);
  return 0;
}

/**
 * `npages` contiguous pages starting at a multiple of `align_pages` (a power of two), or 0.
 * An aligned run of 32 is one full bitmap word (slab zones).
 */
export function vm_page_alloc_contig(npages: u32, align_pages: u32): usize {
  if (npages == 0) return 0;
  spin_lock_irq(vm_lock);
  const total: u32 = vm_nwords * 32;
  let p: u32 = 0;
  while (p + npages <= total) {
    // Skip fully allocated words quickly.
    if ((p & 31) == 0 && load<u32>(word(p >> 5)) == 0) {
      p += 32;
      continue;
    }
    let run: u32 = 0;
    while (run < npages && (load<u32>(word((p + run) >> 5)) & (1 << ((p + run) & 31))) != 0) run++;
    if (run == npages) {
      for (let q: u32 = p; q < p + npages; q++) {
        const wp: Ptr<u32> = word(q >> 5);
        store<u32>(wp, load<u32>(wp) & ~(1 << (q & 31)));
      }
      vmstats.v_free_count -= npages;
      vmstats.v_allocs += npages;
      vmstats.v_contig_allocs++;
      spin_unlock_irq(vm_lock);
      return p << PAGE_SHIFT;
    }
    // Next aligned candidate after the page that broke the run.
    p = (p + run + align_pages) & ~(align_pages - 1);
  }
  vmstats.v_failed++;
  spin_unlock_irq(vm_lock);
  return 0;
}

/** Give back `npages` pages starting at `pa`; freeing a free or unmanaged page panics. */
export function vm_page_free_contig(pa: usize, npages: u32): void {
  if ((pa & (PAGE_SIZE - 1)) != 0) panic("vm_page_free: address not page-aligned");
  spin_lock_irq(vm_lock);
  const first: u32 = pa >> PAGE_SHIFT;
  for (let q: u32 = first; q < first + npages; q++) {
    if ((q >> 5) >= vm_nwords) panic("vm_page_free: page beyond managed memory");
    const wp: Ptr<u32> = word(q >> 5);
    const bit: u32 = 1 << (q & 31);
    if ((load<u32>(wp) & bit) != 0) panic("vm_page_free: page already free");
    store<u32>(wp, load<u32>(wp) | bit);
  }
  vmstats.v_free_count += npages;
  vmstats.v_frees += npages;
  spin_unlock_irq(vm_lock);
}

export function vm_page_free(pa: usize): void {
  vm_page_free_contig(pa, 1);
}

/** Is the page at `pa` managed here and free? (tests) */
export function vm_page_is_free(pa: usize): bool {
  const q: u32 = pa >> PAGE_SHIFT;
  if ((q >> 5) >= vm_nwords) return false;
  return (volatile_load<u32>(word(q >> 5)) & (1 << (q & 31))) != 0;
}

/** Could `pa` ever be handed out (inside the managed range and not excluded)? (tests) */
export function vm_page_excluded(pa: usize): bool {
  if (pa < LOW_MEMORY_END) return true;
  for (let i: u32 = 0; i < nexcl; i++) {
    if (pa >= excl_lo[i] && pa < excl_hi[i]) return true;
  }
  return false;
}

export function vm_page_managed_end(): usize {
  return vm_nwords * 32 * PAGE_SIZE;
}

export function vmstat_print(): void {
  kprintf3("vm: pages %u, free %u (%u KiB)", vmstats.v_page_count, vmstats.v_free_count, vmstats.v_free_count * 4);
  kprintf2(", wired %u, failed %u\n", vmstats.v_page_count - vmstats.v_free_count, vmstats.v_failed);
  kprintf3("vm: page allocs %u, frees %u, contiguous runs %u\n", vmstats.v_allocs, vmstats.v_frees, vmstats.v_contig_allocs);
  kprintf2("vm: memory map entries %u, rejected %u\n", vmstats.v_mmap_entries, vmstats.v_mmap_rejected);
}
