// lwkt_console.ts: the `threads` and `ipistat` console commands.
import { globaldata, Globaldata, ncpus } from "../kern/globaldata.ts";
import { console_register } from "../kern/console.ts";
import { kprintf, kprintf1, kprintf2, kprintf3, kprintf4 } from "../dev/kprintf.ts";
import { Thread, lwkt_all_threads, lwkt_runq_count, TDF_RUNQ, TDF_TSLEEPQ, TDF_IDLE } from "./thread.ts";

function td_state(td: Thread, gd: Globaldata): string {
  if (gd.gd_curthread == addr(td)) return "run";
  if ((td.td_flags & TDF_RUNQ) != 0) return "runq";
  if ((td.td_slflags & TDF_TSLEEPQ) != 0) return "sleep";
  if ((td.td_flags & TDF_IDLE) != 0) return "idle";
  return "stop";
}

function lwkt_cmd_threads(): void {
  kprintf("  id cpu pri crit state switches name     wmesg\n");
  let td: Thread | null = lwkt_all_threads();
  while (td != null) {
    const gd: Globaldata | null = td.td_gd;
    if (gd != null) {
      kprintf4("%4u %3u %3u %4u ", td.td_id, gd.gd_cpuid, td.td_pri, td.td_critcount);
      const nm: string | null = td.td_name;
      const wm: string | null = td.td_wmesg;
      kprintf3("%-5s %8u %-8s", addr(td_state(td, gd)), td.td_switchin, nm != null ? addr(nm) : addr("?"));
      if ((td.td_slflags & TDF_TSLEEPQ) != 0 && wm != null) kprintf2(" %s %p", addr(wm), td.td_wchan);
      kprintf("\n");
    }
    td = td.td_allnext;
  }
  for (let c: u32 = 0; c < ncpus; c++) {
    const gd: Globaldata = globaldata[c];
    kprintf3("cpu%u: %u switches, %u runnable, ", c, gd.gd_cnt_switch, lwkt_runq_count(gd));
    kprintf3("%u preemptions (%u refused), %u rotations\n", gd.gd_cnt_preempt, gd.gd_cnt_preempt_refused, gd.gd_cnt_rotate);
  }
}

function lwkt_cmd_ipistat(): void {
  kprintf("cpu     sent   hw-ipi  avoided received fifofull  passive   polled\n");
  for (let c: u32 = 0; c < ncpus; c++) {
    const gd: Globaldata = globaldata[c];
    kprintf4("%3u %8u %8u %8u ", c, gd.gd_ipiq_sent, gd.gd_ipiq_hw, gd.gd_ipiq_avoided);
    kprintf4("%8u %8u %8u %8u\n", gd.gd_ipiq_received, gd.gd_ipiq_fifofull, gd.gd_ipiq_passive, gd.gd_ipiq_polled);
  }
  kprintf("cpu cpusync: mastered   served    spins\n");
  for (let c: u32 = 0; c < ncpus; c++) {
    const gd: Globaldata = globaldata[c];
    kprintf4("%3u          %8u %8u %8u\n", c, gd.gd_cpusync_mastered, gd.gd_cpusync_served, gd.gd_cpusync_spins);
  }
}

export function lwkt_console_init(): void {
  console_register("threads", "LWKT threads: CPU, priority, state; switches per CPU", lwkt_cmd_threads);
  console_register("ipistat", "IPI queue and cpusync counters per CPU (sent, hardware IPIs, avoided, ...)", lwkt_cmd_ipistat);
}
