// clock.ts: the LWKT side of the per-CPU timer tick (DragonFly's hardclock/lwkt_schedulerclock).
// Each tick: poll the IPI queue (passive IPIs are only noticed here), end tsleep timeouts of
// this CPU's threads, and rotate the current thread behind its equal-priority peers. A tick
// that arrives inside a critical section is deferred (RQF_TIMER) to the crit_exit at 0.
import { Globaldata, mycpu } from "../kern/globaldata.ts";
import { Thread } from "./thread.ts";
import { curthread, RQF_TIMER } from "./crit.ts";
import { lwkt_ipiq_poll } from "./ipiq.ts";
import { sleep_timeouts } from "./sleep.ts";
import { lwkt_schedulerclock } from "./thread.ts";

/** From the LAPIC timer interrupt on every CPU (HZ per second). */
export function lwkt_hardclock(): void {
  const gd: Globaldata = mycpu();
  const td: Thread = curthread();
  if (td.td_critcount > 0) {
    gd.gd_reqflags |= RQF_TIMER;
    return;
  }
  td.td_critcount++;
  lwkt_clock_run();
  td.td_critcount--;
}

/** The tick's work; in a critical section, as an interrupt handler (no blocking). */
export function lwkt_clock_run(): void {
  const gd: Globaldata = mycpu();
  lwkt_ipiq_poll(gd);
  sleep_timeouts(gd);
  lwkt_schedulerclock();
}
