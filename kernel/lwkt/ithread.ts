// ithread.ts: interrupt threads (DragonFly's kern_intr.c). A device interrupt does almost no
// work in the handler itself: the handler marks its vector's interrupt thread pending and
// schedules it. That thread runs at an interrupt priority (TDPRI_INT_*) with TDF_INTTHREAD,
// so scheduling it preempts the interrupted thread — on the way out of the interrupt, or at
// the crit_exit of a critical section the interrupt arrived in (crit.ts) — and the device
// handlers run as an ordinary thread: they may block, take tokens and sleep.
import { ncpus } from "../kern/globaldata.ts";
import { panic } from "../kern/panic.ts";
import { Thread, lwkt_create, lwkt_schedule, lwkt_deschedule_self, lwkt_switch, lwkt_set_interrupt_thread } from "./thread.ts";
import { crit_enter, crit_exit, curthread, lwkt_irq_register } from "./crit.ts";

/** What an interrupt thread runs for each interrupt of its vector (thread context). */
export type IthreadHandler = (arg: usize) => void;

/** Vectors that can have an interrupt thread: IRQ_BASE (0x20) .. 0x3f. */
const ITHREAD_VECTOR_BASE: u32 = 0x20;
const NITHREADS: u32 = 32;

class Ithread {
  it_td: Thread | null = null;
  it_handler: IthreadHandler | null = null;
  it_arg: usize = 0;
  /** Set by the interrupt (any CPU), cleared by the thread before it runs the handler. */
  it_pending: u32 = 0;
  /** Interrupts taken for this vector, and handler runs (several interrupts may share a run). */
  it_intrs: u32 = 0;
  it_runs: u32 = 0;
}

let ithreads: FixedArray<Inline<Ithread>, 32> = [];

function ithread_slot(vector: u32): Ithread {
  if (vector < ITHREAD_VECTOR_BASE || vector >= ITHREAD_VECTOR_BASE + NITHREADS) panic("ithread: vector out of range");
  return ithreads[vector - ITHREAD_VECTOR_BASE];
}

/** The interrupt thread's loop: run the handler while interrupts are pending, else block. */
function ithread_loop(arg: usize): void {
  const it: Ithread = cast<Ithread>(arg);
  const td: Thread = curthread();
  for (;;) {
    crit_enter();
    if (volatile_load<u32>(addressof(it.it_pending)) == 0) {
      // No interrupt can slip in between the test and the switch: on this CPU it is
      // deferred by the critical section; from another CPU its lwkt_schedule is an IPI
      // that this CPU takes only after the switch, and queues the thread again.
      lwkt_deschedule_self(td);
      lwkt_switch();
      crit_exit();
      continue;
    }
    volatile_store<u32>(addressof(it.it_pending), 0);
    crit_exit();
    it.it_runs++;
    const h: IthreadHandler | null = it.it_handler;
    if (h != null) h(it.it_arg);
  }
}

/** The vector's hardware side (interrupt context; deferred while a critical section is held). */
function ithread_intr(vector: u32): void {
  const it: Ithread = ithread_slot(vector);
  it.it_intrs++;
  volatile_store<u32>(addressof(it.it_pending), 1);
  const td: Thread | null = it.it_td;
  if (td != null) lwkt_schedule(td);
}

/**
 * Give `vector` an interrupt thread on `cpu` at priority `pri` (TDPRI_INT_LOW..HIGH) that runs
 * handler(arg) for its interrupts. The vector must be one the caller routes to `cpu` (an
 * IOAPIC pin, or a self-IPI): the interrupt may arrive on any CPU, but then waking the thread
 * costs an IPI.
 */
export function register_int(vector: u32, handler: IthreadHandler, arg: usize, name: string, cpu: u32, pri: u32): Thread {
  const it: Ithread = ithread_slot(vector);
  if (it.it_td != null) panic("register_int: vector already has an interrupt thread");
  if (cpu >= ncpus) panic("register_int: no such CPU");
  it.it_handler = handler;
  it.it_arg = arg;
  it.it_pending = 0;
  const td: Thread = lwkt_create(ithread_loop, addr(it), name, cpu, pri, false);
  lwkt_set_interrupt_thread(td);
  it.it_td = td;
  // It starts by running its loop once, finds nothing pending and blocks.
  lwkt_schedule(td);
  lwkt_irq_register(vector, ithread_intr);
  return td;
}

/** Interrupts taken on `vector` (counted by the hardware side). */
export function ithread_intr_count(vector: u32): u32 {
  return ithread_slot(vector).it_intrs;
}

/** Times the interrupt thread of `vector` ran its handler. */
export function ithread_run_count(vector: u32): u32 {
  return ithread_slot(vector).it_runs;
}

/** The interrupt thread of `vector`, if any (console, tests). */
export function ithread_thread(vector: u32): Thread | null {
  return ithread_slot(vector).it_td;
}
