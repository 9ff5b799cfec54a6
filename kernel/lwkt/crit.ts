// crit.ts: critical sections (DragonFly's thread2.h crit_enter/crit_exit and splz).
// A critical section is only a per-thread counter: interrupts stay enabled. An LWKT-aware
// interrupt (the IPI queue, the scheduler clock, vectors registered with lwkt_intr_register)
// that arrives while the current thread's td_critcount > 0 does not run: it sets a
// gd_reqflags bit and returns, and splz runs it at the crit_exit that brings the count to 0.
// Nothing that runs inside a critical section can therefore be interrupted by code that
// touches the run queues, the IPI rings or the thread's own state.
// Interrupt threads woken while a preemption is impossible (in a critical section, or from
// interrupt context) leave RQF_AST_PREEMPT: the preemption then happens as soon as it can —
// on the way out of the interrupt (trap.ts's return hook) or at the crit_exit that reaches 0.
import { Globaldata, mycpu } from "../kern/globaldata.ts";
import { intr_register, TrapFrame } from "../kern/trap.ts";
import { panic } from "../kern/panic.ts";
import { Thread, lwkt_preempt_pending } from "./thread.ts";
import { lwkt_process_ipiq } from "./ipiq.ts";
import { lwkt_clock_run } from "./clock.ts";

/** gd_reqflags bits */
export const RQF_IPIQ: u32 = 0x1; // the IPI queue has work (Xipiq arrived in a crit section)
export const RQF_INTPEND: u32 = 0x2; // deferred vectors in gd_ipending
export const RQF_TIMER: u32 = 0x4; // the scheduler clock tick
/** An interrupt thread could not preempt at once: preempt at the first chance. */
export const RQF_AST_PREEMPT: u32 = 0x8;
/** The scheduler clock rotated this thread behind an equal-priority peer: yield when convenient. */
export const RQF_AST_LWKT_RESCHED: u32 = 0x10;
/** The bits splz runs (the AST bits are requests to switch, not work to run). */
const RQF_WORK: u32 = RQF_IPIQ | RQF_INTPEND | RQF_TIMER;
/** What makes crit_exit call splz (a pending rotation request waits for a yield point). */
const RQF_SPLZ: u32 = RQF_WORK | RQF_AST_PREEMPT;
const PSL_I: u32 = 0x200;

/** Vectors IRQ_BASE..IRQ_BASE+31 (device interrupts) can be deferred too: bit of gd_irqpending. */
const IRQ_DEFER_BASE: u32 = 0x20;

/** Vectors 0xf0..0xff can be deferred; bit (vector - DEFER_BASE) of gd_ipending. */
const DEFER_BASE: u32 = 0xf0;

export type LwktIntrFn = () => void;
let deferred_fns: FixedArray<LwktIntrFn | null, 16> = [];
export type LwktIrqFn = (vector: u32) => void;
let deferred_irq_fns: FixedArray<LwktIrqFn | null, 32> = [];

export function curthread(): Thread {
  return cast<Thread>(mycpu().gd_curthread);
}

export function crit_enter(): void {
  const td: Thread = curthread();
  td.td_critcount++;
}

/** Leave a critical section; at 0, run what interrupts deferred meanwhile. */
export function crit_exit(): void {
  const td: Thread = curthread();
  if (td.td_critcount == 0) panic("crit_exit: not in a critical section");
  td.td_critcount--;
  if (td.td_critcount == 0 && (mycpu().gd_reqflags & RQF_SPLZ) != 0) splz();
}

/** crit_exit without running deferred work (the caller runs splz itself, or cannot yet). */
export function crit_exit_noyield(td: Thread): void {
  td.td_critcount--;
}

/**
 * Run the deferred interrupt work of this CPU. Interrupts are off while the request bits are
 * taken (only this CPU's handlers set them), the work runs as a handler would: in a critical
 * section, with the nesting level raised, so it cannot block or switch.
 */
export function splz(): void {
  const gd: Globaldata = mycpu();
  const td: Thread = curthread();
  const eflags: u32 = read_eflags();
  cli();
  td.td_critcount++;
  gd.gd_intr_nesting_level++;
  while ((gd.gd_reqflags & RQF_WORK) != 0) {
    const rq: u32 = gd.gd_reqflags & RQF_WORK;
    gd.gd_reqflags &= ~RQF_WORK;
    if ((rq & RQF_INTPEND) != 0) {
      const pend: u32 = gd.gd_ipending;
      gd.gd_ipending = 0;
      for (let b: u32 = 0; b < 16; b++) {
        if ((pend & (1 << b)) == 0) continue;
        const f: LwktIntrFn | null = deferred_fns[b];
        if (f != null) f();
      }
      const irqs: u32 = gd.gd_irqpending;
      gd.gd_irqpending = 0;
      for (let b: u32 = 0; b < 32; b++) {
        if ((irqs & (1 << b)) == 0) continue;
        const g: LwktIrqFn | null = deferred_irq_fns[b];
        if (g != null) g(IRQ_DEFER_BASE + b);
      }
    }
    if ((rq & RQF_IPIQ) != 0) lwkt_process_ipiq();
    if ((rq & RQF_TIMER) != 0) lwkt_clock_run();
  }
  gd.gd_intr_nesting_level--;
  td.td_critcount--;
  write_eflags(eflags);
  // A preemption the deferred work asked for, if this is thread context with interrupts on
  // (not a handler's crit_exit, not under a spin lock taken with interrupts off).
  if ((gd.gd_reqflags & RQF_AST_PREEMPT) != 0 && td.td_critcount == 0 && gd.gd_intr_nesting_level == 0 && (eflags & PSL_I) != 0) {
    lwkt_preempt_pending();
  }
}

/**
 * trap.ts's return hook: after a handler, on the way back to the interrupted code. If a
 * handler woke an interrupt thread that could not preempt from inside the handler, and the
 * interrupted thread was in no critical section with interrupts on, preempt it now: its
 * interrupt frame stays on its stack until the interrupt thread blocks and it resumes.
 */
export function lwkt_intr_return(frame: TrapFrame): void {
  const gd: Globaldata = mycpu();
  if (curthread().td_critcount != 0 || (frame.eflags & PSL_I) == 0) return;
  // Again while a returning preemptor left another request (a higher interrupt thread woke).
  while ((gd.gd_reqflags & RQF_AST_PREEMPT) != 0) lwkt_preempt_pending();
}

function deferrable_intr(frame: TrapFrame): void {
  const gd: Globaldata = mycpu();
  const td: Thread = curthread();
  if (frame.vector < DEFER_BASE) {
    const i: u32 = frame.vector - IRQ_DEFER_BASE;
    const g: LwktIrqFn | null = deferred_irq_fns[i];
    if (td.td_critcount > 0) {
      gd.gd_irqpending |= 1 << i;
      gd.gd_reqflags |= RQF_INTPEND;
      return;
    }
    td.td_critcount++;
    if (g != null) g(frame.vector);
    td.td_critcount--;
    return;
  }
  const b: u32 = frame.vector - DEFER_BASE;
  if (td.td_critcount > 0) {
    gd.gd_ipending |= 1 << b;
    gd.gd_reqflags |= RQF_INTPEND;
    return;
  }
  const f: LwktIntrFn | null = deferred_fns[b];
  td.td_critcount++;
  if (f != null) f();
  td.td_critcount--;
}

/** An interrupt vector (0xf0..0xff) whose handler is deferred while a crit section is held. */
export function lwkt_intr_register(vector: u32, fn: LwktIntrFn): void {
  if (vector < DEFER_BASE || vector > 0xff) panic("lwkt_intr_register: vector out of range");
  deferred_fns[vector - DEFER_BASE] = fn;
  intr_register(vector, deferrable_intr);
}

/**
 * A device interrupt vector (IRQ_BASE..IRQ_BASE+31: IOAPIC pins, or a self-IPI in tests) whose
 * handler is deferred while a critical section is held, like lwkt_intr_register's. The handler
 * gets the vector (one function may serve several).
 */
export function lwkt_irq_register(vector: u32, fn: LwktIrqFn): void {
  if (vector < IRQ_DEFER_BASE || vector >= IRQ_DEFER_BASE + 32) panic("lwkt_irq_register: vector out of range");
  deferred_irq_fns[vector - IRQ_DEFER_BASE] = fn;
  intr_register(vector, deferrable_intr);
}
