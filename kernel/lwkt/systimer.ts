// systimer.ts: per-CPU systimers (DragonFly's kern_systimer.c). Each CPU keeps its own queue
// of timers sorted by deadline on a 64-bit monotonic time base, the TSC (calibrated against
// the PIT at boot, in the same window as the LAPIC timer: lapic.ts tsc_per_ms), and runs its
// LAPIC timer one-shot for the earliest deadline. Only the owning CPU touches its queue,
// inside a critical section, so there is no lock; another CPU's systimer_del is an IPI.
//
// Timer functions run on their CPU in interrupt context: in a critical section with the
// interrupt nesting level raised, so they must not block or switch. A timer interrupt that
// arrives inside a critical section only notes RQF_TIMER; splz runs the queue at the
// crit_exit that brings the count to 0 (clock.ts lwkt_clock_run).
//
// Why the TSC: it is 64 bits wide (never wraps in practice), one rdtsc to read, and every
// judge has one that advances with the same time the LAPIC timer counts (our machine: the
// virtual clock at 1 GHz; QEMU and v86: host time). Each CPU compares deadlines only with
// its own TSC, so TSCs that differ between CPUs would still be correct per CPU.
import { Globaldata, globaldata, mycpu, ncpus } from "../kern/globaldata.ts";
import { panic } from "../kern/panic.ts";
import { lapic_timer_oneshot, lapic_timer_oneshot_init, lapic_timer_per_ms, tsc_per_ms, HZ } from "../dev/lapic.ts";
import { Thread } from "./thread.ts";
import { crit_enter, crit_exit, curthread, RQF_TIMER } from "./crit.ts";
import { lwkt_send_ipiq, lwkt_wait_ipiq } from "./ipiq.ts";

/** A timer function: the timer itself and the data given at init. Interrupt context. */
export type SystimerFunc = (st: Systimer, data: usize) => void;

/** st_flags */
export const SYSTF_ONQUEUE: u32 = 0x1; // on its CPU's queue
export const SYSTF_RUNNING: u32 = 0x2; // its function is running now

/**
 * A periodic timer that falls this far behind (its CPU held in a critical section, or an
 * emulator that stalled) skips the missed periods instead of running them all back to back
 * in one interrupt, as a hardware periodic timer drops them. Below it, every period runs:
 * hardclock's tick count keeps up with time across a long critical section.
 */
const SYSTIMER_MAX_BEHIND_MS: u32 = 100;

export class Systimer {
  /** Queue link (ascending st_time). */
  st_next: Systimer | null = null;
  /** Deadline: an absolute TSC value. */
  st_time: u64 = 0n;
  /** TSC counts between runs of a periodic timer; 0 for a one-shot. */
  st_periodic: u64 = 0n;
  st_func: SystimerFunc | null = null;
  st_data: usize = 0;
  st_flags: u32 = 0;
  /** The frequency a periodic timer was asked for (Hz). */
  st_freq: u32 = 0;
  /** The owning CPU (the one that initialised it). */
  st_gd: Globaldata | null = null;
  /** Times its function ran (console, tests). */
  st_count: u32 = 0;
  st_name: string | null = null;
}

/** One CPU's queue and counters. Written only by that CPU. */
export class SystimerCpu {
  sc_head: Systimer | null = null;
  /** The deadline the LAPIC timer is armed for (0: not armed). */
  sc_armed: u64 = 0n;
  /** Timer interrupts taken, those deferred by a critical section, functions run. */
  sc_intrs: u32 = 0;
  sc_deferred: u32 = 0;
  sc_runs: u32 = 0;
  /** LAPIC re-arms, and periods skipped by periodic timers that fell too far behind. */
  sc_reloads: u32 = 0;
  sc_skipped: u32 = 0;
  sc_started: u32 = 0;
  /** Timers on the queue now. */
  sc_queued: u32 = 0;
  /** Non-zero while systimer_run walks the queue (it re-arms once at its end). */
  sc_inrun: u32 = 0;
}

export let systimer_cpu: FixedArray<Inline<SystimerCpu>, 32> = [];

/** The current value of the time base. */
export function systimer_now(): u64 {
  return rdtsc();
}

/** Microseconds as time-base counts. */
export function systimer_us_to_count(us: u32): u64 {
  return (u64(us) * u64(tsc_per_ms)) / 1000n;
}

/** Time-base counts as microseconds (differences that fit 32 bits of microseconds). */
export function systimer_count_to_us(count: u64): u32 {
  return u32((count * 1000n) / u64(tsc_per_ms));
}

/** Counts per period of a `hz` periodic timer (at least one count). */
function systimer_fromhz(hz: u32): u64 {
  if (hz == 0) panic("systimer: frequency 0");
  const c: u64 = (u64(tsc_per_ms) * 1000n) / u64(hz);
  return c == 0n ? 1n : c;
}

/**
 * Arm this CPU's LAPIC timer for the head of the queue. Counts are rounded up so that the
 * interrupt does not come before the deadline; if it still does (calibration rounding), the
 * queue run finds nothing due and re-arms for the rest. Interrupts off so the LVT count and
 * sc_armed agree with each other.
 */
function systimer_reload(sc: SystimerCpu): void {
  const h: Systimer | null = sc.sc_head;
  const eflags: u32 = read_eflags();
  cli();
  sc.sc_reloads++;
  if (h == null) {
    sc.sc_armed = 0n;
    lapic_timer_oneshot(0);
  } else {
    sc.sc_armed = h.st_time;
    const now: u64 = rdtsc();
    let counts: u32 = 1;
    if (h.st_time > now) {
      let delta: u64 = h.st_time - now;
      // Beyond ~1 s, arm for 1 s and look again then (keeps the product in 64 bits and the
      // count in 32).
      const cap: u64 = u64(tsc_per_ms) * 1000n;
      if (delta > cap) delta = cap;
      const c: u64 = (delta * u64(lapic_timer_per_ms) + u64(tsc_per_ms) - 1n) / u64(tsc_per_ms);
      counts = c == 0n ? 1 : u32(c);
    }
    lapic_timer_oneshot(counts);
  }
  write_eflags(eflags);
}

/** Insert in deadline order (after equal deadlines: FIFO); owner CPU, critical section. */
function systimer_insert(sc: SystimerCpu, st: Systimer): void {
  let prev: Systimer | null = null;
  let p: Systimer | null = sc.sc_head;
  while (p != null && p.st_time <= st.st_time) {
    prev = p;
    p = p.st_next;
  }
  st.st_next = p;
  if (prev == null) sc.sc_head = st;
  else prev.st_next = st;
  st.st_flags |= SYSTF_ONQUEUE;
  sc.sc_queued++;
}

function systimer_remove(sc: SystimerCpu, st: Systimer): void {
  let prev: Systimer | null = null;
  let p: Systimer | null = sc.sc_head;
  while (p != null && p != st) {
    prev = p;
    p = p.st_next;
  }
  if (p == null) panic("systimer_remove: not on its CPU's queue");
  if (prev == null) sc.sc_head = st.st_next;
  else prev.st_next = st.st_next;
  st.st_next = null;
  st.st_flags &= ~SYSTF_ONQUEUE;
  sc.sc_queued--;
}

/** Queue `st` on this CPU (its owner) and re-arm the LAPIC if it is the new earliest. */
function systimer_add(st: Systimer): void {
  const gd: Globaldata = mycpu();
  const sc: SystimerCpu = systimer_cpu[gd.gd_cpuid];
  crit_enter();
  if ((st.st_flags & SYSTF_ONQUEUE) != 0) systimer_remove(sc, st);
  systimer_insert(sc, st);
  // Re-arm only for a new head earlier than what the LAPIC waits for; inside the queue run
  // the run re-arms once at its end.
  if (sc.sc_head == st && sc.sc_inrun == 0 && (sc.sc_armed == 0n || st.st_time < sc.sc_armed)) systimer_reload(sc);
  crit_exit();
}

function systimer_setup(st: Systimer, func: SystimerFunc, data: usize, name: string): void {
  if ((st.st_flags & SYSTF_ONQUEUE) != 0) systimer_del(st);
  const running: u32 = st.st_flags & SYSTF_RUNNING;
  st.st_next = null;
  st.st_func = func;
  st.st_data = data;
  st.st_flags = running;
  st.st_count = 0;
  st.st_name = name;
  st.st_gd = mycpu();
}

/** Run func(st, data) on this CPU hz times per second until systimer_del. */
export function systimer_init_periodic(st: Systimer, func: SystimerFunc, data: usize, hz: u32): void {
  systimer_setup(st, func, data, "periodic");
  st.st_periodic = systimer_fromhz(hz);
  st.st_freq = hz;
  st.st_time = rdtsc() + st.st_periodic;
  systimer_add(st);
}

/** Run func(st, data) once on this CPU, `us` microseconds from now (never earlier). */
export function systimer_init_oneshot(st: Systimer, func: SystimerFunc, data: usize, us: u32): void {
  systimer_setup(st, func, data, "oneshot");
  st.st_periodic = 0n;
  st.st_freq = 0;
  st.st_time = rdtsc() + systimer_us_to_count(us);
  systimer_add(st);
}

/** Change a periodic timer's frequency; its next run is one new period from now. */
export function systimer_changefreq(st: Systimer, hz: u32): void {
  const gd: Globaldata = mycpu();
  if (st.st_gd != gd) panic("systimer_changefreq: not on the timer's CPU");
  crit_enter();
  st.st_periodic = systimer_fromhz(hz);
  st.st_freq = hz;
  if ((st.st_flags & SYSTF_ONQUEUE) != 0) {
    systimer_remove(systimer_cpu[gd.gd_cpuid], st);
    st.st_time = rdtsc() + st.st_periodic;
    systimer_add(st);
  }
  crit_exit();
}

function systimer_del_local(st: Systimer): void {
  const gd: Globaldata = mycpu();
  crit_enter();
  // A periodic timer deleting itself from its own function must not be re-queued after it.
  st.st_periodic = 0n;
  if ((st.st_flags & SYSTF_ONQUEUE) != 0) systimer_remove(systimer_cpu[gd.gd_cpuid], st);
  // The LAPIC stays armed for the old head: that one spurious interrupt finds nothing due
  // and re-arms, cheaper than re-arming on every delete.
  crit_exit();
}

function systimer_del_remote(arg1: usize, arg2: u32): void {
  systimer_del_local(cast<Systimer>(arg1));
}

/**
 * Stop `st`. From another CPU this is an IPI to the owner, waited for: when it returns the
 * timer is off the queue and will not run again (one already running there may finish).
 */
export function systimer_del(st: Systimer): void {
  const gd: Globaldata | null = st.st_gd;
  if (gd == null) return;
  if (gd == mycpu()) {
    systimer_del_local(st);
    return;
  }
  const seq: u32 = lwkt_send_ipiq(gd.gd_cpuid, systimer_del_remote, addr(st), 0);
  lwkt_wait_ipiq(gd.gd_cpuid, seq);
}

/**
 * Run every timer that is due, then re-arm. The caller holds a critical section and the
 * nesting level is raised (interrupt context). A periodic timer is re-queued one period
 * after its last deadline (not after now), so it does not drift; when it is still due it
 * runs again in this same pass, up to SYSTIMER_MAX_BEHIND_MS behind.
 */
export function systimer_run(): void {
  const gd: Globaldata = mycpu();
  const sc: SystimerCpu = systimer_cpu[gd.gd_cpuid];
  sc.sc_armed = 0n;
  sc.sc_inrun++;
  let now: u64 = rdtsc();
  for (;;) {
    const st: Systimer | null = sc.sc_head;
    if (st == null) break;
    if (st.st_time > now) {
      now = rdtsc();
      if (st.st_time > now) break;
    }
    sc.sc_head = st.st_next;
    st.st_next = null;
    st.st_flags = (st.st_flags & ~SYSTF_ONQUEUE) | SYSTF_RUNNING;
    sc.sc_queued--;
    st.st_count++;
    sc.sc_runs++;
    const f: SystimerFunc | null = st.st_func;
    if (f != null) f(st, st.st_data);
    st.st_flags &= ~SYSTF_RUNNING;
    // Re-queue a periodic timer unless its function deleted or re-armed it.
    if (st.st_periodic != 0n && (st.st_flags & SYSTF_ONQUEUE) == 0 && st.st_gd == gd) {
      st.st_time += st.st_periodic;
      if (now > st.st_time && now - st.st_time > u64(tsc_per_ms) * u64(SYSTIMER_MAX_BEHIND_MS)) {
        const missed: u64 = (now - st.st_time) / st.st_periodic;
        sc.sc_skipped += u32(missed);
        st.st_time += missed * st.st_periodic + st.st_periodic;
      }
      systimer_insert(sc, st);
    }
  }
  sc.sc_inrun--;
  systimer_reload(sc);
}

/**
 * The LAPIC timer's interrupt handler (EOI already sent by trap_dispatch). Inside a critical
 * section only note RQF_TIMER: the queue may be half-updated under it. The one-shot is spent
 * then, so it is also re-armed one hardclock period ahead: should the request be left behind
 * (a handler that raised the count for itself returns without splz, and an idle CPU never
 * calls crit_exit), the next interrupt runs the queue, as the periodic timer used to.
 */
export function systimer_intr(): void {
  const gd: Globaldata = mycpu();
  const sc: SystimerCpu = systimer_cpu[gd.gd_cpuid];
  const td: Thread = curthread();
  sc.sc_intrs++;
  if (td.td_critcount > 0) {
    sc.sc_deferred++;
    gd.gd_reqflags |= RQF_TIMER;
    sc.sc_armed = 0n; // unknown to systimer_add: a new head re-arms for itself
    lapic_timer_oneshot((lapic_timer_per_ms * 1000) / HZ);
    return;
  }
  td.td_critcount++;
  systimer_run();
  td.td_critcount--;
}

/** Every CPU at bring-up (after calibration): its LAPIC timer one-shot on `vector`, idle. */
export function systimer_cpu_start(vector: u32): void {
  const sc: SystimerCpu = systimer_cpu[mycpu().gd_cpuid];
  lapic_timer_oneshot_init(vector);
  sc.sc_started = 1;
}

/** Timers queued on `cpu` (console: a counter the owner keeps, no walk of its queue). */
export function systimer_queued(cpu: u32): u32 {
  if (cpu >= ncpus) return 0;
  return volatile_load<u32>(addressof(systimer_cpu[cpu].sc_queued));
}
