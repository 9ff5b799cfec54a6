// callout.ts: callouts (DragonFly's kern_timeout.c): run func(arg) some ticks from now, in
// thread context. Every CPU has a callout wheel (CALLWHEEL_SIZE buckets by due tick) and a
// softclock thread. hardclock (clock.ts) advances the CPU's tick and schedules the softclock
// thread only when the bucket of the tick holds something (or it fell behind); the thread runs
// every callout due, outside any critical section, then takes itself off the run queue.
//
// A callout belongs to the CPU it was armed on (c_cpu), and only that CPU touches its wheel
// and the callout's state (inside a critical section). Stopping or re-arming a callout owned
// by another CPU is an IPI to the owner, waited for: no global lock, no lock per wheel.
// Operations on one callout from several CPUs at once must be ordered by its user (as for a
// struct a thread owns); the owner's own softclock runs are always safe against them.
import { Globaldata, globaldata, mycpu, ncpus } from "../kern/globaldata.ts";
import { panic } from "../kern/panic.ts";
import { Thread, lwkt_create, lwkt_schedule, lwkt_deschedule_self, lwkt_switch, TDPRI_SOFT_NORM } from "./thread.ts";
import { crit_enter, crit_exit, curthread } from "./crit.ts";
import { lwkt_send_ipiq, lwkt_wait_ipiq } from "./ipiq.ts";
import { tsleep_interlock, tsleep_commit, tsleep_cancel, wakeup } from "./sleep.ts";

export type CalloutFunc = (arg: usize) => void;

/** c_flags */
export const CALLOUT_DID_INIT: u32 = 0x1; // callout_init ran
export const CALLOUT_PENDING: u32 = 0x2; // on its CPU's wheel, not yet run
export const CALLOUT_ACTIVE: u32 = 0x4; // armed and not stopped (stays set once it ran)

/** Not armed on any CPU yet. */
const NOCPU: u32 = 0xffffffff;

/** Buckets per wheel (a power of two); later ticks share buckets and wait their turn. */
export const CALLWHEEL_SIZE: u32 = 128;
const CALLWHEEL_MASK: u32 = 127;

export class Callout {
  /** Bucket links (doubly linked: a stop unlinks in O(1)). */
  c_next: Callout | null = null;
  c_prev: Callout | null = null;
  /** The owning CPU's softclock tick it is due at. */
  c_time: u32 = 0;
  c_func: CalloutFunc | null = null;
  c_arg: usize = 0;
  c_flags: u32 = 0;
  /** The CPU whose wheel it is (or was last) on, NOCPU before the first arming. */
  c_cpu: u32 = 0;
}

/** One CPU's wheel and softclock state. Written only by that CPU, except cc_waiters. */
export class CalloutCpu {
  cc_wheel!: FixedArray<Callout | null, 128>;
  /** Ticks hardclock counted on this CPU. */
  cc_curticks: u32 = 0;
  /** The softclock thread has run every bucket of ticks before this one. */
  cc_softticks: u32 = 0; // set to cc_curticks + 1 by callout_init_cpus
  /** The softclock thread is scheduled or running (hardclock does not schedule it again). */
  cc_isrunning: u32 = 0;
  cc_thread: Thread | null = null;
  /** Address of the callout whose function runs now, 0 when none (callout_stop_sync). */
  cc_running: usize = 0;
  /** Threads in callout_stop_sync waiting on this CPU's cc_running (any CPU, atomically). */
  cc_waiters: u32 = 0;
  /** Counters: callouts run, softclock wakeups, callouts pending, cross-CPU requests served. */
  cc_fired: u32 = 0;
  cc_wakeups: u32 = 0;
  cc_pending: u32 = 0;
  cc_remote_ops: u32 = 0;
}

export let callout_cpu: FixedArray<Inline<CalloutCpu>, 32> = [];

/** Per source CPU: the answer of its last cross-CPU stop (the sender waits for it). */
let callout_xresult: FixedArray<u32, 32> = [];

/** Make `c` usable (zeroes it). Before any other call on it. */
export function callout_init(c: Callout): void {
  c.c_next = null;
  c.c_prev = null;
  c.c_time = 0;
  c.c_func = null;
  c.c_arg = 0;
  c.c_flags = CALLOUT_DID_INIT;
  c.c_cpu = NOCPU;
}

/** Armed and not yet run or stopped (a racy read from another CPU is a hint). */
export function callout_pending(c: Callout): bool {
  return (volatile_load<u32>(addressof(c.c_flags)) & CALLOUT_PENDING) != 0;
}

/** Armed and not stopped since (stays true after it ran, until callout_stop/deactivate). */
export function callout_active(c: Callout): bool {
  return (volatile_load<u32>(addressof(c.c_flags)) & CALLOUT_ACTIVE) != 0;
}

/** The owner clears ACTIVE (callers that check callout_active in their function do this). */
export function callout_deactivate(c: Callout): void {
  crit_enter();
  c.c_flags &= ~CALLOUT_ACTIVE;
  crit_exit();
}

/** The CPU a callout is (or was last) armed on; NOCPU (0xffffffff) if never. */
export function callout_cpuid(c: Callout): u32 {
  return c.c_cpu;
}

function check_init(c: Callout): void {
  if ((c.c_flags & CALLOUT_DID_INIT) == 0) panic("callout: used without callout_init");
}

// --- the owner's wheel operations (owner CPU, critical section) ---

function wheel_insert(cc: CalloutCpu, c: Callout): void {
  const b: u32 = c.c_time & CALLWHEEL_MASK;
  const head: Callout | null = cc.cc_wheel[b];
  c.c_prev = null;
  c.c_next = head;
  if (head != null) head.c_prev = c;
  cc.cc_wheel[b] = c;
  c.c_flags |= CALLOUT_PENDING;
  cc.cc_pending++;
}

function wheel_remove(cc: CalloutCpu, c: Callout): void {
  const n: Callout | null = c.c_next;
  const p: Callout | null = c.c_prev;
  if (p == null) cc.cc_wheel[c.c_time & CALLWHEEL_MASK] = n;
  else p.c_next = n;
  if (n != null) n.c_prev = p;
  c.c_next = null;
  c.c_prev = null;
  c.c_flags &= ~CALLOUT_PENDING;
  cc.cc_pending--;
}

/** What a stop found (callout_stop_owner). */
const STOP_WAS_PENDING: u32 = 1;
const STOP_WAS_RUNNING: u32 = 2;

/**
 * Owner: take `c` off the wheel. Says whether it was pending and whether its function was
 * running at that moment: both are read together on the owner, so a function that re-arms
 * its callout cannot slip between them (callout_stop_sync relies on it).
 */
function callout_stop_local(c: Callout): u32 {
  const cc: CalloutCpu = callout_cpu[mycpu().gd_cpuid];
  crit_enter();
  let r: u32 = 0;
  if ((c.c_flags & CALLOUT_PENDING) != 0) {
    wheel_remove(cc, c);
    r |= STOP_WAS_PENDING;
  }
  if (cc.cc_running == addr(c)) r |= STOP_WAS_RUNNING;
  c.c_flags &= ~CALLOUT_ACTIVE;
  crit_exit();
  return r;
}

/** Owner (this CPU becomes it): arm `c` (func/arg already set) `ticks` from now. */
function callout_arm_local(c: Callout, ticks: u32): void {
  const gd: Globaldata = mycpu();
  const cc: CalloutCpu = callout_cpu[gd.gd_cpuid];
  crit_enter();
  if ((c.c_flags & CALLOUT_PENDING) != 0) wheel_remove(cc, c);
  c.c_cpu = gd.gd_cpuid;
  c.c_time = cc.cc_curticks + (ticks == 0 ? 1 : ticks);
  c.c_flags |= CALLOUT_ACTIVE;
  wheel_insert(cc, c);
  crit_exit();
}

function callout_stop_ipi(arg1: usize, arg2: u32): void {
  const c: Callout = cast<Callout>(arg1);
  callout_cpu[mycpu().gd_cpuid].cc_remote_ops++;
  // The callout moved on meanwhile (only its user can do that): nothing of ours to stop.
  callout_xresult[arg2] = c.c_cpu == mycpu().gd_cpuid ? callout_stop_local(c) : 0;
}

function callout_arm_ipi(arg1: usize, arg2: u32): void {
  callout_cpu[mycpu().gd_cpuid].cc_remote_ops++;
  callout_arm_local(cast<Callout>(arg1), arg2);
}

/**
 * Stop `c` if it is pending; returns whether it was (then its function will not run for
 * that arming). A function already running is not waited for (callout_stop_sync does).
 * From any CPU: the owner does it (an IPI when it is another CPU, waited for).
 */
export function callout_stop(c: Callout): bool {
  check_init(c);
  return (callout_stop_owner(c, volatile_load<u32>(addressof(c.c_cpu))) & STOP_WAS_PENDING) != 0;
}

/** callout_stop's work, done by `owner` (c's c_cpu as read by the caller); STOP_WAS_* bits. */
function callout_stop_owner(c: Callout, owner: u32): u32 {
  if (owner == NOCPU) return 0;
  const gd: Globaldata = mycpu();
  if (owner == gd.gd_cpuid) return callout_stop_local(c);
  // In a critical section from the send to the read of the answer: nothing else on this
  // CPU can issue another request in between and overwrite our slot.
  crit_enter();
  const me: u32 = gd.gd_cpuid;
  callout_xresult[me] = 0;
  const seq: u32 = lwkt_send_ipiq(owner, callout_stop_ipi, addr(c), me);
  lwkt_wait_ipiq(owner, seq);
  const r: u32 = volatile_load<u32>(addressof(callout_xresult[me]));
  crit_exit();
  return r;
}

/**
 * Arm `c` to run func(arg) in `cpu`'s softclock thread `ticks` ticks of that CPU from now
 * (at least 1). A callout pending elsewhere is stopped there first; re-arming a pending
 * callout replaces its time, function and argument (it runs once, at the new time).
 */
export function callout_reset_bycpu(c: Callout, ticks: u32, func: CalloutFunc, arg: usize, cpu: u32): void {
  check_init(c);
  if (cpu >= ncpus) panic("callout_reset_bycpu: no such CPU");
  const gd: Globaldata = mycpu();
  const owner: u32 = volatile_load<u32>(addressof(c.c_cpu));
  // Stop it where it is unless that is where it goes and this CPU does it all itself.
  if (owner != NOCPU && !(owner == cpu && cpu == gd.gd_cpuid)) callout_stop(c);
  if (cpu == gd.gd_cpuid) {
    crit_enter();
    c.c_func = func;
    c.c_arg = arg;
    callout_arm_local(c, ticks);
    crit_exit();
    return;
  }
  // Stopped everywhere now, and its old owner's softclock no longer reads func/arg once the
  // function started: the fields are ours to write until the target takes it over.
  c.c_func = func;
  c.c_arg = arg;
  c.c_cpu = cpu;
  const seq: u32 = lwkt_send_ipiq(cpu, callout_arm_ipi, addr(c), ticks);
  lwkt_wait_ipiq(cpu, seq);
}

/** Arm `c` on this CPU (DragonFly's callout_reset). */
export function callout_reset(c: Callout, ticks: u32, func: CalloutFunc, arg: usize): void {
  callout_reset_bycpu(c, ticks, func, arg, mycpu().gd_cpuid);
}

/**
 * Stop `c` and, if its function is running on its CPU, wait until it has returned (sleeping:
 * thread context only). Loops while the function re-arms itself. Returns whether it was
 * pending at some stop. From the callout's own function it only stops (it cannot wait for
 * itself).
 */
export function callout_stop_sync(c: Callout): bool {
  check_init(c);
  let was: bool = false;
  for (;;) {
    const owner: u32 = volatile_load<u32>(addressof(c.c_cpu));
    const r: u32 = callout_stop_owner(c, owner);
    if ((r & STOP_WAS_PENDING) != 0) was = true;
    // Not running when the owner stopped it: nothing can re-arm it behind our back.
    if ((r & STOP_WAS_RUNNING) == 0) return was;
    const cc: CalloutCpu = callout_cpu[owner];
    const running: Ptr<usize> = addressof(cc.cc_running);
    if (owner == mycpu().gd_cpuid && curthread() == cc.cc_thread) return was;
    // On the sleep queue before counting ourselves and looking again: the softclock thread
    // clears cc_running (a locked xchg) before it reads cc_waiters, so either it sees us and
    // wakes us, or we see it done.
    tsleep_interlock(addr(running), "clstop", 0);
    xadd(addressof(cc.cc_waiters), 1);
    if (volatile_load<usize>(running) == addr(c)) tsleep_commit();
    else tsleep_cancel();
    xadd(addressof(cc.cc_waiters), 0xffffffff);
  }
}

// --- hardclock and the softclock thread ---

/** Is a callout of tick `t`'s bucket due at `t` (not one of a later lap)? Buckets are short. */
function bucket_has_due(cc: CalloutCpu, t: u32): bool {
  let c: Callout | null = cc.cc_wheel[t & CALLWHEEL_MASK];
  while (c != null) {
    if (c.c_time == t) return true;
    c = c.c_next;
  }
  return false;
}

/**
 * From hardclock on this CPU (interrupt context): one more tick. Schedule the softclock
 * thread if a callout is due at this tick or the thread fell behind; a tick with nothing due
 * is just counted as done, so a CPU never switches for callouts that are not due (a 10 s
 * callout shares its bucket with every 128th tick, and would otherwise wake it each lap).
 */
export function callout_hardclock(gd: Globaldata): void {
  const cc: CalloutCpu = callout_cpu[gd.gd_cpuid];
  cc.cc_curticks++;
  if (cc.cc_isrunning != 0) return;
  if (cc.cc_softticks == cc.cc_curticks && !bucket_has_due(cc, cc.cc_curticks)) {
    cc.cc_softticks++;
    return;
  }
  const td: Thread | null = cc.cc_thread;
  if (td == null) return; // before callout_init_cpus: callouts wait for their thread
  cc.cc_isrunning = 1;
  cc.cc_wakeups++;
  lwkt_schedule(td);
}

/**
 * Run the callouts of one bucket that are due at tick `t` (others in it are for later laps).
 * Called with a critical section held; the functions run outside it. After each function
 * the scan restarts at the bucket's head, since the function may have stopped or re-armed
 * any callout of it; those that ran are gone from it and re-armed ones are due later.
 */
function softclock_bucket(gd: Globaldata, cc: CalloutCpu, t: u32): void {
  const b: u32 = t & CALLWHEEL_MASK;
  let c: Callout | null = cc.cc_wheel[b];
  while (c != null) {
    if (c.c_time != t) {
      c = c.c_next;
      continue;
    }
    wheel_remove(cc, c);
    const f: CalloutFunc | null = c.c_func;
    const a: usize = c.c_arg;
    cc.cc_running = addr(c);
    cc.cc_fired++;
    // From here on the callout is its user's again (the function may free it): only
    // cc_running remembers it, as an address.
    crit_exit();
    if (f != null) f(a);
    crit_enter();
    xchg(addressof(cc.cc_running), 0);
    if (volatile_load<u32>(addressof(cc.cc_waiters)) != 0) wakeup(addressof(cc.cc_running));
    c = cc.cc_wheel[b];
  }
}

function softclock_thread(arg: usize): void {
  const gd: Globaldata = mycpu();
  const cc: CalloutCpu = callout_cpu[gd.gd_cpuid];
  const td: Thread = curthread();
  crit_enter();
  for (;;) {
    while (i32(cc.cc_softticks - cc.cc_curticks) <= 0) {
      softclock_bucket(gd, cc, cc.cc_softticks);
      cc.cc_softticks++;
    }
    // Caught up: off the run queue until hardclock schedules us again. In the critical
    // section, hardclock cannot run between the flag and the switch.
    cc.cc_isrunning = 0;
    lwkt_deschedule_self(td);
    lwkt_switch();
  }
}

/**
 * Boot CPU, once the CPUs are known: a softclock thread for every CPU, not started (the
 * first hardclock with work schedules it on its own CPU, so no IPI before the APs run).
 */
export function callout_init_cpus(): void {
  for (let c: u32 = 0; c < ncpus; c++) {
    const cc: CalloutCpu = callout_cpu[c];
    cc.cc_softticks = cc.cc_curticks + 1;
    cc.cc_thread = lwkt_create(softclock_thread, c, "softclock", c, TDPRI_SOFT_NORM, false);
  }
}

/** The softclock thread of `cpu` (tests, console). */
export function callout_softclock_thread(cpu: u32): Thread | null {
  return callout_cpu[cpu].cc_thread;
}
