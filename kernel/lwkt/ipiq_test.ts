// ipiq_test.ts: selftests of the IPI message queues (dragonfly.md §2). The two-CPU tests
// hold CPU1 in a critical section (a thread spinning with td_critcount > 0) so that it
// cannot service its queue while CPU0 sends: what arrives meanwhile is only noted.
import { selftest_register, st_expect, st_expect_eq, st_expect_range, st_skip, st_delay_ms } from "../test/selftest.ts";
import { globaldata, Globaldata, mycpu, ncpus } from "../kern/globaldata.ts";
import { lwkt_create, TDPRI_KERN_DAEMON } from "./thread.ts";
import { crit_enter, crit_exit } from "./crit.ts";
import { lwkt_send_ipiq, lwkt_send_ipiq_passive, lwkt_wait_ipiq } from "./ipiq.ts";
import { lwkt_test_wait } from "./lwkt_test.ts";

let iq_log: FixedArray<u32, 8> = [];
let iq_nlog: u32 = 0;
let iq_log_cpu: u32 = 0;
let iq_hold: u32 = 0;
let iq_in: u32 = 0;
let iq_done: u32 = 0;

function iq_logger(a1: usize, a2: u32): void {
  if (iq_nlog < 8) iq_log[iq_nlog] = u32(a1);
  iq_nlog++;
  iq_log_cpu = mycpu().gd_cpuid;
}

function iq_holder(arg: usize): void {
  crit_enter();
  volatile_store<u32>(addressof(iq_in), 1);
  while (volatile_load<u32>(addressof(iq_hold)) != 0) pause();
  crit_exit();
  xadd(addressof(iq_done), 1);
}

/** Hold `cpu` in a critical section until iq_release(). */
function iq_hold_cpu(cpu: u32): bool {
  iq_in = 0;
  iq_done = 0;
  iq_hold = 1;
  lwkt_create(iq_holder, 0, "t_iqhold", cpu, TDPRI_KERN_DAEMON + 1, true);
  return lwkt_test_wait(addressof(iq_in), 1, 50);
}

function iq_release(): bool {
  volatile_store<u32>(addressof(iq_hold), 0);
  return lwkt_test_wait(addressof(iq_done), 1, 50);
}

/** Two sends before the target services its queue: one hardware IPI, one avoided, FIFO order. */
function test_one_hw_ipi_per_burst(): void {
  if (ncpus < 2) {
    st_skip("needs 2 CPUs");
    return;
  }
  const gd: Globaldata = mycpu();
  iq_nlog = 0;
  st_expect(iq_hold_cpu(1), "CPU1 held in a critical section");
  const hw0: u32 = gd.gd_ipiq_hw;
  const av0: u32 = gd.gd_ipiq_avoided;
  const rx0: u32 = globaldata[1].gd_ipi_received;
  lwkt_send_ipiq(1, iq_logger, 1, 0);
  const seq: u32 = lwkt_send_ipiq(1, iq_logger, 2, 0);
  st_delay_ms(2);
  st_expect_eq("hardware IPIs sent", hw0 + 1, gd.gd_ipiq_hw);
  st_expect_eq("IPIs avoided", av0 + 1, gd.gd_ipiq_avoided);
  st_expect_eq("nothing ran yet", 0, iq_nlog);
  st_expect(iq_release(), "CPU1 left its critical section");
  lwkt_wait_ipiq(1, seq);
  st_expect_eq("both ran", 2, iq_nlog);
  st_expect_eq("first in, first run", 1, iq_log[0]);
  st_expect_eq("second", 2, iq_log[1]);
  st_expect_eq("ran on CPU1", 1, iq_log_cpu);
  st_expect_eq("CPU1 took one hardware IPI", rx0 + 1, globaldata[1].gd_ipi_received);
}

/** A send to the current CPU runs before lwkt_send_ipiq returns, with no IPI. */
function test_send_to_self_runs_sync(): void {
  const gd: Globaldata = mycpu();
  iq_nlog = 0;
  const hw0: u32 = gd.gd_ipiq_hw;
  const s0: u32 = gd.gd_ipiq_sent;
  lwkt_send_ipiq(gd.gd_cpuid, iq_logger, 7, 0);
  st_expect_eq("ran synchronously", 1, iq_nlog);
  st_expect_eq("argument", 7, iq_log[0]);
  st_expect_eq("on this CPU", gd.gd_cpuid, iq_log_cpu);
  st_expect_eq("no hardware IPI", hw0, gd.gd_ipiq_hw);
  st_expect_eq("nothing queued", s0, gd.gd_ipiq_sent);
}

const FLOOD: u32 = 300;
let ff_count: FixedArray<u32, 2> = [];
let ff_ready: FixedArray<u32, 2> = [];
let ff_finished: u32 = 0;

function ff_inc(a1: usize, a2: u32): void {
  ff_count[a1]++;
}

/** Each side: enter a crit section, wait for the other, then flood it. */
function ff_flood(me: u32): void {
  const other: u32 = 1 - me;
  crit_enter();
  volatile_store<u32>(addressof(ff_ready[me]), 1);
  while (volatile_load<u32>(addressof(ff_ready[other])) == 0) pause();
  for (let i: u32 = 0; i < FLOOD; i++) lwkt_send_ipiq(other, ff_inc, other, 0);
  crit_exit();
}

function ff_thread(arg: usize): void {
  ff_flood(1);
  xadd(addressof(ff_finished), 1);
}

/** Two CPUs push more than 128 entries at each other inside critical sections: both finish. */
function test_fifo_full_drains(): void {
  if (ncpus < 2) {
    st_skip("needs 2 CPUs");
    return;
  }
  ff_count[0] = 0;
  ff_count[1] = 0;
  ff_ready[0] = 0;
  ff_ready[1] = 0;
  ff_finished = 0;
  const f0: u32 = globaldata[0].gd_ipiq_fifofull;
  const f1: u32 = globaldata[1].gd_ipiq_fifofull;
  lwkt_create(ff_thread, 0, "t_flood", 1, TDPRI_KERN_DAEMON, true);
  ff_flood(0);
  st_expect(lwkt_test_wait(addressof(ff_finished), 1, 100), "CPU1 finished flooding");
  st_expect(lwkt_test_wait(addressof(ff_count[0]), FLOOD, 100), "CPU0 ran every message from CPU1");
  st_expect(lwkt_test_wait(addressof(ff_count[1]), FLOOD, 100), "CPU1 ran every message from CPU0");
  st_expect_eq("messages run on CPU0", FLOOD, ff_count[0]);
  st_expect_eq("messages run on CPU1", FLOOD, ff_count[1]);
  st_expect(globaldata[0].gd_ipiq_fifofull > f0, "CPU0 waited on a full FIFO");
  st_expect(globaldata[1].gd_ipiq_fifofull > f1, "CPU1 waited on a full FIFO");
}

let ps_ran: u32 = 0;
let ps_tick: u32 = 0;
let ps_cpu: u32 = 0;

function ps_func(a1: usize, a2: u32): void {
  ps_tick = mycpu().gd_ticks;
  ps_cpu = mycpu().gd_cpuid;
  volatile_store<u32>(addressof(ps_ran), 1);
}

/** A passive send raises no interrupt and runs at the target's next tick. */
function test_passive_runs_at_tick(): void {
  if (ncpus < 2) {
    st_skip("needs 2 CPUs");
    return;
  }
  const gd: Globaldata = mycpu();
  const gd1: Globaldata = globaldata[1];
  ps_ran = 0;
  const hw0: u32 = gd.gd_ipiq_hw;
  const rx0: u32 = gd1.gd_ipi_received;
  const p0: u32 = gd1.gd_ipiq_polled;
  const t0: u32 = gd1.gd_ticks;
  lwkt_send_ipiq_passive(1, ps_func, 0, 0);
  st_expect(lwkt_test_wait(addressof(ps_ran), 1, 20), "ran within 20 ticks");
  st_expect_eq("ran on CPU1", 1, ps_cpu);
  st_expect_range("CPU1 tick it ran at", t0 + 1, t0 + 2, ps_tick);
  st_expect_eq("no hardware IPI sent", hw0, gd.gd_ipiq_hw);
  st_expect_eq("no IPI received by CPU1", rx0, gd1.gd_ipi_received);
  st_expect(gd1.gd_ipiq_polled > p0, "found by CPU1's tick poll");
}

export function ipiq_selftests(): void {
  selftest_register("ipiq.one_hw_ipi_per_burst", test_one_hw_ipi_per_burst);
  selftest_register("ipiq.send_to_self_runs_sync", test_send_to_self_runs_sync);
  selftest_register("ipiq.fifo_full_drains", test_fifo_full_drains);
  selftest_register("ipiq.passive_runs_at_tick", test_passive_runs_at_tick);
}
