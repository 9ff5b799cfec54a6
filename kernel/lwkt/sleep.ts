// sleep.ts: tsleep/wakeup on an address (DragonFly's kern_synch.c). Sleepers wait in a hash
// table of sleep queues keyed by the address, one spin lock per bucket, so wakeups on
// unrelated addresses (on different CPUs) do not contend. A sleeper takes itself off its run
// queue inside a critical section before it switches away; a waker on another CPU hands it
// back with lwkt_schedule, which is an IPI to the owning CPU, processed only after that CPU
// has left the sleeper's critical section, i.e. after the sleeper really switched out: no
// wakeup is lost. Timeouts are checked by the sleeper's own CPU at its tick, and only while
// that CPU has a sleeper with a timeout.
import { Globaldata, mycpu } from "../kern/globaldata.ts";
import { Spinlock, spin_lock_irq, spin_unlock_irq } from "../kern/spinlock.ts";
import { Thread, TDF_TSLEEPQ, TDF_TIMEOUT, lwkt_schedule, lwkt_deschedule_self, lwkt_switch } from "./thread.ts";
import { crit_enter, crit_exit, curthread } from "./crit.ts";

export const EWOULDBLOCK: u32 = 35;

/** Buckets of the sleep-queue hash (a power of two). */
const SLPQUE_SIZE: u32 = 64;

class SleepQueue {
  sq_lock!: Inline<Spinlock>;
  sq_head: Thread | null = null;
  /** Sleepers queued here now. */
  sq_count: u32 = 0;
}

let slpque: FixedArray<Inline<SleepQueue>, 64> = [];
/** Per CPU: its threads asleep with a timeout (only that CPU changes its entry). */
let timed_sleepers: FixedArray<u32, 32> = [];

/** The bucket of an address: mix the bits above the word offset, as objects are aligned. */
function slpque_of(ident: usize): SleepQueue {
  const h: u32 = (ident >>> 2) ^ (ident >>> 8) ^ (ident >>> 14);
  return slpque[h & (SLPQUE_SIZE - 1)];
}

function sleepq_unlink(sq: SleepQueue, td: Thread): void {
  if (sq.sq_head == td) {
    sq.sq_head = td.td_slnext;
  } else {
    let p: Thread | null = sq.sq_head;
    while (p != null) {
      const n: Thread | null = p.td_slnext;
      if (n == td) {
        p.td_slnext = td.td_slnext;
        break;
      }
      p = n;
    }
  }
  sq.sq_count--;
  td.td_slnext = null;
  td.td_slflags &= ~TDF_TSLEEPQ;
}

/** Selftests and the console: sleepers queued in the bucket of `ident`. */
export function sleepq_bucket_count(ident: usize): u32 {
  return slpque_of(ident).sq_count;
}

export function sleepq_same_bucket(a: usize, b: usize): bool {
  return slpque_of(a) == slpque_of(b);
}

/**
 * First half of an interlocked sleep: enter a critical section and go on the sleep queue
 * for `ident` now, so that a wakeup between here and tsleep_commit (e.g. after the caller
 * drops the lock protecting its condition) is not lost.
 */
export function tsleep_interlock(ident: usize, wmesg: string, timo: u32): void {
  const gd: Globaldata = mycpu();
  const td: Thread = curthread();
  crit_enter();
  let due: u32 = 0;
  if (timo != 0) {
    due = gd.gd_ticks + timo;
    if (due == 0) due = 1;
    timed_sleepers[gd.gd_cpuid]++;
  }
  const sq: SleepQueue = slpque_of(ident);
  spin_lock_irq(sq.sq_lock);
  // Counted first: whoever sees this thread asleep (its td_slflags) then also sees the
  // count (stores become visible in order), so wakeup's unlocked check cannot miss it.
  sq.sq_count++;
  barrier();
  td.td_wchan = ident;
  td.td_wmesg = wmesg;
  td.td_slflags = TDF_TSLEEPQ;
  td.td_timeout = due;
  td.td_slnext = sq.sq_head;
  sq.sq_head = td;
  spin_unlock_irq(sq.sq_lock);
}

/** The sleep is over (woken, timed out or cancelled): on the sleeper's CPU, in its crit section. */
function tsleep_done(td: Thread): void {
  if (td.td_timeout != 0) {
    timed_sleepers[mycpu().gd_cpuid]--;
    td.td_timeout = 0;
  }
  td.td_wchan = 0;
}

/**
 * Second half: block. A waker on this CPU cannot run before we switch (we are in a critical
 * section); a remote waker's lwkt_schedule is an IPI this CPU takes only after the switch.
 * If the wakeup already took us off the sleep queue, do not block.
 */
export function tsleep_commit(): u32 {
  const td: Thread = curthread();
  if ((td.td_slflags & TDF_TSLEEPQ) != 0) {
    lwkt_deschedule_self(td);
    lwkt_switch();
  }
  const r: u32 = (td.td_slflags & TDF_TIMEOUT) != 0 ? EWOULDBLOCK : 0;
  tsleep_done(td);
  crit_exit();
  return r;
}

/** Undo tsleep_interlock without blocking (the condition went away meanwhile). */
export function tsleep_cancel(): void {
  const td: Thread = curthread();
  const sq: SleepQueue = slpque_of(td.td_wchan);
  spin_lock_irq(sq.sq_lock);
  if ((td.td_slflags & TDF_TSLEEPQ) != 0) sleepq_unlink(sq, td);
  spin_unlock_irq(sq.sq_lock);
  tsleep_done(td);
  crit_exit();
}

/**
 * Sleep until wakeup(ident) or, if timo > 0, for timo ticks of this CPU.
 * Returns 0 when woken, EWOULDBLOCK on timeout.
 */
export function tsleep(ident: usize, wmesg: string, timo: u32): u32 {
  tsleep_interlock(ident, wmesg, timo);
  return tsleep_commit();
}

/** Wake every thread sleeping on ident (on any CPU). Returns how many. */
export function wakeup(ident: usize): u32 {
  return wakeup_n(ident, 0xffffffff);
}

export function wakeup_one(ident: usize): u32 {
  return wakeup_n(ident, 1);
}

function wakeup_n(ident: usize, max: u32): u32 {
  let woken: Thread | null = null;
  let n: u32 = 0;
  const sq: SleepQueue = slpque_of(ident);
  // Nobody queued here: return without the lock. The fence orders the caller's change of the
  // condition before this read; a sleeper counts itself (a locked write) before it reads the
  // condition, so one of the two sees the other.
  barrier();
  if (volatile_load<u32>(addressof(sq.sq_count)) == 0) return 0;
  spin_lock_irq(sq.sq_lock);
  let p: Thread | null = sq.sq_head;
  while (p != null && n < max) {
    const next: Thread | null = p.td_slnext;
    if (p.td_wchan == ident && (p.td_slflags & TDF_TSLEEPQ) != 0) {
      sleepq_unlink(sq, p);
      p.td_slnext = woken;
      woken = p;
      n++;
    }
    p = next;
  }
  spin_unlock_irq(sq.sq_lock);
  while (woken != null) {
    const td: Thread = woken;
    woken = td.td_slnext;
    td.td_slnext = null;
    lwkt_schedule(td);
  }
  return n;
}

/** From the tick (clock.ts): wake this CPU's sleepers whose timeout fell due. */
export function sleep_timeouts(gd: Globaldata): void {
  if (timed_sleepers[gd.gd_cpuid] == 0) return;
  let woken: Thread | null = null;
  const now: u32 = gd.gd_ticks;
  for (let b: u32 = 0; b < SLPQUE_SIZE; b++) {
    const sq: SleepQueue = slpque[b];
    if (volatile_load<u32>(addressof(sq.sq_count)) == 0) continue;
    spin_lock_irq(sq.sq_lock);
    let p: Thread | null = sq.sq_head;
    while (p != null) {
      const next: Thread | null = p.td_slnext;
      if (p.td_gd == gd && (p.td_slflags & TDF_TSLEEPQ) != 0 && p.td_timeout != 0 && i32(now - p.td_timeout) >= 0) {
        sleepq_unlink(sq, p);
        p.td_slflags |= TDF_TIMEOUT;
        p.td_slnext = woken;
        woken = p;
      }
      p = next;
    }
    spin_unlock_irq(sq.sq_lock);
  }
  while (woken != null) {
    const td: Thread = woken;
    woken = td.td_slnext;
    td.td_slnext = null;
    lwkt_schedule(td);
  }
}

/** Sleep for about `ms` milliseconds (at least one tick). */
export function lwkt_sleep_ms(ms: u32): void {
  let t: u32 = ms / 10;
  if (t == 0) t = 1;
  tsleep(addr(curthread()), "delay", t);
}
