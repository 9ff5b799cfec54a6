// sleep.ts: tsleep/wakeup on an address (DragonFly's kern_synch.c, simplified to one global
// sleep queue under a spin lock). A sleeper takes itself off its run queue inside a critical
// section before it switches away; a waker on another CPU hands it back with lwkt_schedule,
// which is an IPI to the owning CPU, processed only after that CPU has left the sleeper's
// critical section, i.e. after the sleeper really switched out: no wakeup is lost.
import { Globaldata, mycpu } from "../kern/globaldata.ts";
import { Spinlock, spin_lock_irq, spin_unlock_irq } from "../kern/spinlock.ts";
import { Thread, TDF_TSLEEPQ, TDF_TIMEOUT, lwkt_schedule, lwkt_deschedule_self, lwkt_switch } from "./thread.ts";
import { crit_enter, crit_exit, curthread } from "./crit.ts";

export const EWOULDBLOCK: u32 = 35;

let sleepq_lock: Spinlock = new Spinlock();
let sleepq: Thread | null = null;

function sleepq_unlink(td: Thread): void {
  if (sleepq == td) {
    sleepq = td.td_slnext;
  } else {
    let p: Thread | null = sleepq;
    while (p != null) {
      const n: Thread | null = p.td_slnext;
      if (n == td) {
        p.td_slnext = td.td_slnext;
        break;
      }
      p = n;
    }
  }
  td.td_slnext = null;
  td.td_slflags &= ~TDF_TSLEEPQ;
  td.td_wchan = 0;
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
  spin_lock_irq(sleepq_lock);
  td.td_wchan = ident;
  td.td_wmesg = wmesg;
  td.td_slflags = TDF_TSLEEPQ;
  td.td_timeout = 0;
  if (timo != 0) {
    td.td_timeout = gd.gd_ticks + timo;
    if (td.td_timeout == 0) td.td_timeout = 1;
  }
  td.td_slnext = sleepq;
  sleepq = td;
  spin_unlock_irq(sleepq_lock);
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
  crit_exit();
  return r;
}

/** Undo tsleep_interlock without blocking (the condition went away meanwhile). */
export function tsleep_cancel(): void {
  const td: Thread = curthread();
  spin_lock_irq(sleepq_lock);
  if ((td.td_slflags & TDF_TSLEEPQ) != 0) sleepq_unlink(td);
  spin_unlock_irq(sleepq_lock);
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
  spin_lock_irq(sleepq_lock);
  let p: Thread | null = sleepq;
  while (p != null && n < max) {
    const next: Thread | null = p.td_slnext;
    if (p.td_wchan == ident && (p.td_slflags & TDF_TSLEEPQ) != 0) {
      sleepq_unlink(p);
      p.td_slnext = woken;
      woken = p;
      n++;
    }
    p = next;
  }
  spin_unlock_irq(sleepq_lock);
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
  if (sleepq == null) return;
  let woken: Thread | null = null;
  const now: u32 = gd.gd_ticks;
  spin_lock_irq(sleepq_lock);
  let p: Thread | null = sleepq;
  while (p != null) {
    const next: Thread | null = p.td_slnext;
    if (p.td_gd == gd && p.td_timeout != 0 && i32(now - p.td_timeout) >= 0) {
      sleepq_unlink(p);
      p.td_slflags |= TDF_TIMEOUT;
      p.td_slnext = woken;
      woken = p;
    }
    p = next;
  }
  spin_unlock_irq(sleepq_lock);
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
