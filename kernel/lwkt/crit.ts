// crit.ts: critical sections (DragonFly's thread2.h crit_enter/crit_exit and splz).
// A critical section is only a per-thread counter: interrupts stay enabled. An LWKT-aware
// interrupt (the IPI queue, the scheduler clock, vectors registered with lwkt_intr_register)
// that arrives while the current thread's td_critcount > 0 does not run: it sets a
// gd_reqflags bit and returns, and splz runs it at the crit_exit that brings the count to 0.
// Nothing that runs inside a critical section can therefore be interrupted by code that
// touches the run queues, the IPI rings or the thread's own state.
import { Globaldata, mycpu } from "../kern/globaldata.ts";
import { intr_register, TrapFrame } from "../kern/trap.ts";
import { panic } from "../kern/panic.ts";
import { Thread } from "./thread.ts";
import { lwkt_process_ipiq } from "./ipiq.ts";
import { lwkt_clock_run } from "./clock.ts";

/** gd_reqflags bits */
export const RQF_IPIQ: u32 = 0x1; // the IPI queue has work (Xipiq arrived in a crit section)
export const RQF_INTPEND: u32 = 0x2; // deferred vectors in gd_ipending
export const RQF_TIMER: u32 = 0x4; // the scheduler clock tick

/** Vectors 0xf0..0xff can be deferred; bit (vector - DEFER_BASE) of gd_ipending. */
const DEFER_BASE: u32 = 0xf0;

export type LwktIntrFn = () => void;
let deferred_fns: FixedArray<LwktIntrFn | null, 16> = [];

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
  if (td.td_critcount == 0 && mycpu().gd_reqflags != 0) splz();
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
  while (gd.gd_reqflags != 0) {
    const rq: u32 = gd.gd_reqflags;
    gd.gd_reqflags = 0;
    if ((rq & RQF_INTPEND) != 0) {
      const pend: u32 = gd.gd_ipending;
      gd.gd_ipending = 0;
      for (let b: u32 = 0; b < 16; b++) {
        if ((pend & (1 << b)) == 0) continue;
        const f: LwktIntrFn | null = deferred_fns[b];
        if (f != null) f();
      }
    }
    if ((rq & RQF_IPIQ) != 0) lwkt_process_ipiq();
    if ((rq & RQF_TIMER) != 0) lwkt_clock_run();
  }
  gd.gd_intr_nesting_level--;
  td.td_critcount--;
  write_eflags(eflags);
}

function deferrable_intr(frame: TrapFrame): void {
  const b: u32 = frame.vector - DEFER_BASE;
  const gd: Globaldata = mycpu();
  const td: Thread = curthread();
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
