// malloc_type.ts: kmalloc's accounting per type (DragonFly's struct malloc_type and
// MALLOC_DEFINE). Every allocation names a type; the counters are per CPU so kmalloc and
// kfree never share a cache line with another CPU: a block freed on another CPU than it was
// allocated on makes one CPU's count go negative and the other's positive, and only the sum
// means anything. The high-water mark is updated from that sum on each allocation.
import { MAXCPU, ncpus } from "../kern/globaldata.ts";
import { kprintf, kprintf4 } from "../dev/kprintf.ts";

export class MallocType {
  ks_shortdesc: string | null = null;
  ks_next: MallocType | null = null;
  /** Bytes and blocks in use, per CPU (signed: see above). */
  ks_memuse!: FixedArray<i32, 32>;
  ks_inuse!: FixedArray<i32, 32>;
  /** kmalloc calls, per CPU. */
  ks_calls!: FixedArray<u32, 32>;
  /** Highest in-use byte total seen by an allocation. */
  ks_maxused: u32 = 0;
  ks_registered: u32 = 0;
}

let malloc_types: MallocType | null = null;

/** Put a type on the list slabstat walks (kmalloc does it on first use). */
export function malloc_type_register(t: MallocType, name: string): void {
  if (t.ks_registered != 0) return;
  t.ks_shortdesc = name;
  t.ks_registered = 1;
  // Types are registered from the boot CPU or tests; a CAS keeps concurrent first uses safe.
  for (;;) {
    const head: usize = volatile_load<u32>(addressof(malloc_types));
    t.ks_next = cast<MallocType>(head);
    if (cmpxchg(addressof(malloc_types), head, addr(t)) == head) return;
  }
}

export function malloc_type_memuse(t: MallocType): u32 {
  let sum: i32 = 0;
  for (let c: u32 = 0; c < ncpus; c++) sum += t.ks_memuse[c];
  return u32(sum);
}

export function malloc_type_inuse(t: MallocType): u32 {
  let sum: i32 = 0;
  for (let c: u32 = 0; c < ncpus; c++) sum += t.ks_inuse[c];
  return u32(sum);
}

export function malloc_type_calls(t: MallocType): u32 {
  let sum: u32 = 0;
  for (let c: u32 = 0; c < ncpus; c++) sum += t.ks_calls[c];
  return sum;
}

export function malloc_type_alloced(t: MallocType, cpu: u32, bytes: u32): void {
  t.ks_memuse[cpu] += i32(bytes);
  t.ks_inuse[cpu] += 1;
  t.ks_calls[cpu] += 1;
  const total: u32 = malloc_type_memuse(t);
  if (total > t.ks_maxused) t.ks_maxused = total;
}

export function malloc_type_freed(t: MallocType, cpu: u32, bytes: u32): void {
  t.ks_memuse[cpu] -= i32(bytes);
  t.ks_inuse[cpu] -= 1;
}

/** Leak check for tests: blocks of `t` still allocated (0 when everything was freed). */
export function malloc_type_leaks(t: MallocType): u32 {
  return malloc_type_inuse(t);
}

export function malloc_types_print(): void {
  kprintf("type              inuse    memuse   highwater     calls\n");
  let t: MallocType | null = malloc_types;
  while (t != null) {
    const n = t.ks_shortdesc;
    if (n != null) kprintf4("%-16s %6u %9u", addr(n), malloc_type_inuse(t), malloc_type_memuse(t), 0);
    kprintf4(" %11u %9u\n", t.ks_maxused, malloc_type_calls(t), 0, 0);
    t = t.ks_next;
  }
}
