// thread.ts: LWKT threads (DragonFly's lwkt_thread.c): kernel threads with their own stacks,
// a per-CPU run queue by priority, lwkt_switch, schedule/deschedule, yield, exit, the idle
// thread. A thread belongs to one CPU (td_gd); only that CPU touches its run queue, inside a
// critical section. Scheduling a thread owned by another CPU is an IPI message to that CPU
// (lwkt_schedule_remote), so run queues need no lock.
// Threads are cooperative among themselves: a thread runs until it blocks, yields or exits.
// Interrupt threads (TDF_INTTHREAD) are the exception: scheduling one preempts the current
// thread, from thread context at once, from an interrupt handler on the way out of the
// interrupt, and from inside a critical section at the crit_exit that leaves it.
// The scheduler clock rotates equal-priority threads; the running one gives way at its next
// lwkt_maybe_yield (a kernel thread is not switched out behind its back for a peer).
import { Globaldata, globaldata, mycpu, ncpus } from "../kern/globaldata.ts";
import { bootalloc, PAGE_SIZE } from "../kern/bootalloc.ts";
import { KSTACK_SIZE } from "../kern/smp.ts";
import { panic } from "../kern/panic.ts";
import { Spinlock, spin_lock_irq, spin_unlock_irq } from "../kern/spinlock.ts";
import { crit_enter, crit_exit, curthread, RQF_AST_PREEMPT, RQF_AST_LWKT_RESCHED } from "./crit.ts";
import { lwkt_send_ipiq } from "./ipiq.ts";
import { LwktTokref, lwkt_relalltokens, lwkt_getalltokens } from "./token.ts";
import { cpu_idle_wait } from "../kern/cpufunc.ts";
import { LwktPort, lwkt_initport_thread } from "./msgport.ts";

/** switch.S */
declare function cpu_switch(save_sp: Ptr<usize>, new_sp: usize): void;
declare const lwkt_thread_trampoline: FixedArray<u8, 1>;

/** Priorities (td_pri, 0..31, higher runs first): DragonFly's classes. */
export const TDPRI_IDLE_THREAD: u32 = 0;
export const TDPRI_KERN_USER: u32 = 8;
export const TDPRI_KERN_DAEMON: u32 = 12;
export const TDPRI_SOFT_NORM: u32 = 14;
export const TDPRI_INT_LOW: u32 = 27;
export const TDPRI_INT_MED: u32 = 28;
export const TDPRI_INT_HIGH: u32 = 29;
export const TDPRI_MAX: u32 = 31;

/** td_flags */
export const TDF_RUNQ: u32 = 0x1; // on its CPU's run queue (also while running)
export const TDF_TSLEEPQ: u32 = 0x2; // on the sleep queue (sleep.ts)
export const TDF_TIMEOUT: u32 = 0x4; // the last tsleep ended by its timeout
export const TDF_EXITING: u32 = 0x8;
export const TDF_IDLE: u32 = 0x10; // this CPU's idle thread (never on the run queue)
export const TDF_MIGRATING: u32 = 0x20;
export const TDF_INTTHREAD: u32 = 0x40; // may preempt (td_preemptable): interrupt threads
export const TDF_PREEMPT_LOCK: u32 = 0x80; // preempted: suspended under a preempting thread

export type ThreadFunc = (arg: usize) => void;

export class Thread {
  /** Saved %esp while switched out (switch.S); must stay the first field. */
  td_sp: usize = 0;
  td_gd: Globaldata | null = null;
  td_pri: u32 = 0;
  td_critcount: u32 = 0;
  td_flags: u32 = 0;
  /** The thread's own message port (msgport.ts), once it has one. */
  td_msgport: usize = 0;
  td_kstack: usize = 0;
  td_kstack_size: u32 = 0;
  /** Run queue link (same-priority FIFO). */
  td_rqnext: Thread | null = null;
  /** Sleep queue: the address slept on, why, the link, the tick its timeout falls due. */
  td_wchan: usize = 0;
  td_wmesg: string | null = null;
  td_slnext: Thread | null = null;
  td_timeout: u32 = 0;
  /** TDF_TSLEEPQ/TDF_TIMEOUT: written by wakers on any CPU under the sleep queue lock, so
   * kept apart from td_flags, which only the owning CPU writes. */
  td_slflags: u32 = 0;
  td_func: ThreadFunc | null = null;
  td_arg: usize = 0;
  td_name: string | null = null;
  td_id: u32 = 0;
  /** Times this thread was switched to. */
  td_switchin: u32 = 0;
  /** All-threads list (console), and the free list of exited threads. */
  td_allnext: Thread | null = null;
  td_freenext: Thread | null = null;
  /** Serializing tokens (token.ts): the tokref stack, its depth, failed acquisitions. */
  td_toks!: FixedArray<Inline<LwktTokref>, 32>;
  td_toks_n: u32 = 0;
  td_contended: u32 = 0;
  /** The thread this one preempted (resumed directly when this one switches away). */
  td_preempted: Thread | null = null;
  /** Migration: the CPU this thread is moving to (lwkt_setcpu_self). */
  td_migrate_cpu: u32 = 0;
  /** Every thread's default message port (a thread port owned by it; td_msgport points here
   * unless the thread initialised another one). */
  td_default_port!: Inline<LwktPort>;
}

/** kernel_main's own context on the boot CPU becomes this thread. */
let thread0: Thread = new Thread();

let threads_lock: Spinlock = new Spinlock();
let all_threads: Thread | null = null;
let free_threads: Thread | null = null;
let next_tid: u32 = 0;

export function lwkt_all_threads(): Thread | null {
  return all_threads;
}

export function lwkt_threads_lock(): Spinlock {
  return threads_lock;
}

function thread_link(td: Thread, name: string): void {
  td.td_name = name;
  spin_lock_irq(threads_lock);
  td.td_id = next_tid;
  next_tid++;
  td.td_allnext = all_threads;
  all_threads = td;
  spin_unlock_irq(threads_lock);
}

function thread_unlink(td: Thread): void {
  spin_lock_irq(threads_lock);
  if (all_threads == td) {
    all_threads = td.td_allnext;
  } else {
    let p: Thread | null = all_threads;
    while (p != null) {
      const n: Thread | null = p.td_allnext;
      if (n == td) {
        p.td_allnext = td.td_allnext;
        break;
      }
      p = n;
    }
  }
  spin_unlock_irq(threads_lock);
}

/** A Thread in the first page, its stack above it; exited threads are reused. */
function thread_alloc(): Thread {
  spin_lock_irq(threads_lock);
  const f: Thread | null = free_threads;
  if (f != null) free_threads = f.td_freenext;
  spin_unlock_irq(threads_lock);
  if (f != null) {
    const stack: usize = f.td_kstack;
    const size: u32 = f.td_kstack_size;
    memzero_thread(f);
    f.td_kstack = stack;
    f.td_kstack_size = size;
    return f;
  }
  if (sizeof<Thread>() > PAGE_SIZE) panic("thread_alloc: Thread larger than a page");
  const base: usize = bootalloc(PAGE_SIZE + KSTACK_SIZE);
  const td: Thread = cast<Thread>(base);
  td.td_kstack = base + PAGE_SIZE;
  td.td_kstack_size = KSTACK_SIZE;
  return td;
}

function memzero_thread(td: Thread): void {
  const p: usize = addr(td);
  for (let i: u32 = 0; i < sizeof<Thread>(); i += 4) store<u32>(p + i, 0);
}

/** Lay out the new stack as cpu_switch leaves a switched-out one: edi esi ebx ebp, return. */
function thread_prepare_stack(td: Thread): void {
  let sp: usize = td.td_kstack + td.td_kstack_size;
  sp -= 4;
  store<u32>(sp, 0); // a fake return address above the trampoline (backtraces stop)
  sp -= 4;
  store<u32>(sp, addressof(lwkt_thread_trampoline[0]));
  for (let i: u32 = 0; i < 4; i++) {
    sp -= 4;
    store<u32>(sp, 0);
  }
  td.td_sp = sp;
}

/**
 * Create a thread that runs func(arg) on `cpu` at priority `pri`. It is scheduled at once
 * (through an IPI when `cpu` is another CPU) unless `start` is false (then lwkt_schedule it).
 */
export function lwkt_create(func: ThreadFunc, arg: usize, name: string, cpu: u32, pri: u32, start: bool): Thread {
  if (cpu >= ncpus) panic("lwkt_create: no such CPU");
  const td: Thread = thread_alloc();
  td.td_gd = globaldata[cpu];
  td.td_pri = pri & 31;
  // It first runs from inside lwkt_switch, which holds a critical section for it:
  // lwkt_thread_entry leaves that section.
  td.td_critcount = 1;
  td.td_func = func;
  td.td_arg = arg;
  thread_prepare_stack(td);
  lwkt_initport_thread(td.td_default_port, td);
  thread_link(td, name);
  if (start) lwkt_schedule(td);
  return td;
}

/** Run queue operations: owning CPU only, in a critical section. */
function runq_insert(gd: Globaldata, td: Thread): void {
  const pri: u32 = td.td_pri;
  td.td_rqnext = null;
  const head: usize = gd.gd_tdrunq[pri];
  if (head == 0) {
    gd.gd_tdrunq[pri] = addr(td);
    gd.gd_runqmask |= 1 << pri;
  } else {
    let t: Thread = cast<Thread>(head);
    for (;;) {
      const n: Thread | null = t.td_rqnext;
      if (n == null) break;
      t = n;
    }
    t.td_rqnext = td;
  }
  td.td_flags |= TDF_RUNQ;
}

function runq_remove(gd: Globaldata, td: Thread): void {
  const pri: u32 = td.td_pri;
  const head: usize = gd.gd_tdrunq[pri];
  if (head == addr(td)) {
    const n: Thread | null = td.td_rqnext;
    gd.gd_tdrunq[pri] = n == null ? 0 : addr(n);
    if (n == null) gd.gd_runqmask &= ~(1 << pri);
  } else if (head != 0) {
    let t: Thread = cast<Thread>(head);
    for (;;) {
      const n: Thread | null = t.td_rqnext;
      if (n == null) break;
      if (n == td) {
        t.td_rqnext = td.td_rqnext;
        break;
      }
      t = n;
    }
  }
  td.td_rqnext = null;
  td.td_flags &= ~TDF_RUNQ;
}

/**
 * The highest-priority runnable thread of this CPU whose tokens can all be acquired now (the
 * acquisition happens here), or its idle thread. A thread whose tokens are held elsewhere is
 * skipped (td_contended counts it) and tried again at the next switch.
 */
function runq_choose(gd: Globaldata): Thread {
  const mask: u32 = gd.gd_runqmask;
  if (mask != 0) {
    for (let pri: i32 = 31; pri >= 0; pri--) {
      if ((mask & (1 << u32(pri))) == 0) continue;
      let h: usize = gd.gd_tdrunq[pri];
      while (h != 0) {
        const t: Thread = cast<Thread>(h);
        if ((t.td_flags & TDF_PREEMPT_LOCK) != 0) {
          // Suspended under its preemptor: only the preemptor's switch resumes it.
        } else if (t.td_toks_n == 0 || lwkt_getalltokens(t)) return t;
        t.td_contended++;
        const n: Thread | null = t.td_rqnext;
        h = n == null ? 0 : addr(n);
      }
    }
  }
  return cast<Thread>(gd.gd_idlethread);
}

/** The priorities above `pri` that have queued threads on this CPU (a gd_runqmask subset). */
function runq_mask_above(gd: Globaldata, pri: u32): u32 {
  return pri >= 31 ? 0 : gd.gd_runqmask & ~((2 << pri) - 1);
}

/** Number of runnable threads on this CPU's run queue (console, tests). */
export function lwkt_runq_count(gd: Globaldata): u32 {
  let n: u32 = 0;
  for (let pri: u32 = 0; pri < 32; pri++) {
    let h: usize = gd.gd_tdrunq[pri];
    while (h != 0) {
      n++;
      const t: Thread = cast<Thread>(h);
      const nx: Thread | null = t.td_rqnext;
      h = nx == null ? 0 : addr(nx);
    }
  }
  return n;
}

/** Make `td` runnable. A thread of another CPU is handed to that CPU by an IPI message. */
export function lwkt_schedule(td: Thread): void {
  crit_enter();
  const gd: Globaldata = mycpu();
  const tgd: Globaldata | null = td.td_gd;
  if (tgd == null) panic("lwkt_schedule: thread without a CPU");
  else if (tgd == gd) {
    if ((td.td_flags & (TDF_RUNQ | TDF_IDLE)) == 0) {
      runq_insert(gd, td);
      if ((td.td_flags & TDF_INTTHREAD) != 0) lwkt_preempt(td);
    }
  } else {
    lwkt_send_ipiq(tgd.gd_cpuid, lwkt_schedule_remote, addr(td), 0);
  }
  crit_exit();
}

/** Preemptions done and refused on all CPUs (selftests). */
export let lwkt_preempt_count: u32 = 0;
export let lwkt_preempt_refused: u32 = 0;

export function lwkt_set_interrupt_thread(td: Thread): void {
  td.td_flags |= TDF_INTTHREAD;
}

/**
 * Switch straight to the interrupt thread `ntd` if every condition holds: it has a higher
 * priority, both are on this CPU, ntd holds no tokens, the current thread holds no critical
 * section beyond lwkt_schedule's own (a cpusync master holds one) and we are not inside an
 * interrupt handler. The preempted thread keeps its tokens and is resumed directly when ntd
 * switches away. When only the critical section or the handler is in the way, the preemption
 * is left pending (RQF_AST_PREEMPT): crit_exit or the interrupt's return does it.
 * An idle current thread is not preempted: its loop switches as soon as the handler returns.
 */
function lwkt_preempt(ntd: Thread): void {
  const gd: Globaldata = mycpu();
  const td: Thread = curthread();
  if (ntd.td_pri <= td.td_pri || ntd.td_gd != gd || (td.td_flags & TDF_IDLE) != 0) return;
  if (ntd.td_toks_n != 0) {
    // Its tokens would have to be acquired first; it runs at the next switch instead.
    lwkt_preempt_refused++;
    gd.gd_cnt_preempt_refused++;
    return;
  }
  if (td.td_critcount > 1 || gd.gd_intr_nesting_level != 0) {
    if (gd.gd_intr_nesting_level == 0) {
      lwkt_preempt_refused++;
      gd.gd_cnt_preempt_refused++;
    }
    gd.gd_reqflags |= RQF_AST_PREEMPT;
    return;
  }
  lwkt_preempt_count++;
  gd.gd_cnt_preempt++;
  td.td_flags |= TDF_PREEMPT_LOCK;
  ntd.td_preempted = td;
  const eflags: u32 = read_eflags();
  cli();
  gd.gd_cnt_switch++;
  ntd.td_switchin++;
  gd.gd_curthread = addr(ntd);
  cpu_switch(addressof(td.td_sp), ntd.td_sp);
  write_eflags(eflags);
  lwkt_switch_return();
  td.td_flags &= ~TDF_PREEMPT_LOCK;
}

/**
 * Do a preemption that was left pending (RQF_AST_PREEMPT), now that the current thread is in
 * no critical section and not in a handler (crit.ts: splz's end, the interrupt return hook):
 * to the best queued interrupt thread, if it still outranks the current thread.
 */
export function lwkt_preempt_pending(): void {
  const gd: Globaldata = mycpu();
  const td: Thread = curthread();
  gd.gd_reqflags &= ~RQF_AST_PREEMPT;
  const ntd: Thread | null = ithread_queued_above(gd, td.td_pri);
  if (ntd == null) return;
  crit_enter();
  lwkt_preempt(ntd);
  crit_exit();
}

/** The best queued thread of this CPU if it outranks `pri` and is an interrupt thread free to run. */
function ithread_queued_above(gd: Globaldata, pri: u32): Thread | null {
  const above: u32 = runq_mask_above(gd, pri);
  if (above == 0) return null;
  let p: u32 = 31;
  while ((above & (1 << p)) == 0) p--;
  const ntd: Thread = cast<Thread>(gd.gd_tdrunq[p]);
  if ((ntd.td_flags & (TDF_INTTHREAD | TDF_PREEMPT_LOCK)) != TDF_INTTHREAD) return null;
  return ntd;
}

/** IPI callback on the owning CPU (follows the thread if it moved meanwhile). */
function lwkt_schedule_remote(arg1: usize, arg2: u32): void {
  lwkt_schedule(cast<Thread>(arg1));
}

/** Take `td` off its run queue (it keeps running if it is the current thread until it switches). */
export function lwkt_deschedule(td: Thread): void {
  crit_enter();
  const gd: Globaldata = mycpu();
  const tgd: Globaldata | null = td.td_gd;
  if (tgd == gd) {
    if ((td.td_flags & TDF_RUNQ) != 0) runq_remove(gd, td);
  } else if (tgd != null) {
    lwkt_send_ipiq(tgd.gd_cpuid, lwkt_deschedule_remote, addr(td), 0);
  }
  crit_exit();
}

function lwkt_deschedule_remote(arg1: usize, arg2: u32): void {
  lwkt_deschedule(cast<Thread>(arg1));
}

export function lwkt_deschedule_self(td: Thread): void {
  crit_enter();
  if ((td.td_flags & TDF_RUNQ) != 0) runq_remove(mycpu(), td);
  crit_exit();
}

/**
 * Switch to the best runnable thread of this CPU (the idle thread if none). The current
 * thread stays runnable if it is still on the run queue. Never from an interrupt handler.
 */
export function lwkt_switch(): void {
  const gd: Globaldata = mycpu();
  const td: Thread = curthread();
  if (gd.gd_intr_nesting_level != 0) panic("lwkt_switch: called from an interrupt handler");
  // The scheduler's own critical section: an IPI arriving now must not run a callback that
  // touches the run queue we are reading.
  td.td_critcount++;
  // Tokens are held only while their thread runs: give them all up, and let the choice
  // below take them back (for this thread or another).
  if (td.td_toks_n != 0) lwkt_relalltokens(td);
  // A preemptor switching away returns straight to the thread it preempted, which kept its
  // tokens; otherwise the best runnable thread.
  let ntd: Thread;
  const pre: Thread | null = td.td_preempted;
  if (pre != null) {
    td.td_preempted = null;
    ntd = pre;
    // An interrupt thread woken meanwhile that outranks the thread we return to preempts
    // it in turn, as soon as it is back out of its lwkt_preempt.
    if (ithread_queued_above(gd, pre.td_pri) != null) gd.gd_reqflags |= RQF_AST_PREEMPT;
  } else {
    ntd = runq_choose(gd);
  }
  if (ntd != td) {
    // Interrupts off across the stack exchange: a handler must not run on a stack whose
    // thread is already marked switched out (gd_curthread would not match %esp).
    const eflags: u32 = read_eflags();
    cli();
    gd.gd_cnt_switch++;
    ntd.td_switchin++;
    gd.gd_curthread = addr(ntd);
    cpu_switch(addressof(td.td_sp), ntd.td_sp);
    // Back on td's stack, possibly much later.
    write_eflags(eflags);
    lwkt_switch_return();
  }
  crit_exit();
}

/** Per CPU: a thread that switched away from it to migrate (handed over after the switch). */
let migrate_pending: FixedArray<usize, 32> = [];
/** Selftests: times a migrating thread was found still queued on a run queue when handed over. */
export let lwkt_migrate_violations: u32 = 0;

/**
 * Move the current thread to `cpu`. It leaves this CPU's run queue and switches away; only
 * after this CPU is off its stack (lwkt_switch_return) is it sent to the target, which sets
 * td_gd and queues it there: it is never runnable on two CPUs.
 */
export function lwkt_setcpu_self(cpu: u32): void {
  const gd: Globaldata = mycpu();
  const td: Thread = curthread();
  if (cpu == gd.gd_cpuid) return;
  if (cpu >= ncpus) panic("lwkt_setcpu_self: no such CPU");
  crit_enter();
  td.td_flags |= TDF_MIGRATING;
  td.td_migrate_cpu = cpu;
  if ((td.td_flags & TDF_RUNQ) != 0) runq_remove(gd, td);
  migrate_pending[gd.gd_cpuid] = addr(td);
  lwkt_switch();
  crit_exit();
}

function lwkt_setcpu_remote(arg1: usize, arg2: u32): void {
  const td: Thread = cast<Thread>(arg1);
  const gd: Globaldata = mycpu();
  if ((td.td_flags & TDF_RUNQ) != 0) lwkt_migrate_violations++;
  td.td_gd = gd;
  td.td_flags &= ~TDF_MIGRATING;
  runq_insert(gd, td);
}

/** After a switch, on the new stack: hand over a migrating thread, recycle an exited one. */
function lwkt_switch_return(): void {
  const gd: Globaldata = mycpu();
  const mig: usize = migrate_pending[gd.gd_cpuid];
  if (mig != 0) {
    migrate_pending[gd.gd_cpuid] = 0;
    const mtd: Thread = cast<Thread>(mig);
    lwkt_send_ipiq(mtd.td_migrate_cpu, lwkt_setcpu_remote, mig, 0);
  }
  const dead: usize = gd.gd_deadthread;
  if (dead == 0) return;
  gd.gd_deadthread = 0;
  const td: Thread = cast<Thread>(dead);
  spin_lock_irq(threads_lock);
  td.td_freenext = free_threads;
  free_threads = td;
  spin_unlock_irq(threads_lock);
}

/**
 * The scheduler clock (each tick, interrupt context): if the current thread is at the head of
 * its priority's queue and a peer of equal priority waits behind it, move it behind its peers
 * and ask it to yield (RQF_AST_LWKT_RESCHED). If another thread heads the queue (the current
 * one was rotated already, or was woken behind), ask again.
 */
export function lwkt_schedulerclock(): void {
  const gd: Globaldata = mycpu();
  const td: Thread = curthread();
  if ((td.td_flags & (TDF_RUNQ | TDF_IDLE)) != TDF_RUNQ) return;
  const head: usize = gd.gd_tdrunq[td.td_pri];
  if (head == addr(td)) {
    if (td.td_rqnext == null) return;
    runq_remove(gd, td);
    runq_insert(gd, td);
    gd.gd_cnt_rotate++;
  }
  gd.gd_reqflags |= RQF_AST_LWKT_RESCHED;
}

/**
 * A yield point for long-running kernel code: switch only if the scheduler clock asked for it
 * (an equal-priority peer is waiting its turn) or a higher-priority thread is queued. Cheap
 * when neither holds, so loops may call it every iteration.
 */
export function lwkt_maybe_yield(): void {
  const gd: Globaldata = mycpu();
  const td: Thread = curthread();
  if ((gd.gd_reqflags & RQF_AST_LWKT_RESCHED) == 0 && runq_mask_above(gd, td.td_pri) == 0) return;
  if (td.td_critcount != 0 || gd.gd_intr_nesting_level != 0) return;
  crit_enter();
  gd.gd_reqflags &= ~RQF_AST_LWKT_RESCHED;
  lwkt_switch();
  crit_exit();
}

/** Let other runnable threads of the same (or higher) priority run first. */
export function lwkt_yield(): void {
  const gd: Globaldata = mycpu();
  const td: Thread = curthread();
  crit_enter();
  if ((td.td_flags & TDF_RUNQ) != 0) {
    runq_remove(gd, td);
    runq_insert(gd, td);
  }
  lwkt_switch();
  crit_exit();
}

/** Every new thread starts here (from switch.S's trampoline), in lwkt_switch's critical section. */
export function lwkt_thread_entry(): void {
  lwkt_switch_return();
  sti();
  const td: Thread = curthread();
  crit_exit();
  const f: ThreadFunc | null = td.td_func;
  if (f != null) f(td.td_arg);
  lwkt_exit();
}

/** End the current thread. Its stack is reused only after its CPU has switched away from it. */
export function lwkt_exit(): void {
  const gd: Globaldata = mycpu();
  const td: Thread = curthread();
  if ((td.td_flags & TDF_IDLE) != 0 || td == thread0) panic("lwkt_exit: the idle or boot thread");
  crit_enter();
  td.td_flags |= TDF_EXITING;
  if ((td.td_flags & TDF_RUNQ) != 0) runq_remove(gd, td);
  thread_unlink(td);
  gd.gd_deadthread = addr(td);
  lwkt_switch();
  panic("lwkt_exit: an exited thread ran again");
}

/** The idle thread: run whatever becomes runnable, else halt until an interrupt. */
function lwkt_idle_loop(): void {
  const gd: Globaldata = mycpu();
  for (;;) {
    // Interrupts off while looking, so that an IPI that queues a thread right after the
    // check still wakes the hlt (sti; hlt lets no interrupt in between).
    cli();
    if (gd.gd_runqmask != 0) {
      sti();
      lwkt_switch();
      continue;
    }
    cpu_idle_wait();
  }
}

function lwkt_idle_main(arg: usize): void {
  lwkt_idle_loop();
}

/** Boot CPU, as soon as %fs works: kernel_main's context becomes thread0. */
export function lwkt_init_bsp(): void {
  const gd: Globaldata = globaldata[0];
  thread0.td_gd = gd;
  thread0.td_pri = TDPRI_KERN_DAEMON;
  gd.gd_curthread = addr(thread0);
  lwkt_initport_thread(thread0.td_default_port, thread0);
  thread_link(thread0, "main");
  runq_insert(gd, thread0);
}

/**
 * Boot CPU, once the CPUs are known and before they start: every CPU's idle thread. An AP's
 * bring-up context becomes its idle thread (lwkt_ap_idle), so it is current from the start.
 */
export function lwkt_init_cpus(): void {
  for (let c: u32 = 0; c < ncpus; c++) {
    const gd: Globaldata = globaldata[c];
    let td: Thread;
    if (c == 0) {
      td = thread_alloc();
      td.td_critcount = 1;
      td.td_func = lwkt_idle_main;
      thread_prepare_stack(td);
    } else {
      td = thread_alloc();
      gd.gd_curthread = addr(td);
    }
    td.td_gd = gd;
    td.td_pri = TDPRI_IDLE_THREAD;
    td.td_flags = TDF_IDLE;
    gd.gd_idlethread = addr(td);
    thread_link(td, "idle");
  }
}

/** An AP after its bring-up: become the idle thread for good. */
export function lwkt_ap_idle(): void {
  sti();
  lwkt_idle_loop();
}
