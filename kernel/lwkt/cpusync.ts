// cpusync.ts: run a function on a set of CPUs and wait (DragonFly's lwkt_cpusync_*; the
// memory system's TLB shootdown uses it). Two phases:
//  - interlock: every target CPU takes an IPI message (cpusync_remote1), sets its bit in
//    cs_mack and then waits for the master by parking cpusync_remote2 on its own cpusync
//    queue (gd_cpusyncq), which every pass of its IPI processing retries. The target thus
//    stays in IPI context (it runs no thread) but keeps serving its other rings;
//  - deinterlock: the master clears cs_mack, runs cs_func itself if it is in the mask; each
//    target's next retry sees its bit cleared, runs cs_func and sets its bit again; the master
//    waits for all of them.
// lwkt_cpusync_quick has only the second phase: remote2 is sent directly with cs_mack clear.
// Masters are not serialized: a master serves its queue while it waits, and runs its own
// cpusync queue once per pass rather than looping on it (ipiq.ts), so any number of CPUs may
// master cpusyncs that target each other at once. A master that others hold as a target runs
// only its own cpusync's code meanwhile: when that is over it waits, still in its critical
// section, until they all released it.
import { Globaldata, mycpu, ncpus } from "../kern/globaldata.ts";
import { panic } from "../kern/panic.ts";
import { crit_enter, crit_exit } from "./crit.ts";
import { IpiFunc, lwkt_send_ipiq, lwkt_ipiq_service, lwkt_cpusyncq_put } from "./ipiq.ts";

export type CpusyncFunc = (arg: usize) => void;

export class Cpusync {
  cs_mask: u32 = 0; // CPUs that run cs_func (the master's bit included if it is to run it)
  cs_mack: u32 = 0; // acknowledgements from the targets (the mask without the master)
  cs_func: CpusyncFunc | null = null;
  cs_data: usize = 0;
}

/** Fill in a cpusync (it usually lives in the master's stack frame). */
export function lwkt_cpusync_init(cs: Cpusync, mask: u32, func: CpusyncFunc | null, arg: usize): void {
  cs.cs_mask = mask;
  cs.cs_mack = 0;
  cs.cs_func = func;
  cs.cs_data = arg;
}

/** The CPUs that must acknowledge: the mask, existing CPUs only, without this one. */
function cs_targets(cs: Cpusync): u32 {
  return cs.cs_mask & cpumask_all() & ~(1 << mycpu().gd_cpuid);
}

function atomic_or(p: Ptr<u32>, bits: u32): void {
  for (;;) {
    const old: u32 = volatile_load<u32>(p);
    if (cmpxchg(p, old, old | bits) == old) return;
  }
}

/**
 * On a target, stage 2 (IPI context). While our bit is set the master has not released us:
 * park and be retried on the next pass of IPI processing. Once it is clear, run cs_func and
 * acknowledge; after that store the master may return and the Cpusync may be gone.
 */
function cpusync_remote2(arg1: usize, arg2: u32): void {
  const cs: Cpusync = cast<Cpusync>(arg1);
  const gd: Globaldata = mycpu();
  const bit: u32 = 1 << gd.gd_cpuid;
  if ((volatile_load<u32>(addressof(cs.cs_mack)) & bit) != 0) {
    gd.gd_cpusync_spins++;
    lwkt_cpusyncq_put(cpusync_remote2, arg1, arg2);
    return;
  }
  // Reads of what the master changed before releasing us come after the load above (a
  // compiler barrier suffices: x86 does not reorder loads with loads).
  barrier();
  const f: CpusyncFunc | null = cs.cs_func;
  if (f != null) f(cs.cs_data);
  gd.gd_cpusync_served++;
  atomic_or(addressof(cs.cs_mack), bit);
}

/** On a target, stage 1 (IPI context): acknowledge the interlock, then wait as stage 2. */
function cpusync_remote1(arg1: usize, arg2: u32): void {
  const cs: Cpusync = cast<Cpusync>(arg1);
  atomic_or(addressof(cs.cs_mack), 1 << mycpu().gd_cpuid);
  cpusync_remote2(arg1, arg2);
}

/** Wait until cs_mack holds every target, serving our own IPI queue meanwhile. */
function cpusync_wait_all(cs: Cpusync, targets: u32): void {
  while (volatile_load<u32>(addressof(cs.cs_mack)) != targets) {
    lwkt_ipiq_service();
    pause();
  }
}

/** Start mastering: a critical section, and our IPI processing stops looping on gd_cpusyncq. */
function cpusync_master_enter(gd: Globaldata): void {
  crit_enter();
  gd.gd_cpusync_master++;
}

/**
 * Done mastering. Other masters we acknowledged may still hold us: while we mastered, our
 * cpusync queue only got one pass per wait round. Once the outermost cpusync is over, wait
 * for them here, still in the critical section, so that no thread runs on this CPU before
 * they released it.
 */
function cpusync_master_exit(gd: Globaldata): void {
  if (gd.gd_cpusync_master == 0) panic("cpusync: not mastering");
  gd.gd_cpusync_master--;
  gd.gd_cpusync_mastered++;
  if (gd.gd_cpusync_master == 0) lwkt_ipiq_service();
  crit_exit();
}

function cpusync_send(cs: Cpusync, targets: u32, func: IpiFunc): void {
  for (let c: u32 = 0; c < ncpus; c++) {
    if ((targets & (1 << c)) != 0) lwkt_send_ipiq(c, func, addr(cs), 0);
  }
}

/**
 * Quiesce the CPUs of cs.cs_mask other than this one: when it returns they are all in IPI
 * context waiting for lwkt_cpusync_deinterlock. Returns inside a critical section.
 */
export function lwkt_cpusync_interlock(cs: Cpusync): void {
  const gd: Globaldata = mycpu();
  cpusync_master_enter(gd);
  const targets: u32 = cs_targets(cs);
  volatile_store<u32>(addressof(cs.cs_mack), 0);
  cpusync_send(cs, targets, cpusync_remote1);
  cpusync_wait_all(cs, targets);
}

/** Run cs_func everywhere in the mask (here first), wait for all, release the targets. */
export function lwkt_cpusync_deinterlock(cs: Cpusync): void {
  const gd: Globaldata = mycpu();
  const targets: u32 = cs_targets(cs);
  if (volatile_load<u32>(addressof(cs.cs_mack)) != targets) panic("cpusync: deinterlock without interlock");
  // The master's changes (a PTE) are stored before the release: x86 keeps stores in order,
  // the barrier keeps the compiler from moving them past it.
  barrier();
  volatile_store<u32>(addressof(cs.cs_mack), 0);
  const f: CpusyncFunc | null = cs.cs_func;
  if ((cs.cs_mask & (1 << gd.gd_cpuid)) != 0 && f != null) f(cs.cs_data);
  cpusync_wait_all(cs, targets);
  cpusync_master_exit(gd);
}

/**
 * Run cs_func on every CPU of cs.cs_mask and wait, without quiescing: each target runs it as
 * soon as it takes the IPI and goes back to what it was doing. For work that needs no common
 * point where every target stands still (e.g. dropping a cached value everywhere).
 */
export function lwkt_cpusync_quick(cs: Cpusync): void {
  const gd: Globaldata = mycpu();
  cpusync_master_enter(gd);
  const targets: u32 = cs_targets(cs);
  volatile_store<u32>(addressof(cs.cs_mack), 0);
  cpusync_send(cs, targets, cpusync_remote2);
  // Here while the targets run theirs.
  const f: CpusyncFunc | null = cs.cs_func;
  if ((cs.cs_mask & (1 << gd.gd_cpuid)) != 0 && f != null) f(cs.cs_data);
  cpusync_wait_all(cs, targets);
  cpusync_master_exit(gd);
}

/** Run func(arg) on every CPU of `mask` (this one included if set), targets quiesced first. */
export function lwkt_cpusync_simple(mask: u32, func: CpusyncFunc, arg: usize): void {
  const cs: Cpusync = new Cpusync();
  lwkt_cpusync_init(cs, mask, func, arg);
  lwkt_cpusync_interlock(cs);
  lwkt_cpusync_deinterlock(cs);
}

/** Every CPU found. */
export function cpumask_all(): u32 {
  return ncpus >= 32 ? 0xffffffff : (1 << ncpus) - 1;
}
