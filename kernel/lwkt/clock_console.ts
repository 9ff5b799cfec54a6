// clock_console.ts: the `callouts` console command: per CPU, the systimer queue's counters
// (timer interrupts, those a critical section deferred, timer functions run, LAPIC re-arms,
// periods skipped, timers queued) and the callout wheel's (ticks, pending, run, softclock
// wakeups, requests served for other CPUs).
import { ncpus } from "../kern/globaldata.ts";
import { console_register } from "../kern/console.ts";
import { kprintf, kprintf1, kprintf3, kprintf4 } from "../dev/kprintf.ts";
import { SystimerCpu, systimer_cpu, systimer_queued } from "./systimer.ts";
import { CalloutCpu, callout_cpu } from "./callout.ts";

function clock_cmd_callouts(): void {
  kprintf("cpu    intrs deferred     runs  reloads skipped queued |    ticks pending    fired  wakeups remote\n");
  for (let c: u32 = 0; c < ncpus; c++) {
    const sc: SystimerCpu = systimer_cpu[c];
    const cc: CalloutCpu = callout_cpu[c];
    kprintf4("%3u %8u %8u %8u ", c, sc.sc_intrs, sc.sc_deferred, sc.sc_runs);
    kprintf3("%8u %7u %6u | ", sc.sc_reloads, sc.sc_skipped, systimer_queued(c));
    kprintf4("%8u %7u %8u %8u ", cc.cc_curticks, cc.cc_pending, cc.cc_fired, cc.cc_wakeups);
    kprintf1("%6u\n", cc.cc_remote_ops);
  }
}

/** From lwkt_clock_init. */
export function clock_console_init(): void {
  console_register("callouts", "systimer and callout counters per CPU (timer interrupts, runs, pending callouts, ...)", clock_cmd_callouts);
}
