// bootalloc.ts: the boot-time page allocator. It hands out page-aligned, zeroed memory
// from the RAM just above the kernel image (per-CPU stacks, per-CPU data copies) and never
// frees. Its limit is the end of the memory-map region holding the kernel, so it can never
// run into ACPI tables or the legacy hole. The real physical memory system (kernel/mm/)
// takes over the rest of RAM later and starts at bootalloc_next().
import { panic } from "./panic.ts";
import { __kernel_end, memset } from "./cpufunc.ts";


export const PAGE_SIZE: u32 = 4096;

let boot_next: usize = 0;
let boot_limit: usize = 0;

/** Start allocating at the page after the kernel image, up to `limit` (exclusive). */
export function bootalloc_init(limit: usize): void {
  boot_next = (addressof(__kernel_end[0]) + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
  boot_limit = limit;
  if (boot_limit <= boot_next) panic("bootalloc: no memory above the kernel image");
}

/** `bytes` rounded up to pages, zeroed. Panics when the region is exhausted. */
export function bootalloc(bytes: u32): usize {
  const size: u32 = (bytes + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
  const p: usize = boot_next;
  if (size > boot_limit - p) panic("bootalloc: out of boot memory");
  boot_next = p + size;
  memset(p, 0, size);
  return p;
}

export function bootalloc_next(): usize {
  return boot_next;
}

export function bootalloc_limit(): usize {
  return boot_limit;
}

/** kernel/mm takes the region above `limit` for its page allocator (never raises it). */
export function bootalloc_set_limit(limit: usize): void {
  if (limit < boot_limit && limit >= boot_next) boot_limit = limit;
}
