// slab_bench_test.ts: what kmalloc costs, in guest TSC cycles, printed as
// "# slab bench: ..." lines that `make bench` (tools/bench/benchmarks/slab.ts) reads. The
// checks are sanity bounds only (a pair costs something, and not a million cycles); the
// IPI rate per 1,000 remote frees comes from the stress test.
import { selftest_register, st_expect, st_skip } from "./selftest.ts";
import { kprintf1 } from "../dev/kprintf.ts";
import { ncpus } from "../kern/globaldata.ts";
import { lwkt_create, TDPRI_KERN_DAEMON } from "../lwkt/thread.ts";
import { lwkt_test_wait } from "../lwkt/lwkt_test.ts";
import { kmalloc, kfree } from "../mm/slab.ts";
import { MallocType, malloc_type_register, malloc_type_leaks } from "../mm/malloc_type.ts";

let M_SLABBENCH: MallocType = new MallocType();
const NPAIRS: u32 = 4096;
const NREMOTE: u32 = 1024;
let rb_ptrs: FixedArray<usize, 1024> = [];
let rb_cycles: u32 = 0;
let rb_done: u32 = 0;

function cycles_since(t0: u64): u32 {
  return u32(rdtsc() - t0);
}

function rb_thread(arg: usize): void {
  const t0: u64 = rdtsc();
  for (let i: u32 = 0; i < NREMOTE; i++) kfree(rb_ptrs[i], M_SLABBENCH);
  rb_cycles = cycles_since(t0);
  volatile_store<u32>(addressof(rb_done), 1);
}

function test_bench(): void {
  malloc_type_register(M_SLABBENCH, "slabbench");
  // Warm the class up so the loop measures the steady state, not the first zone.
  kfree(kmalloc(64, M_SLABBENCH), M_SLABBENCH);
  const t0: u64 = rdtsc();
  for (let i: u32 = 0; i < NPAIRS; i++) kfree(kmalloc(64, M_SLABBENCH), M_SLABBENCH);
  const local: u32 = cycles_since(t0) / NPAIRS;
  kprintf1("# slab bench: local_pair_cycles=%u\n", local);
  st_expect(local > 0 && local < 1000000, "a local kmalloc/kfree pair costs 1..1e6 cycles");
  if (ncpus < 2) {
    st_skip("remote free cost needs 2 CPUs");
    return;
  }
  for (let i: u32 = 0; i < NREMOTE; i++) rb_ptrs[i] = kmalloc(64, M_SLABBENCH);
  rb_done = 0;
  lwkt_create(rb_thread, 0, "t_slabbench", 1, TDPRI_KERN_DAEMON, true);
  st_expect(lwkt_test_wait(addressof(rb_done), 1, 100), "CPU1 freed the blocks");
  const remote: u32 = rb_cycles / NREMOTE;
  kprintf1("# slab bench: remote_free_cycles=%u\n", remote);
  st_expect(remote > 0 && remote < 1000000, "a remote free costs 1..1e6 cycles");
  st_expect(malloc_type_leaks(M_SLABBENCH) == 0, "nothing leaked");
}

export function slab_bench_selftests(): void {
  selftest_register("slab.bench_costs", test_bench);
}
