// callout_test.ts: selftests of callouts (callout.ts): they run once, at their tick, in the
// softclock thread of the CPU that armed them; stop/reset/stop_sync from the owner and from
// another CPU. The test thread waits by sleeping a tick at a time (lwkt_test_wait), so the
// softclock thread of its CPU gets to run. Tick bounds are tight on our machine; with
// `timer_slack` (QEMU, v86) a late timer interrupt may run several ticks at once, so only the
// lower bound (never early) stays tight.
import { selftest_register, st_expect, st_expect_eq, st_expect_range, st_skip, st_delay_ms } from "../test/selftest.ts";
import { kprintf2 } from "../dev/kprintf.ts";
import { Globaldata, mycpu, ncpus } from "../kern/globaldata.ts";
import { cmdline_has } from "../kern/multiboot.ts";
import { Thread } from "./thread.ts";
import { curthread } from "./crit.ts";
import { lwkt_test_wait } from "./lwkt_test.ts";
import { tsleep } from "./sleep.ts";
import {
  Callout, CalloutCpu, callout_cpu, callout_init, callout_reset, callout_reset_bycpu, callout_stop, callout_stop_sync,
  callout_pending, callout_active, callout_cpuid, callout_softclock_thread, CALLWHEEL_SIZE,
} from "./callout.ts";

function slack(): bool {
  return cmdline_has("timer_slack");
}

let co_chan: u32 = 0;

/** Sleep `ticks` ticks (lower-priority threads and the softclock thread run meanwhile). */
function co_sleep(ticks: u32): void {
  tsleep(addressof(co_chan), "cotest", ticks);
}

let co_c: Callout = new Callout();
let co_fired: u32 = 0;
let co_tick: u32 = 0;
let co_cpu: u32 = 0;
let co_in_softclock: u32 = 0;
let co_crit: u32 = 0;
let co_arg: usize = 0;

function co_reset_state(): void {
  co_fired = 0;
  co_tick = 0;
  co_cpu = 0xffff;
  co_in_softclock = 0;
  co_crit = 0xffff;
  co_arg = 0;
}

/** Records when, where and in what context it ran. */
function co_record(arg: usize): void {
  const gd: Globaldata = mycpu();
  const td: Thread = curthread();
  co_tick = gd.gd_ticks;
  co_cpu = gd.gd_cpuid;
  co_in_softclock = td == callout_softclock_thread(gd.gd_cpuid) ? 1 : 0;
  co_crit = td.td_critcount;
  co_arg = arg;
  xadd(addressof(co_fired), 1);
}

/** Expect the callout ran `ticks` after t0 (tight on our machine; never early anywhere). */
function co_expect_tick(t0: u32, ticks: u32): void {
  if (slack()) st_expect_range("ticks until it ran (timer_slack)", ticks, ticks + 10, co_tick - t0);
  else st_expect_range("ticks until it ran", ticks, ticks + 1, co_tick - t0);
}

/** callout_reset(5): pending, then runs once, 5 ticks later, in this CPU's softclock thread. */
function test_fires_after_ticks(): void {
  const gd: Globaldata = mycpu();
  co_reset_state();
  callout_init(co_c);
  st_expect(!callout_pending(co_c) && !callout_active(co_c), "a fresh callout is neither pending nor active");
  const t0: u32 = gd.gd_ticks;
  callout_reset(co_c, 5, co_record, 77);
  st_expect(callout_pending(co_c), "pending after callout_reset");
  st_expect(callout_active(co_c), "active after callout_reset");
  st_expect_eq("owner", gd.gd_cpuid, callout_cpuid(co_c));
  st_expect(lwkt_test_wait(addressof(co_fired), 1, 50), "ran within 50 ticks");
  co_expect_tick(t0, 5);
  st_expect_eq("ran on the arming CPU", gd.gd_cpuid, co_cpu);
  st_expect_eq("ran in the softclock thread", 1, co_in_softclock);
  st_expect_eq("ran outside any critical section", 0, co_crit);
  st_expect_eq("its argument", 77, co_arg);
  st_expect(!callout_pending(co_c), "not pending once it ran");
  st_expect(callout_active(co_c), "still active once it ran");
  co_sleep(3);
  st_expect_eq("runs 3 ticks later (once)", 1, co_fired);
}

/** callout_reset_bycpu(..., 1): runs on CPU1 in CPU1's softclock thread. */
function test_fires_on_other_cpu(): void {
  if (ncpus < 2) {
    st_skip("needs 2 CPUs");
    return;
  }
  co_reset_state();
  callout_init(co_c);
  callout_reset_bycpu(co_c, 3, co_record, 5, 1);
  st_expect(callout_pending(co_c), "pending after callout_reset_bycpu");
  st_expect_eq("owner", 1, callout_cpuid(co_c));
  st_expect(lwkt_test_wait(addressof(co_fired), 1, 50), "ran within 50 ticks");
  st_expect_eq("ran on CPU1", 1, co_cpu);
  st_expect_eq("ran in CPU1's softclock thread", 1, co_in_softclock);
  st_expect_eq("its argument", 5, co_arg);
}

/** callout_stop before the tick: returns true, it never runs; a second stop returns false. */
function test_stop_before_fire(): void {
  co_reset_state();
  callout_init(co_c);
  callout_reset(co_c, 5, co_record, 0);
  st_expect(callout_stop(co_c), "callout_stop of a pending callout returns true");
  st_expect(!callout_pending(co_c), "not pending after callout_stop");
  st_expect(!callout_active(co_c), "not active after callout_stop");
  co_sleep(10);
  st_expect_eq("runs in 10 ticks", 0, co_fired);
  st_expect(!callout_stop(co_c), "a second callout_stop returns false");
}

/** callout_reset of a pending callout moves it: it runs once, at the new time. */
function test_reset_rearms(): void {
  const gd: Globaldata = mycpu();
  co_reset_state();
  callout_init(co_c);
  const t0: u32 = gd.gd_ticks;
  callout_reset(co_c, 3, co_record, 1);
  callout_reset(co_c, 8, co_record, 2);
  st_expect(lwkt_test_wait(addressof(co_fired), 1, 50), "ran within 50 ticks");
  co_expect_tick(t0, 8);
  st_expect_eq("the new argument", 2, co_arg);
  co_sleep(5);
  st_expect_eq("runs (once)", 1, co_fired);
}

/**
 * From CPU0, callout_stop of a callout pending on CPU1 (an IPI served by CPU1) returns true
 * and it never runs; then callout_reset on CPU0 of a callout pending on CPU1 moves it here.
 */
function test_cross_cpu_stop(): void {
  if (ncpus < 2) {
    st_skip("needs 2 CPUs");
    return;
  }
  const cc1: CalloutCpu = callout_cpu[1];
  co_reset_state();
  callout_init(co_c);
  callout_reset_bycpu(co_c, 5, co_record, 0, 1);
  const ops0: u32 = cc1.cc_remote_ops;
  const pend0: u32 = cc1.cc_pending;
  st_expect(callout_stop(co_c), "callout_stop from CPU0 returns true");
  st_expect_eq("requests CPU1 served", ops0 + 1, cc1.cc_remote_ops);
  st_expect_eq("callouts pending on CPU1's wheel", pend0 - 1, cc1.cc_pending);
  co_sleep(10);
  st_expect_eq("runs in 10 ticks", 0, co_fired);
  callout_reset_bycpu(co_c, 3, co_record, 0, 1);
  callout_reset(co_c, 5, co_record, 9);
  st_expect_eq("owner after callout_reset on CPU0", mycpu().gd_cpuid, callout_cpuid(co_c));
  st_expect(lwkt_test_wait(addressof(co_fired), 1, 50), "ran within 50 ticks");
  co_sleep(8);
  st_expect_eq("runs (once)", 1, co_fired);
  st_expect_eq("ran on CPU0", mycpu().gd_cpuid, co_cpu);
  st_expect_eq("its argument", 9, co_arg);
}

let co_slow_running: u32 = 0;
let co_slow_done: u32 = 0;

function co_slow(arg: usize): void {
  volatile_store<u32>(addressof(co_slow_running), 1);
  st_delay_ms(30); // busy in the softclock thread, interrupts served
  volatile_store<u32>(addressof(co_slow_done), 1);
}

/**
 * While a callout's function runs on CPU1 (30 ms), callout_stop from CPU0 returns false at
 * once (it is not pending) and callout_stop_sync returns only after the function did.
 */
function test_stop_sync_waits(): void {
  if (ncpus < 2) {
    st_skip("needs 2 CPUs");
    return;
  }
  co_slow_running = 0;
  co_slow_done = 0;
  callout_init(co_c);
  callout_reset_bycpu(co_c, 1, co_slow, 0, 1);
  st_expect(lwkt_test_wait(addressof(co_slow_running), 1, 50), "the function started on CPU1");
  st_expect(!callout_stop(co_c), "callout_stop of a running (not pending) callout returns false");
  if (!slack()) st_expect_eq("callout_stop did not wait for the function", 0, volatile_load<u32>(addressof(co_slow_done)));
  st_expect(!callout_stop_sync(co_c), "callout_stop_sync returns false (it was not pending)");
  st_expect_eq("the function had returned when callout_stop_sync did", 1, volatile_load<u32>(addressof(co_slow_done)));
}

let co_rearm_count: u32 = 0;
let co_rearm_c: Callout = new Callout();

function co_rearm(arg: usize): void {
  xadd(addressof(co_rearm_count), 1);
  callout_reset(co_rearm_c, 1, co_rearm, arg);
}

/** A callout that re-arms itself every tick (on the last CPU) stops for good at callout_stop_sync. */
function test_stop_sync_self_rearming(): void {
  const cpu: u32 = ncpus - 1;
  co_rearm_count = 0;
  callout_init(co_rearm_c);
  callout_reset_bycpu(co_rearm_c, 1, co_rearm, 0, cpu);
  st_expect(lwkt_test_wait(addressof(co_rearm_count), 5, 50), "it ran 5 times");
  callout_stop_sync(co_rearm_c);
  const n: u32 = volatile_load<u32>(addressof(co_rearm_count));
  st_expect(!callout_pending(co_rearm_c), "not pending after callout_stop_sync");
  co_sleep(5);
  st_expect_eq("runs 5 ticks after callout_stop_sync", n, volatile_load<u32>(addressof(co_rearm_count)));
}

const CO_MANY: u32 = 40;
let co_many: FixedArray<Inline<Callout>, 40> = [];
let co_many_tick: FixedArray<u32, 40> = [];
let co_many_runs: FixedArray<u32, 40> = [];
let co_many_fired: u32 = 0;
let co_many_t0: u32 = 0;

/** Ticks for callout i: spread over the wheel, two past one lap of it. */
function co_many_ticks(i: u32): u32 {
  if (i == CO_MANY - 1) return CALLWHEEL_SIZE + 3;
  if (i == CO_MANY - 2) return 3; // shares a bucket with the one above, one lap earlier
  return 1 + ((i * 7) % 50);
}

function co_many_fn(arg: usize): void {
  co_many_tick[arg] = mycpu().gd_ticks - co_many_t0;
  co_many_runs[arg]++;
  xadd(addressof(co_many_fired), 1);
}

/**
 * 40 callouts on this CPU's wheel, several per bucket, one a lap past another in the same
 * bucket: each runs exactly once, at its own tick; stopping every third one beforehand keeps
 * exactly those from running.
 */
function test_many_on_wheel(): void {
  const gd: Globaldata = mycpu();
  co_many_fired = 0;
  co_many_t0 = gd.gd_ticks;
  for (let i: u32 = 0; i < CO_MANY; i++) {
    co_many_runs[i] = 0;
    co_many_tick[i] = 0;
    callout_init(co_many[i]);
    callout_reset(co_many[i], co_many_ticks(i), co_many_fn, i);
  }
  let stopped: u32 = 0;
  for (let i: u32 = 0; i < CO_MANY; i += 3) {
    if (i >= CO_MANY - 2) break;
    if (callout_stop(co_many[i])) stopped++;
  }
  st_expect(lwkt_test_wait(addressof(co_many_fired), CO_MANY - stopped, CALLWHEEL_SIZE + 60), "every callout not stopped ran");
  co_sleep(3);
  for (let i: u32 = 0; i < CO_MANY; i++) {
    const was_stopped: bool = i % 3 == 0 && i < CO_MANY - 2;
    st_expect_eq("runs of a callout", was_stopped ? 0 : 1, co_many_runs[i]);
    if (was_stopped) continue;
    const want: u32 = co_many_ticks(i);
    if (slack()) st_expect_range("ticks until a callout ran (timer_slack)", want, want + 10, co_many_tick[i]);
    else st_expect_range("ticks until a callout ran", want, want + 1, co_many_tick[i]);
  }
  st_expect_eq("callout_stop calls that found it pending", (CO_MANY - 2 + 2) / 3, stopped);
}

/**
 * A callout one lap of the wheel away shares its bucket with a tick 5 ticks from now: that
 * tick must not wake the softclock thread. Every wakeup in the window ran a callout (another
 * one, like slab's 10 s cleanup, may fall due meanwhile).
 */
function test_no_wakeup_when_nothing_due(): void {
  const gd: Globaldata = mycpu();
  const cc: CalloutCpu = callout_cpu[gd.gd_cpuid];
  co_reset_state();
  callout_init(co_c);
  callout_reset(co_c, CALLWHEEL_SIZE + 5, co_record, 0);
  const w0: u32 = cc.cc_wakeups;
  const f0: u32 = cc.cc_fired;
  co_sleep(10);
  const wakeups: u32 = cc.cc_wakeups - w0;
  const fired: u32 = cc.cc_fired - f0;
  st_expect(callout_stop(co_c), "still pending after 10 ticks");
  st_expect_eq("runs", 0, co_fired);
  st_expect(wakeups <= fired, "no softclock wakeup without a callout due");
}

const CO_BENCH_N: u32 = 1000;
let co_bench_c: Callout = new Callout();

/**
 * Guest TSC cycles of a local callout_reset + callout_stop pair and of a cross-CPU stop
 * (IPI round trip), best of 5 rounds, as "# lwkt bench:" lines (tools/bench lwkt). The
 * local pair must cost less than the round trip.
 */
function test_bench(): void {
  callout_init(co_bench_c);
  let best_local: u32 = 0xffffffff;
  for (let round: u32 = 0; round < 5; round++) {
    const t0: u64 = rdtsc();
    for (let i: u32 = 0; i < CO_BENCH_N; i++) {
      callout_reset(co_bench_c, 100, co_record, 0);
      callout_stop(co_bench_c);
    }
    const c: u32 = u32((rdtsc() - t0) / u64(CO_BENCH_N));
    if (c < best_local) best_local = c;
  }
  kprintf2("# lwkt bench: callout_reset_stop_cycles=%u (%u pairs)\n", best_local, CO_BENCH_N);
  st_expect(best_local > 0, "a local pair takes time");
  if (ncpus < 2) return;
  let best_remote: u32 = 0xffffffff;
  for (let round: u32 = 0; round < 5; round++) {
    callout_reset_bycpu(co_bench_c, 100, co_record, 0, 1);
    const t0: u64 = rdtsc();
    callout_stop(co_bench_c);
    const c: u32 = u32(rdtsc() - t0);
    if (c < best_remote) best_remote = c;
  }
  kprintf2("# lwkt bench: callout_remote_stop_cycles=%u (best of %u)\n", best_remote, 5);
  st_expect(best_local < best_remote, "a local reset+stop costs less than one cross-CPU stop");
}

export function callout_selftests(): void {
  selftest_register("callout.fires_after_ticks_in_softclock", test_fires_after_ticks);
  selftest_register("callout.fires_on_armed_cpu", test_fires_on_other_cpu);
  selftest_register("callout.stop_before_fire", test_stop_before_fire);
  selftest_register("callout.reset_rearms_once", test_reset_rearms);
  selftest_register("callout.cross_cpu_stop_and_move", test_cross_cpu_stop);
  selftest_register("callout.stop_sync_waits_for_running", test_stop_sync_waits);
  selftest_register("callout.stop_sync_self_rearming", test_stop_sync_self_rearming);
  selftest_register("callout.many_on_wheel", test_many_on_wheel);
  selftest_register("callout.no_wakeup_when_nothing_due", test_no_wakeup_when_nothing_due);
  selftest_register("callout.bench_reset_stop", test_bench);
}
