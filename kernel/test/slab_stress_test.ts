// slab_stress_test.ts: every CPU allocates blocks, fills them with a pattern derived from a
// per-block seed, and trades them through a shared table of slots (xchg, so one CPU owns a
// block at a time); whoever takes a block out checks every word and frees it, which is most
// often a remote free. At the end: no corrupted block, nothing leaked, and far fewer IPIs
// (slab signals) than remote frees.
import { selftest_register, st_expect, st_expect_eq } from "./selftest.ts";
import { kprintf1, kprintf2, kprintf4 } from "../dev/kprintf.ts";
import { globaldata, mycpu, ncpus } from "../kern/globaldata.ts";
import { lwkt_create, TDPRI_KERN_DAEMON } from "../lwkt/thread.ts";
import { lwkt_test_wait } from "../lwkt/lwkt_test.ts";
import { kmalloc, kfree, slab_gd, SlabGlobaldata } from "../mm/slab.ts";
import { MallocType, malloc_type_register, malloc_type_leaks, malloc_type_calls } from "../mm/malloc_type.ts";

let M_STRESS: MallocType = new MallocType();

const NSLOTS: u32 = 512;
let st_slots: FixedArray<usize, 512> = [];
const ITERATIONS: u32 = 1500;
let st_done: u32 = 0;
let st_corrupt: u32 = 0;
let st_failed: u32 = 0;
let st_checked: u32 = 0;

function pattern(seed: u32, k: u32): u32 {
  return (seed + k * 0x9e3779b9) ^ (k << 7);
}

function block_fill(p: usize, size: u32, seed: u32): void {
  store<u32>(p, size);
  store<u32>(p + 4, seed);
  for (let k: u32 = 2; k < size / 4; k++) store<u32>(p + k * 4, pattern(seed, k));
}

/** Check and free a block taken out of a slot. */
function block_retire(p: usize): void {
  const size: u32 = load<u32>(p);
  const seed: u32 = load<u32>(p + 4);
  let bad: bool = size < 8 || size > 20000;
  if (!bad) {
    for (let k: u32 = 2; k < size / 4; k++) {
      if (load<u32>(p + k * 4) != pattern(seed, k)) { bad = true; break; }
    }
  }
  if (bad) xadd(addressof(st_corrupt), 1);
  else xadd(addressof(st_checked), 1);
  kfree(p, M_STRESS);
}

function stress_worker(arg: usize): void {
  const cpu: u32 = mycpu().gd_cpuid;
  let r: u32 = cpu * 7919 + 12345;
  for (let it: u32 = 0; it < ITERATIONS; it++) {
    r = r * 1103515245 + 12345;
    const sel: u32 = (r >>> 8) & 1023;
    // Mostly small and medium chunks, a few large blocks straight from pages.
    let size: u32 = 8 + ((r >>> 12) & 511);
    if (sel >= 512) size = 1024 + ((r >>> 12) & 1023);
    if (sel < 64) size = 512 + ((r >>> 12) & 4095);
    if (sel < 4) size = 16384 + ((r >>> 12) & 2047);
    size &= ~3;
    const p: usize = kmalloc(size, M_STRESS);
    if (p == 0) {
      xadd(addressof(st_failed), 1);
      continue;
    }
    block_fill(p, size, r ^ (cpu << 24) ^ it);
    r = r * 1103515245 + 12345;
    const i: u32 = (r >>> 9) % NSLOTS;
    const old: usize = xchg(addressof(st_slots[i]), p);
    if (old != 0) block_retire(old);
  }
  xadd(addressof(st_done), 1);
}

function test_stress(): void {
  malloc_type_register(M_STRESS, "slabstress");
  st_done = 0;
  st_corrupt = 0;
  st_failed = 0;
  st_checked = 0;
  let remote0: u32 = 0;
  let sig0: u32 = 0;
  let hw0: u32 = 0;
  for (let c: u32 = 0; c < ncpus; c++) {
    remote0 += slab_gd[c].sg_frees_remote;
    sig0 += slab_gd[c].sg_signals_sent;
    hw0 += globaldata[c].gd_ipi_received;
  }
  for (let c: u32 = 1; c < ncpus; c++) lwkt_create(stress_worker, 0, "t_slabstress", c, TDPRI_KERN_DAEMON, true);
  stress_worker(0);
  st_expect(lwkt_test_wait(addressof(st_done), ncpus, 3000), "every CPU finished its run");
  for (let i: u32 = 0; i < NSLOTS; i++) {
    const p: usize = xchg(addressof(st_slots[i]), 0);
    if (p != 0) block_retire(p);
  }
  // Let the owners' ticks take back the last signalled batches.
  lwkt_test_wait(addressof(st_done), 0xffffffff, 2);
  let remote: u32 = 0;
  let sig: u32 = 0;
  let hw: u32 = 0;
  for (let c: u32 = 0; c < ncpus; c++) {
    remote += slab_gd[c].sg_frees_remote;
    sig += slab_gd[c].sg_signals_sent;
    hw += globaldata[c].gd_ipi_received;
  }
  remote -= remote0;
  sig -= sig0;
  hw -= hw0;
  kprintf4("# slab stress: %u CPUs, %u allocations, %u blocks checked, %u corrupt\n", ncpus, malloc_type_calls(M_STRESS), st_checked, st_corrupt);
  kprintf2("# slab stress: %u remote frees, %u IPIs (passive kfree_remote signals)\n", remote, sig);
  // Every hardware IPI any CPU took meanwhile (thread starts and wakeups included).
  kprintf1("# slab stress: %u hardware IPIs received by all CPUs during the run\n", hw);
  if (remote != 0) kprintf1("# slab bench: ipis_per_1000_remote_frees=%u\n", sig * 1000 / remote);
  st_expect_eq("corrupted blocks", 0, st_corrupt);
  st_expect_eq("failed allocations", 0, st_failed);
  st_expect_eq("every allocation checked once", ncpus * ITERATIONS, st_checked);
  st_expect_eq("blocks leaked", 0, malloc_type_leaks(M_STRESS));
  if (ncpus > 1) {
    st_expect(remote * 4 >= ncpus * ITERATIONS, "at least a quarter of the frees were remote");
    st_expect(sig * 10 < remote, "IPIs far below remote frees (under 1 in 10)");
    st_expect(hw * 10 < remote, "hardware IPIs of all kinds far below remote frees");
  }
}

export function slab_stress_selftests(): void {
  selftest_register("slab.stress_all_cpus_checksummed", test_stress);
}
