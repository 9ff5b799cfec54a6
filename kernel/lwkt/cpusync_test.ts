// cpusync_test.ts: selftests of cpusync (dragonfly.md §2).
import { selftest_register, st_expect, st_expect_eq, st_skip, st_delay_ms } from "../test/selftest.ts";
import { globaldata, Globaldata, mycpu, ncpus } from "../kern/globaldata.ts";
import { Cpusync, lwkt_cpusync_simple, lwkt_cpusync_interlock, lwkt_cpusync_deinterlock, cpumask_all } from "./cpusync.ts";
import { lwkt_send_ipiq } from "./ipiq.ts";
import { lwkt_create, TDPRI_KERN_DAEMON } from "./thread.ts";
import { lwkt_test_wait } from "./lwkt_test.ts";

let cs_runs: FixedArray<u32, 32> = [];
let cs_other: u32 = 0;

function cs_count_func(arg: usize): void {
  xadd(addressof(cs_runs[mycpu().gd_cpuid]), 1);
}

function cs_clear(): void {
  for (let c: u32 = 0; c < 32; c++) cs_runs[c] = 0;
}

function cs_check(mask: u32): void {
  for (let c: u32 = 0; c < ncpus; c++) st_expect_eq("cs_func runs per CPU", (mask & (1 << c)) != 0 ? 1 : 0, cs_runs[c]);
}

/** cs_func runs exactly once on each CPU of the mask, the master included, nowhere else. */
function test_runs_on_mask(): void {
  const self: u32 = mycpu().gd_cpuid;
  cs_clear();
  lwkt_cpusync_simple(cpumask_all(), cs_count_func, 0);
  cs_check(cpumask_all());
  // The master and the last CPU only.
  const some: u32 = (1 << self) | (1 << (ncpus - 1));
  cs_clear();
  lwkt_cpusync_simple(some, cs_count_func, 0);
  cs_check(some);
  // Everyone but the master.
  const others: u32 = cpumask_all() & ~(1 << self);
  cs_clear();
  lwkt_cpusync_simple(others, cs_count_func, 0);
  cs_check(others);
}

function cs_other_func(a1: usize, a2: u32): void {
  xadd(addressof(cs_other), 1);
}

function cs_thread(arg: usize): void {
  xadd(addressof(cs_other), 1);
}

/** Between interlock and deinterlock a target runs no other IPI message and no thread. */
function test_targets_quiesced(): void {
  if (ncpus < 2) {
    st_skip("needs 2 CPUs");
    return;
  }
  const gd1: Globaldata = globaldata[1];
  cs_clear();
  cs_other = 0;
  const cs: Cpusync = new Cpusync();
  cs.cs_mask = 3;
  cs.cs_func = cs_count_func;
  lwkt_cpusync_interlock(cs);
  const sw0: u32 = gd1.gd_cnt_switch;
  lwkt_send_ipiq(1, cs_other_func, 0, 0);
  lwkt_create(cs_thread, 0, "t_cs", 1, TDPRI_KERN_DAEMON, true);
  st_delay_ms(3);
  st_expect_eq("no message or thread ran on the target", 0, cs_other);
  st_expect_eq("no switch on the target", sw0, gd1.gd_cnt_switch);
  st_expect_eq("cs_func not run before deinterlock", 0, cs_runs[1]);
  lwkt_cpusync_deinterlock(cs);
  cs_check(3);
  st_expect(lwkt_test_wait(addressof(cs_other), 2, 50), "the target caught up afterwards");
}

export function cpusync_selftests(): void {
  selftest_register("cpusync.runs_on_mask", test_runs_on_mask);
  selftest_register("cpusync.targets_quiesced", test_targets_quiesced);
}
