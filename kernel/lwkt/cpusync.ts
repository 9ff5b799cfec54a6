// cpusync.ts: run a function on a set of CPUs and wait (DragonFly's lwkt_cpusync_*; the
// memory system's TLB shootdown uses it). Two phases:
//  - interlock: every target CPU takes an IPI message, sets its bit in cs_mack and spins in it
//    (inside the IPI callback: it runs no thread and no other message meanwhile);
//  - deinterlock: the master clears cs_mack, runs cs_func itself if it is in the mask, each
//    target sees its bit cleared, runs cs_func, sets its bit again; the master waits for all.
// While it waits the master serves its own IPI queue, so a target that is itself blocked
// sending to the master (FIFO full) still gets through. Masters are serialized by one flag
// (unlike DragonFly, which requeues waiting targets on gd_cpusyncq so masters can overlap).
import { mycpu, ncpus } from "../kern/globaldata.ts";
import { panic } from "../kern/panic.ts";
import { crit_enter, crit_exit } from "./crit.ts";
import { lwkt_send_ipiq, lwkt_ipiq_service } from "./ipiq.ts";

export type CpusyncFunc = (arg: usize) => void;

export class Cpusync {
  cs_mask: u32 = 0; // CPUs that run cs_func (the master's bit included if it is to run it)
  cs_mack: u32 = 0; // acknowledgements from the targets (the mask without the master)
  cs_func: CpusyncFunc | null = null;
  cs_data: usize = 0;
}

/** 1 while a master is between interlock and deinterlock. */
let cpusync_busy: u32 = 0;
let cpusync_count: u32 = 0;

function cs_targets(cs: Cpusync): u32 {
  return cs.cs_mask & ~(1 << mycpu().gd_cpuid);
}

function atomic_or(p: Ptr<u32>, bits: u32): void {
  for (;;) {
    const old: u32 = volatile_load<u32>(p);
    if (cmpxchg(p, old, old | bits) == old) return;
  }
}

/** On each target, as an IPI callback (critical section, nesting raised). */
function cpusync_remote(arg1: usize, arg2: u32): void {
  const cs: Cpusync = cast<Cpusync>(arg1);
  const bit: u32 = 1 << mycpu().gd_cpuid;
  atomic_or(addressof(cs.cs_mack), bit);
  // Quiesced: wait for the master's deinterlock.
  while ((volatile_load<u32>(addressof(cs.cs_mack)) & bit) != 0) pause();
  const f: CpusyncFunc | null = cs.cs_func;
  if (f != null) f(cs.cs_data);
  atomic_or(addressof(cs.cs_mack), bit);
}

/** Wait until cs_mack holds every target, serving our own IPI queue meanwhile. */
function cpusync_wait_all(cs: Cpusync, targets: u32): void {
  while (volatile_load<u32>(addressof(cs.cs_mack)) != targets) {
    lwkt_ipiq_service();
    pause();
  }
}

/** Quiesce the CPUs of cs.cs_mask (other than this one). Returns inside a critical section. */
export function lwkt_cpusync_interlock(cs: Cpusync): void {
  crit_enter();
  while (cmpxchg(addressof(cpusync_busy), 0, 1) != 0) {
    lwkt_ipiq_service();
    pause();
  }
  const targets: u32 = cs_targets(cs);
  cs.cs_mack = 0;
  for (let c: u32 = 0; c < ncpus; c++) {
    if ((targets & (1 << c)) != 0) lwkt_send_ipiq(c, cpusync_remote, addr(cs), 0);
  }
  cpusync_wait_all(cs, targets);
}

/** Run cs_func everywhere in the mask (here first), wait for all, release the targets. */
export function lwkt_cpusync_deinterlock(cs: Cpusync): void {
  const targets: u32 = cs_targets(cs);
  if (volatile_load<u32>(addressof(cs.cs_mack)) != targets) panic("cpusync: deinterlock without interlock");
  volatile_store<u32>(addressof(cs.cs_mack), 0);
  const f: CpusyncFunc | null = cs.cs_func;
  if ((cs.cs_mask & (1 << mycpu().gd_cpuid)) != 0 && f != null) f(cs.cs_data);
  cpusync_wait_all(cs, targets);
  cpusync_count++;
  volatile_store<u32>(addressof(cpusync_busy), 0);
  crit_exit();
}

/** Run func(arg) on every CPU of `mask` (this one included if set) and wait for all. */
export function lwkt_cpusync_simple(mask: u32, func: CpusyncFunc, arg: usize): void {
  const cs: Cpusync = new Cpusync();
  cs.cs_mask = mask & cpumask_all();
  cs.cs_func = func;
  cs.cs_data = arg;
  lwkt_cpusync_interlock(cs);
  lwkt_cpusync_deinterlock(cs);
}

/** Every CPU found. */
export function cpumask_all(): u32 {
  return ncpus >= 32 ? 0xffffffff : (1 << ncpus) - 1;
}
