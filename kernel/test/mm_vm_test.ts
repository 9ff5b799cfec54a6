// mm_vm_test.ts: the physical page allocator (kernel/mm/vm_page.ts).
import { selftest_register, st_expect, st_expect_eq } from "./selftest.ts";
import { kprintf3 } from "../dev/kprintf.ts";
import { vmstats, vm_page_alloc, vm_page_free, vm_page_alloc_contig, vm_page_free_contig, vm_page_is_free, vm_page_excluded, PAGE_SHIFT } from "../mm/vm_page.ts";
import { __kernel_start, __kernel_end } from "../kern/cpufunc.ts";
import { bootalloc_next } from "../kern/bootalloc.ts";

const NPAGES: u32 = 64;
let pages: FixedArray<usize, 64> = [];

/** Low memory, the kernel image and the boot allocator's pages are never handed out. */
function test_reserved_excluded(): void {
  st_expect(vmstats.v_page_count > 0, "the memory map gave the allocator some pages");
  st_expect(vmstats.v_free_count <= vmstats.v_page_count, "free <= managed");
  kprintf3("# vm: %u pages managed, %u free, %u map entries\n", vmstats.v_page_count, vmstats.v_free_count, vmstats.v_mmap_entries);
  st_expect(!vm_page_is_free(0x8000), "the AP trampoline page is not free");
  st_expect(!vm_page_is_free(0xa0000), "the legacy hole is not free");
  const ks: usize = addressof(__kernel_start[0]) & ~4095;
  const ke: usize = addressof(__kernel_end[0]);
  for (let p: usize = ks; p < ke; p += 4096) {
    if (vm_page_is_free(p)) { st_expect(false, "no kernel image page is free"); break; }
  }
  st_expect(vm_page_excluded(bootalloc_next() - 4096), "the last boot allocation is excluded");
}

/** Pages come back distinct, usable, outside every reserved range; counters follow. */
function test_alloc_free_counters(): void {
  const free0: u32 = vmstats.v_free_count;
  const allocs0: u32 = vmstats.v_allocs;
  for (let i: u32 = 0; i < NPAGES; i++) {
    pages[i] = vm_page_alloc();
    if (!st_expect(pages[i] != 0, "vm_page_alloc returned a page")) return;
    st_expect((pages[i] & 4095) == 0, "page-aligned");
    st_expect(!vm_page_excluded(pages[i]), "not a reserved page");
    st_expect(!vm_page_is_free(pages[i]), "marked allocated");
    store<u32>(pages[i], pages[i] ^ 0x5a5a5a5a);
    store<u32>(pages[i] + 4092, i);
  }
  st_expect_eq("free count after allocating", free0 - NPAGES, vmstats.v_free_count);
  st_expect_eq("allocation counter", allocs0 + NPAGES, vmstats.v_allocs);
  for (let i: u32 = 0; i < NPAGES; i++) {
    st_expect_eq("page contents intact (distinct pages)", pages[i] ^ 0x5a5a5a5a, load<u32>(pages[i]));
    st_expect_eq("page tail intact", i, load<u32>(pages[i] + 4092));
  }
  for (let i: u32 = 0; i < NPAGES; i++) vm_page_free(pages[i]);
  st_expect_eq("free count restored", free0, vmstats.v_free_count);
  st_expect(vm_page_is_free(pages[0]), "a freed page is free again");
}

/** A 32-page run aligned to 128 KiB (a slab zone), and an unaligned odd-sized run. */
function test_contig_aligned(): void {
  const free0: u32 = vmstats.v_free_count;
  const z: usize = vm_page_alloc_contig(32, 32);
  if (!st_expect(z != 0, "an aligned 128 KiB run exists")) return;
  st_expect_eq("run aligned to 128 KiB", 0, z & 0x1ffff);
  const r: usize = vm_page_alloc_contig(5, 1);
  if (!st_expect(r != 0, "a 5-page run exists")) return;
  st_expect(r + 5 * 4096 <= z || r >= z + 32 * 4096, "runs do not overlap");
  for (let q: u32 = 0; q < 32; q++) st_expect(!vm_page_is_free(z + (q << PAGE_SHIFT)), "every page of the run allocated");
  st_expect_eq("free count", free0 - 37, vmstats.v_free_count);
  vm_page_free_contig(z, 32);
  vm_page_free_contig(r, 5);
  st_expect_eq("free count restored", free0, vmstats.v_free_count);
}

export function mm_vm_selftests(): void {
  selftest_register("vm.reserved_memory_excluded", test_reserved_excluded);
  selftest_register("vm.page_alloc_free_counters", test_alloc_free_counters);
  selftest_register("vm.contig_run_aligned", test_contig_aligned);
}
