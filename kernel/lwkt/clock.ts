// clock.ts: hardclock (DragonFly's kern_clock.c): a periodic systimer at HZ on every CPU.
// Each tick: count gd_ticks, poll the IPI queue (passive IPIs are only noticed here), end
// tsleep timeouts of this CPU's threads, advance this CPU's callout wheel, and let the
// scheduler clock rotate the current thread behind its equal-priority peers. It runs from the
// systimer queue in interrupt context; a timer interrupt that arrives inside a critical
// section is deferred (RQF_TIMER) to the crit_exit at 0, which runs the queue here
// (lwkt_clock_run) and so every tick that fell due meanwhile.
import { Globaldata, mycpu } from "../kern/globaldata.ts";
import { HZ } from "../dev/lapic.ts";
import { lwkt_ipiq_poll } from "./ipiq.ts";
import { sleep_timeouts } from "./sleep.ts";
import { lwkt_schedulerclock } from "./thread.ts";
import { Systimer, systimer_init_periodic, systimer_cpu_start, systimer_run } from "./systimer.ts";
import { callout_hardclock, callout_init_cpus } from "./callout.ts";
import { clock_console_init } from "./clock_console.ts";

/** Each CPU's hardclock systimer. */
let hardclock_timer: FixedArray<Inline<Systimer>, 32> = [];

/** One tick on this CPU; interrupt context (critical section, nesting raised). */
function lwkt_hardclock(st: Systimer, data: usize): void {
  const gd: Globaldata = mycpu();
  gd.gd_ticks++;
  lwkt_ipiq_poll(gd);
  sleep_timeouts(gd);
  callout_hardclock(gd);
  // Last: threads the timeouts and the softclock wakeup queued are there to rotate behind.
  lwkt_schedulerclock();
}

/** splz, for RQF_TIMER: the timer interrupt a critical section deferred runs the queue now. */
export function lwkt_clock_run(): void {
  systimer_run();
}

/** The boot CPU, once the CPUs are known, before the APs start: softclock threads. */
export function lwkt_clock_init(): void {
  callout_init_cpus();
  clock_console_init();
}

/** Every CPU at bring-up, after the LAPIC timer's calibration: one-shot timer, hardclock. */
export function lwkt_clock_start(vector: u32): void {
  systimer_cpu_start(vector);
  const st: Systimer = hardclock_timer[mycpu().gd_cpuid];
  systimer_init_periodic(st, lwkt_hardclock, 0, HZ);
  st.st_name = "hardclock";
}

/** This CPU's hardclock systimer (console, tests). */
export function lwkt_hardclock_timer(cpu: u32): Systimer {
  return hardclock_timer[cpu];
}
