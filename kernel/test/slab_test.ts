// slab_test.ts: the slab allocator's behaviours (dragonfly.md §6 Tests). Remote frees run in
// a thread on CPU1; IPIs are counted with the per-CPU ipiq counters (gd_ipiq_passive: passive
// messages queued, gd_ipiq_hw: hardware IPIs sent) and the slab's own signal counters.
import { selftest_register, st_expect, st_expect_eq, st_skip } from "./selftest.ts";
import { kprintf2, kprintf4 } from "../dev/kprintf.ts";
import { globaldata, Globaldata, mycpu, ncpus } from "../kern/globaldata.ts";
import { lwkt_create, TDPRI_KERN_DAEMON } from "../lwkt/thread.ts";
import { crit_enter, crit_exit } from "../lwkt/crit.ts";
import { lwkt_test_wait } from "../lwkt/lwkt_test.ts";
import { kmalloc, kfree, slab_gd, SlabGlobaldata, slab_zone_of, SlabZone, slab_zoneindex, slab_chunksize, slab_on_list, slab_cleanup, ZONE_SIZE, ZONE_RELS_THRESH } from "../mm/slab.ts";
import { MallocType, malloc_type_register, malloc_type_inuse, malloc_type_memuse, malloc_type_leaks } from "../mm/malloc_type.ts";
import { vmstats } from "../mm/vm_page.ts";

let M_SLABTEST: MallocType = new MallocType();

const MAXPTRS: u32 = 1024;
let ptrs: FixedArray<usize, 1024> = [];
let nptrs: u32 = 0;

/** Remote-free helper: a thread on CPU1 frees rf_list[0..rf_n) and raises rf_done. */
let rf_list: FixedArray<usize, 64> = [];
let rf_n: u32 = 0;
let rf_done: u32 = 0;

function rf_thread(arg: usize): void {
  for (let i: u32 = 0; i < rf_n; i++) kfree(rf_list[i], M_SLABTEST);
  volatile_store<u32>(addressof(rf_done), 1);
}

function remote_free_start(cpu: u32): void {
  rf_done = 0;
  lwkt_create(rf_thread, 0, "t_slabrf", cpu, TDPRI_KERN_DAEMON, true);
}

function count_list(head: usize): u32 {
  let n: u32 = 0;
  let c: usize = head;
  while (c != 0 && n < 100000) {
    n++;
    c = load<u32>(c);
  }
  return n;
}

function test_size_classes(): void {
  st_expect_eq("8 -> class", 0, slab_zoneindex(8));
  st_expect_eq("1 -> 8 bytes", 8, slab_chunksize(1));
  st_expect_eq("127 -> 128 bytes", 128, slab_chunksize(127));
  st_expect_eq("129 -> 144 bytes (step 16)", 144, slab_chunksize(129));
  st_expect_eq("300 -> 320 bytes (step 32)", 320, slab_chunksize(300));
  st_expect_eq("16000 -> 16384 (step 1024)", 16384, slab_chunksize(16000));
  st_expect_eq("largest class", 71, slab_zoneindex(16383));
  let prev: u32 = 0;
  for (let s: u32 = 1; s < 16384; s += 7) {
    const zi: u32 = slab_zoneindex(s);
    const c: u32 = slab_chunksize(s);
    if (!st_expect(c >= s && zi >= prev && zi < 72, "classes monotone, chunk >= request")) return;
    prev = zi;
  }
}

/** A local kfree followed by kmalloc of the same size returns the same pointer. */
function test_local_lifo(): void {
  malloc_type_register(M_SLABTEST, "slabtest");
  const a: usize = kmalloc(100, M_SLABTEST);
  const b: usize = kmalloc(100, M_SLABTEST);
  st_expect(a != 0 && b != 0 && a != b, "two distinct chunks");
  const z: SlabZone = slab_zone_of(a);
  st_expect_eq("zone aligned to its size", 0, addr(z) & (ZONE_SIZE - 1));
  st_expect_eq("zone owned by this CPU", mycpu().gd_cpuid, z.z_Cpu);
  kfree(b, M_SLABTEST);
  kfree(a, M_SLABTEST);
  const c: usize = kmalloc(100, M_SLABTEST);
  st_expect_eq("the last freed chunk comes back first", a, c);
  const d: usize = kmalloc(100, M_SLABTEST);
  st_expect_eq("then the one freed before it", b, d);
  kfree(c, M_SLABTEST);
  kfree(d, M_SLABTEST);
}

/** A remote free into a zone still listed sends no IPI; the chunk waits on RChunks. */
function test_remote_listed_no_ipi(): void {
  if (ncpus < 2) { st_skip("needs 2 CPUs"); return; }
  const a: usize = kmalloc(200, M_SLABTEST);
  const b: usize = kmalloc(200, M_SLABTEST);
  const z: SlabZone = slab_zone_of(a);
  st_expect(z.z_Listed != 0 && z.z_NFree > 0, "the zone is listed with free chunks");
  const g1: Globaldata = globaldata[1];
  const sig0: u32 = slab_gd[1].sg_signals_sent;
  const pas0: u32 = g1.gd_ipiq_passive;
  rf_list[0] = a;
  rf_n = 1;
  remote_free_start(1);
  st_expect(lwkt_test_wait(addressof(rf_done), 1, 50), "CPU1 freed the chunk");
  st_expect_eq("slab signals sent by CPU1", sig0, slab_gd[1].sg_signals_sent);
  st_expect_eq("passive IPIs queued by CPU1", pas0, g1.gd_ipiq_passive);
  st_expect_eq("the chunk is on the zone's remote list", a, volatile_load<u32>(addressof(z.z_RChunks)));
  st_expect(!slab_on_list(z.z_LChunks, a), "not yet on the owner's list");
  slab_cleanup();
  st_expect_eq("cleanup emptied the remote list", 0, z.z_RChunks);
  st_expect(slab_on_list(z.z_LChunks, a), "cleanup moved it to the owner's list");
  kfree(b, M_SLABTEST);
}

/**
 * The other way a parked remote free comes back: the owner exhausts the zone, takes
 * RChunks itself and hands the chunk out again, from the same zone, without any IPI.
 */
function test_remote_taken_on_exhaustion(): void {
  if (ncpus < 2) { st_skip("needs 2 CPUs"); return; }
  const size: u32 = 5000;
  nptrs = 0;
  const a: usize = kmalloc(size, M_SLABTEST);
  const z: SlabZone = slab_zone_of(a);
  const sig0: u32 = slab_gd[1].sg_signals_sent;
  rf_list[0] = a;
  rf_n = 1;
  remote_free_start(1);
  st_expect(lwkt_test_wait(addressof(rf_done), 1, 50), "CPU1 freed the chunk");
  let back: bool = false;
  while (nptrs < z.z_NMax + 2) {
    const p: usize = kmalloc(size, M_SLABTEST);
    ptrs[nptrs++] = p;
    if (p == a) { back = true; break; }
    if (!st_expect(slab_zone_of(p) == z, "served from the same zone until it is exhausted")) break;
  }
  st_expect(back, "the remotely freed chunk was handed out again");
  kprintf2("# slab: remote chunk reused after %u allocations (zone of %u)\n", nptrs, z.z_NMax);
  st_expect_eq("no IPI for it", sig0, slab_gd[1].sg_signals_sent);
  for (let i: u32 = 0; i < nptrs; i++) kfree(ptrs[i], M_SLABTEST);
  nptrs = 0;
}

/**
 * A remote free into a full zone sends exactly one passive IPI, later ones none; after the
 * owner's next tick the zone is listed again with every batched chunk on LChunks. The owner
 * (this CPU) holds a critical section meanwhile, so its tick (which polls passive IPIs)
 * waits until all the remote frees are done.
 */
function test_remote_full_one_passive_ipi(): void {
  if (ncpus < 2) { st_skip("needs 2 CPUs"); return; }
  const size: u32 = 3000;
  nptrs = 0;
  const first: usize = kmalloc(size, M_SLABTEST);
  ptrs[nptrs++] = first;
  const z: SlabZone = slab_zone_of(first);
  while (z.z_Listed != 0 && nptrs < MAXPTRS) ptrs[nptrs++] = kmalloc(size, M_SLABTEST);
  st_expect_eq("the zone ran empty: no free chunk", 0, z.z_NFree);
  st_expect_eq("RSignal set by the owner", 1, z.z_RSignal);
  kprintf2("# slab: zone of %u chunks of %u bytes filled\n", z.z_NMax, z.z_ChunkSize);
  const NB: u32 = 5;
  for (let i: u32 = 0; i < NB; i++) rf_list[i] = ptrs[i];
  rf_n = NB;
  const g1: Globaldata = globaldata[1];
  const sig0: u32 = slab_gd[1].sg_signals_sent;
  const pas0: u32 = g1.gd_ipiq_passive;
  const hw0: u32 = g1.gd_ipiq_hw;
  const run0: u32 = slab_gd[0].sg_signals_run;
  crit_enter();
  remote_free_start(1);
  let spins: u32 = 0;
  while (volatile_load<u32>(addressof(rf_done)) == 0 && spins < 50000000) { pause(); spins++; }
  st_expect(rf_done != 0, "CPU1 freed the chunks");
  st_expect_eq("slab signals sent by CPU1 for 5 remote frees", sig0 + 1, slab_gd[1].sg_signals_sent);
  st_expect_eq("passive IPIs queued by CPU1", pas0 + 1, g1.gd_ipiq_passive);
  st_expect_eq("hardware IPQ IPIs sent by CPU1", hw0, g1.gd_ipiq_hw);
  st_expect_eq("chunks batched on RChunks", NB, count_list(volatile_load<u32>(addressof(z.z_RChunks))));
  st_expect_eq("zone still unlisted before the owner's tick", 0, z.z_Listed);
  crit_exit();
  st_expect(lwkt_test_wait(addressof(slab_gd[0].sg_signals_run), run0 + 1, 50), "the owner ran kfree_remote at its tick");
  st_expect_eq("kfree_remote ran once", run0 + 1, slab_gd[0].sg_signals_run);
  st_expect_eq("zone listed again", 1, z.z_Listed);
  st_expect_eq("RSignal cleared", 0, z.z_RSignal);
  st_expect_eq("RChunks empty", 0, z.z_RChunks);
  st_expect_eq("NFree counts the batch", NB, z.z_NFree);
  for (let i: u32 = 0; i < NB; i++) st_expect(slab_on_list(z.z_LChunks, ptrs[i]), "every batched chunk on LChunks");
  st_expect_eq("RCount back to 0", 0, z.z_RCount);
  for (let i: u32 = NB; i < nptrs; i++) kfree(ptrs[i], M_SLABTEST);
  nptrs = 0;
}

/** kfree keeps free zones (FreeZones); only a later kmalloc gives the excess back to VM. */
function test_kfree_never_returns_to_vm(): void {
  const size: u32 = 8192;
  const sg: SlabGlobaldata = slab_gd[mycpu().gd_cpuid];
  nptrs = 0;
  while (nptrs < MAXPTRS) {
    const p: usize = kmalloc(size, M_SLABTEST);
    if (!st_expect(p != 0, "kmalloc succeeded")) break;
    ptrs[nptrs++] = p;
    if (sg.sg_zones_new > 0 && nptrs >= (ZONE_RELS_THRESH + 8) * 15) break;
  }
  const free_before: u32 = vmstats.v_free_count;
  const rel0: u32 = sg.sg_zones_released;
  for (let i: u32 = 0; i < nptrs; i++) kfree(ptrs[i], M_SLABTEST);
  st_expect_eq("VM free pages unchanged by kfree", free_before, vmstats.v_free_count);
  st_expect_eq("no zone released by kfree", rel0, sg.sg_zones_released);
  const nfree: u32 = sg.NFreeZones;
  kprintf4("# slab: %u chunks freed, %u free zones cached (threshold %u)\n", nptrs, nfree, ZONE_RELS_THRESH, 0);
  st_expect(nfree > ZONE_RELS_THRESH, "more free zones cached than the threshold");
  const p: usize = kmalloc(24, M_SLABTEST);
  st_expect(sg.NFreeZones <= ZONE_RELS_THRESH, "kmalloc trimmed the cache to the threshold");
  st_expect_eq("zones released by kmalloc", rel0 + (nfree - ZONE_RELS_THRESH), sg.sg_zones_released);
  st_expect_eq("their pages are back in VM", free_before + (nfree - ZONE_RELS_THRESH) * 32, vmstats.v_free_count);
  kfree(p, M_SLABTEST);
  nptrs = 0;
}

/** Large requests are whole pages from VM and go straight back. */
function test_large_alloc(): void {
  const free0: u32 = vmstats.v_free_count;
  const a: usize = kmalloc(20000, M_SLABTEST);
  st_expect(a != 0 && (a & 4095) == 0, "a large block is page-aligned");
  st_expect_eq("5 pages taken", free0 - 5, vmstats.v_free_count);
  const b: usize = kmalloc(3 * 4096, M_SLABTEST);
  st_expect(b != 0 && (b & 4095) == 0, "a 3-page multiple goes to VM too");
  st_expect_eq("3 more pages taken", free0 - 8, vmstats.v_free_count);
  kfree(a, M_SLABTEST);
  kfree(b, M_SLABTEST);
  st_expect_eq("pages returned at once", free0, vmstats.v_free_count);
}

/** Per-type statistics: in use, high water, calls; the leak check sees what is left. */
function test_type_stats(): void {
  const t: MallocType = M_SLABTEST;
  const inuse0: u32 = malloc_type_inuse(t);
  const mem0: u32 = malloc_type_memuse(t);
  const a: usize = kmalloc(40, t);
  const b: usize = kmalloc(1000, t);
  st_expect_eq("blocks in use", inuse0 + 2, malloc_type_inuse(t));
  st_expect_eq("bytes in use (chunk sizes)", mem0 + 40 + 1024, malloc_type_memuse(t));
  st_expect(t.ks_maxused >= mem0 + 1064, "high-water mark covers the peak");
  kfree(b, t);
  st_expect_eq("bytes after one free", mem0 + 40, malloc_type_memuse(t));
  st_expect(t.ks_maxused >= mem0 + 1064, "high-water mark stays");
  st_expect_eq("leak check sees the block left", inuse0 + 1, malloc_type_leaks(t));
  kfree(a, t);
  st_expect_eq("no leak after freeing everything", 0, malloc_type_leaks(t));
}

export function slab_selftests(): void {
  selftest_register("slab.size_classes", test_size_classes);
  selftest_register("slab.local_free_lifo_reuse", test_local_lifo);
  selftest_register("slab.remote_free_listed_zone_no_ipi", test_remote_listed_no_ipi);
  selftest_register("slab.remote_free_taken_when_zone_exhausted", test_remote_taken_on_exhaustion);
  selftest_register("slab.remote_free_full_zone_one_passive_ipi", test_remote_full_one_passive_ipi);
  selftest_register("slab.kfree_never_returns_to_vm", test_kfree_never_returns_to_vm);
  selftest_register("slab.large_alloc_from_pages", test_large_alloc);
  selftest_register("slab.type_stats_leak_check", test_type_stats);
}
