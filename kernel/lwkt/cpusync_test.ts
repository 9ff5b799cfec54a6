// cpusync_test.ts: selftests of cpusync (dragonfly.md §2): cs_func once per CPU of the mask,
// targets held in IPI context (no thread) yet serving their rings, masters that target each
// other at the same time, the quick form, and the cost of a round (`lwkt` benchmark lines).
// Waits that could only end if the implementation is right are bounded by a TSC budget (5 s
// on our machine's 1 GHz TSC; seconds on QEMU, whose vCPUs may wait for a host core each time
// they hand over), so a broken cpusync fails a check instead of hanging the run.
import { selftest_register, st_expect, st_expect_eq, st_expect_range, st_skip, st_delay_ms } from "../test/selftest.ts";
import { kprintf1, kprintf2 } from "../dev/kprintf.ts";
import { globaldata, Globaldata, mycpu, ncpus } from "../kern/globaldata.ts";
import { Cpusync, lwkt_cpusync_init, lwkt_cpusync_simple, lwkt_cpusync_interlock, lwkt_cpusync_deinterlock, lwkt_cpusync_quick, cpumask_all } from "./cpusync.ts";
import { lwkt_send_ipiq, lwkt_ipiq_service } from "./ipiq.ts";
import { lwkt_create, TDPRI_KERN_DAEMON } from "./thread.ts";
import { crit_enter, crit_exit } from "./crit.ts";
import { lwkt_test_wait } from "./lwkt_test.ts";

/** Budget of the bounded waits, in TSC cycles. */
const CS_WAIT_CYCLES: u64 = 5000000000n;
/** The quick test's hold of CPU1 (one hand-over between two CPUs, not eight masters). */
const QK_HOLD_CYCLES: u64 = 1000000000n;

let cs_runs: FixedArray<u32, 32> = [];

function cs_cycles(): u32 {
  return u32(rdtsc() & 0xffffffffn);
}

function cs_deadline(): u64 {
  return rdtsc() + CS_WAIT_CYCLES;
}

function cs_expired(deadline: u64): bool {
  return rdtsc() > deadline;
}

/**
 * Wait until the u32 at p reaches v, at most CS_WAIT_CYCLES; `serve`: serve this CPU's IPI
 * queue meanwhile (the caller is a cpusync master: others may need our acknowledgement).
 */
function cs_wait_ge(p: Ptr<u32>, v: u32, serve: bool): bool {
  const deadline: u64 = cs_deadline();
  while (volatile_load<u32>(p) < v) {
    if (cs_expired(deadline)) return false;
    if (serve) lwkt_ipiq_service();
    pause();
  }
  return true;
}

/** Spin `cycles` TSC cycles serving this CPU's IPI queue (a master: others need our acks). */
function cs_serve_for(cycles: u32): void {
  const t0: u32 = cs_cycles();
  while (cs_cycles() - t0 < cycles) {
    lwkt_ipiq_service();
    pause();
  }
}

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

// --- targets held: no thread, but their rings are served ---
let cs_msgs: u32 = 0;
let cs_thread_ran: u32 = 0;

function cs_msg_func(a1: usize, a2: u32): void {
  xadd(addressof(cs_msgs), 1);
}

function cs_thread(arg: usize): void {
  xadd(addressof(cs_thread_ran), 1);
}

/**
 * Between interlock and deinterlock a target runs no thread (no switch, a thread made
 * runnable there waits) and no cs_func, but it does run IPI messages: even one from its
 * master, which can wait for it.
 */
function test_targets_quiesced(): void {
  if (ncpus < 2) {
    st_skip("needs 2 CPUs");
    return;
  }
  const gd1: Globaldata = globaldata[1];
  cs_clear();
  cs_msgs = 0;
  cs_thread_ran = 0;
  const cs: Cpusync = new Cpusync();
  lwkt_cpusync_init(cs, 3, cs_count_func, 0);
  lwkt_cpusync_interlock(cs);
  const sw0: u32 = gd1.gd_cnt_switch;
  lwkt_send_ipiq(1, cs_msg_func, 0, 0);
  lwkt_create(cs_thread, 0, "t_cs", 1, TDPRI_KERN_DAEMON, true);
  st_expect(cs_wait_ge(addressof(cs_msgs), 1, true), "the held target ran our IPI message");
  st_delay_ms(3);
  st_expect_eq("no thread ran on the target", 0, cs_thread_ran);
  st_expect_eq("no switch on the target", sw0, gd1.gd_cnt_switch);
  st_expect_eq("cs_func not run before deinterlock", 0, cs_runs[1]);
  lwkt_cpusync_deinterlock(cs);
  cs_check(3);
  st_expect(lwkt_test_wait(addressof(cs_thread_ran), 1, 50), "the thread ran after the release");
}

// --- masters targeting each other at the same time ---
const OM_ROUNDS: u32 = 24;
let om_nmasters: u32 = 0;
let om_arrived: u32 = 0;
let om_window: u32 = 0;
let om_window_ok: u32 = 0;
let om_errors: u32 = 0;
let om_done: u32 = 0;
let om_cpusyncs: u32 = 0;
let om_flood_ran: u32 = 0;
let om_flood_misplaced: u32 = 0;
let om_releasing: u32 = 0;
let om_resumed_early: u32 = 0;
/** Messages each master sends the next one while all hold each other (past the FIFO limit). */
const OM_FLOOD: u32 = 300;
/** cs_func runs of master m's current cpusync on CPU c: om_cnt[m * 32 + c]. */
let om_cnt: FixedArray<u32, 1024> = [];

function om_func(arg: usize): void {
  const p: Ptr<u32> = arg + mycpu().gd_cpuid * 4;
  xadd(p, 1);
}

function om_flood_msg(a1: usize, a2: u32): void {
  xadd(addressof(om_flood_ran), 1);
  if (mycpu().gd_cpuid != u32(a1)) xadd(addressof(om_flood_misplaced), 1);
}

/** After master m's cpusync over `mask`: exactly one run on each CPU of it, none elsewhere. */
function om_check_row(m: u32, mask: u32): void {
  for (let c: u32 = 0; c < ncpus; c++) {
    const want: u32 = (mask & (1 << c)) != 0 ? 1 : 0;
    if (volatile_load<u32>(addressof(om_cnt[m * 32 + c])) != want) xadd(addressof(om_errors), 1);
    om_cnt[m * 32 + c] = 0;
  }
  xadd(addressof(om_cpusyncs), 1);
}

/** Master thread on CPU m (m < om_nmasters). */
function om_master(arg: usize): void {
  const m: u32 = u32(arg);
  const all: u32 = cpumask_all();
  const row: usize = addressof(om_cnt[m * 32]);
  // Start together, in a critical section: a master that interlocks first must not find
  // us in thread context, where its IPI would hold us (as a plain target, in IPI context)
  // until its deinterlock, before we could start mastering ourselves.
  crit_enter();
  xadd(addressof(om_arrived), 1);
  cs_wait_ge(addressof(om_arrived), om_nmasters, false);
  // Phase 1: every master is between interlock and deinterlock at one time, each holding
  // all the others as targets. With serialized masters nobody would get past the wait.
  const cs: Cpusync = new Cpusync();
  lwkt_cpusync_init(cs, all, om_func, row);
  lwkt_cpusync_interlock(cs);
  // Each floods the next master (a ring of FIFO-full waits when they outrun each other):
  // a master waiting for room serves a draining sender, whatever cpusyncs are in flight.
  const next: u32 = (m + 1) % om_nmasters;
  for (let i: u32 = 0; i < OM_FLOOD; i++) lwkt_send_ipiq(next, om_flood_msg, next, 0);
  xadd(addressof(om_window), 1);
  if (cs_wait_ge(addressof(om_window), om_nmasters, true)) xadd(addressof(om_window_ok), 1);
  // Master 0 releases last, so the others' own cpusyncs are over while it still holds them.
  if (m == 0) cs_serve_for(200000);
  xadd(addressof(om_releasing), 1);
  lwkt_cpusync_deinterlock(cs);
  // Every other master holds us too: we may only get back here (to thread code) once all
  // of them released their targets.
  if (volatile_load<u32>(addressof(om_releasing)) != om_nmasters) xadd(addressof(om_resumed_early), 1);
  crit_exit();
  om_check_row(m, all);
  // Phase 2: back-to-back rounds; masks always include the next master, full and quick mixed.
  for (let r: u32 = 0; r < OM_ROUNDS; r++) {
    const mask: u32 = (r & 1) == 0 ? all : (1 << m) | (1 << next) | (1 << (ncpus - 1));
    lwkt_cpusync_init(cs, mask, om_func, row);
    if (r % 3 == 2) {
      lwkt_cpusync_quick(cs);
    } else {
      lwkt_cpusync_interlock(cs);
      lwkt_cpusync_deinterlock(cs);
    }
    om_check_row(m, mask);
  }
  xadd(addressof(om_done), 1);
}

/**
 * Every CPU (up to 8) masters cpusyncs whose masks include the other masters, all at once:
 * all of them complete, and each cs_func ran exactly once per CPU of its cpusync's mask.
 * While all hold each other, each sends the next 300 messages; all of them run, there.
 */
function test_overlapping_masters(): void {
  if (ncpus < 2) {
    st_skip("needs 2 CPUs");
    return;
  }
  om_nmasters = ncpus < 8 ? ncpus : 8;
  om_arrived = 0;
  om_window = 0;
  om_window_ok = 0;
  om_errors = 0;
  om_done = 0;
  om_cpusyncs = 0;
  om_flood_ran = 0;
  om_flood_misplaced = 0;
  om_releasing = 0;
  om_resumed_early = 0;
  let ff0: u32 = 0;
  for (let c: u32 = 0; c < ncpus; c++) ff0 += globaldata[c].gd_ipiq_fifofull;
  for (let i: u32 = 0; i < 1024; i++) om_cnt[i] = 0;
  for (let c: u32 = 0; c < om_nmasters; c++) lwkt_create(om_master, c, "t_csmaster", c, TDPRI_KERN_DAEMON, true);
  st_expect(lwkt_test_wait(addressof(om_done), om_nmasters, 2000), "every master finished");
  st_expect_eq("masters that were all inside their interlock at once", om_nmasters, om_window_ok);
  st_expect_eq("masters back in thread code while another still held them", 0, om_resumed_early);
  st_expect_eq("cpusyncs completed", om_nmasters * (OM_ROUNDS + 1), om_cpusyncs);
  st_expect_eq("cpusyncs where cs_func did not run exactly once per CPU of the mask", 0, om_errors);
  st_expect_eq("messages the masters sent each other while holding each other", om_nmasters * OM_FLOOD, om_flood_ran);
  st_expect_eq("of those, run on another CPU than their target", 0, om_flood_misplaced);
  let ff: u32 = 0;
  for (let c: u32 = 0; c < ncpus; c++) ff += globaldata[c].gd_ipiq_fifofull;
  kprintf2("# cpusync: %u masters at once, %u FIFO-full waits\n", om_nmasters, ff - ff0);
}

/** The quick form: once per CPU of the mask, the master included, nowhere else. */
function test_quick_runs_on_mask(): void {
  const self: u32 = mycpu().gd_cpuid;
  const cs: Cpusync = new Cpusync();
  cs_clear();
  lwkt_cpusync_init(cs, cpumask_all(), cs_count_func, 0);
  lwkt_cpusync_quick(cs);
  cs_check(cpumask_all());
  const some: u32 = (1 << self) | (1 << (ncpus - 1));
  cs_clear();
  lwkt_cpusync_init(cs, some, cs_count_func, 0);
  lwkt_cpusync_quick(cs);
  cs_check(some);
  const others: u32 = cpumask_all() & ~(1 << self);
  cs_clear();
  lwkt_cpusync_init(cs, others, cs_count_func, 0);
  lwkt_cpusync_quick(cs);
  cs_check(others);
}

// --- quick: no quiesce step ---
let qk_hold: u32 = 0;
let qk_in: u32 = 0;
let qk_out: u32 = 0;
let qk_progress: u32 = 0;
let qk_master: u32 = 0;
let qk_mack_seen: u32 = 0;
let qk_runs1_seen: u32 = 0;
let qk_advance: u32 = 0;

/** CPU1: a thread counting in a critical section (IPIs are only noted) until released. */
function qk_holder(arg: usize): void {
  crit_enter();
  volatile_store<u32>(addressof(qk_in), 1);
  const deadline: u64 = rdtsc() + QK_HOLD_CYCLES;
  while (volatile_load<u32>(addressof(qk_hold)) != 0 && !cs_expired(deadline)) {
    volatile_store<u32>(addressof(qk_progress), qk_progress + 1);
    pause();
  }
  crit_exit();
  volatile_store<u32>(addressof(qk_out), 1);
}

/** cs_func of the quick test; on the master it looks at the target, then lets it go. */
function qk_func(arg: usize): void {
  const gd: Globaldata = mycpu();
  xadd(addressof(cs_runs[gd.gd_cpuid]), 1);
  if (gd.gd_cpuid != qk_master) return;
  const cs: Cpusync = cast<Cpusync>(arg);
  qk_mack_seen = volatile_load<u32>(addressof(cs.cs_mack));
  qk_runs1_seen = volatile_load<u32>(addressof(cs_runs[1]));
  const p0: u32 = volatile_load<u32>(addressof(qk_progress));
  // Until the holder counted 1000 more, or gave up (then the check below fails).
  while (volatile_load<u32>(addressof(qk_progress)) < p0 + 1000 && volatile_load<u32>(addressof(qk_out)) == 0) pause();
  qk_advance = volatile_load<u32>(addressof(qk_progress)) - p0;
  volatile_store<u32>(addressof(qk_hold), 0);
}

/**
 * lwkt_cpusync_quick does not quiesce: with CPU1 busy in a thread that cannot take the IPI
 * yet, the master's own cs_func still runs (nothing acknowledged, CPU1's cs_func not run) and
 * sees that thread make progress; CPU1 runs cs_func once it takes the IPI, never parking on
 * its cpusync queue.
 */
function test_quick_does_not_quiesce(): void {
  if (ncpus < 2) {
    st_skip("needs 2 CPUs");
    return;
  }
  const gd1: Globaldata = globaldata[1];
  cs_clear();
  qk_master = mycpu().gd_cpuid;
  qk_hold = 1;
  qk_in = 0;
  qk_out = 0;
  qk_progress = 0;
  qk_mack_seen = 0xffffffff;
  qk_runs1_seen = 0xffffffff;
  qk_advance = 0;
  lwkt_create(qk_holder, 0, "t_cshold", 1, TDPRI_KERN_DAEMON + 1, true);
  st_expect(lwkt_test_wait(addressof(qk_in), 1, 50), "CPU1 busy in a thread");
  const spins0: u32 = gd1.gd_cpusync_spins;
  const served0: u32 = gd1.gd_cpusync_served;
  const cs: Cpusync = new Cpusync();
  lwkt_cpusync_init(cs, 3, qk_func, addr(cs));
  lwkt_cpusync_quick(cs);
  st_expect_eq("acknowledgements when the master's cs_func ran", 0, qk_mack_seen);
  st_expect_eq("CPU1's cs_func runs when the master's ran", 0, qk_runs1_seen);
  st_expect(qk_advance >= 1000, "CPU1's thread made progress during the quick cpusync");
  cs_check(3);
  st_expect_eq("CPU1 served one cpusync", served0 + 1, gd1.gd_cpusync_served);
  st_expect_eq("CPU1 never waited on its cpusync queue", spins0, gd1.gd_cpusync_spins);
  st_expect(lwkt_test_wait(addressof(qk_out), 1, 50), "CPU1's thread left its critical section");
}

// --- a held target serves a third CPU ---
const T3_N: u32 = 300;
let t3_ready: u32 = 0;
let t3_go: u32 = 0;
let t3_done: u32 = 0;
let t3_ran: u32 = 0;
let t3_elsewhere: u32 = 0;

function t3_msg(a1: usize, a2: u32): void {
  xadd(addressof(t3_ran), 1);
  if (mycpu().gd_cpuid != 1) xadd(addressof(t3_elsewhere), 1);
}

/** CPU2: on the signal, more messages to CPU1 than its ring takes before a FIFO-full wait. */
function t3_sender(arg: usize): void {
  volatile_store<u32>(addressof(t3_ready), 1);
  cs_wait_ge(addressof(t3_go), 1, false);
  let seq: u32 = 0;
  for (let i: u32 = 0; i < T3_N; i++) seq = lwkt_send_ipiq(1, t3_msg, i, 0);
  t3_wait_all(seq);
  volatile_store<u32>(addressof(t3_done), 1);
}

function t3_wait_all(seq: u32): void {
  // Bounded: on failure CPU2 gives up instead of holding its CPU forever.
  const deadline: u64 = cs_deadline();
  crit_enter();
  while (volatile_load<u32>(addressof(t3_ran)) < T3_N && !cs_expired(deadline)) {
    lwkt_ipiq_service();
    pause();
  }
  crit_exit();
}

/**
 * While CPU0 holds CPU1 in a cpusync interlock, CPU2 sends CPU1 300 messages and waits for
 * them: CPU1 runs all of them before the deinterlock (and still no thread, no cs_func).
 */
function test_target_serves_third_cpu(): void {
  if (ncpus < 3) {
    st_skip("needs 3 CPUs");
    return;
  }
  const gd1: Globaldata = globaldata[1];
  const gd2: Globaldata = globaldata[2];
  cs_clear();
  t3_ready = 0;
  t3_go = 0;
  t3_done = 0;
  t3_ran = 0;
  t3_elsewhere = 0;
  lwkt_create(t3_sender, 0, "t_cs3", 2, TDPRI_KERN_DAEMON, true);
  st_expect(lwkt_test_wait(addressof(t3_ready), 1, 50), "sender up on CPU2");
  const ff0: u32 = gd2.gd_ipiq_fifofull;
  const hw0: u32 = gd2.gd_ipiq_hw;
  const cs: Cpusync = new Cpusync();
  lwkt_cpusync_init(cs, (1 << mycpu().gd_cpuid) | 2, cs_count_func, 0);
  lwkt_cpusync_interlock(cs);
  const sw0: u32 = gd1.gd_cnt_switch;
  volatile_store<u32>(addressof(t3_go), 1);
  const done: bool = cs_wait_ge(addressof(t3_done), 1, true);
  const ran: u32 = volatile_load<u32>(addressof(t3_ran));
  const runs1: u32 = cs_runs[1];
  const sw1: u32 = gd1.gd_cnt_switch;
  lwkt_cpusync_deinterlock(cs);
  kprintf2("# cpusync: CPU2's burst to the held CPU1: %u FIFO-full waits, %u hardware IPIs\n", gd2.gd_ipiq_fifofull - ff0, gd2.gd_ipiq_hw - hw0);
  st_expect(done, "CPU2's wait for its messages ended while CPU1 was held");
  st_expect_eq("CPU2's messages run by the held CPU1", T3_N, ran);
  st_expect_eq("messages run elsewhere", 0, t3_elsewhere);
  st_expect_eq("CPU1's cs_func before the deinterlock", 0, runs1);
  st_expect_eq("switches on CPU1 while held", sw0, sw1);
  cs_check((1 << mycpu().gd_cpuid) | 2);
}

// --- cost of a round (the `lwkt` benchmark reads these lines) ---
const BN_CS_ROUNDS: u32 = 50;

function cs_bench_nop(arg: usize): void {
  xadd(addressof(cs_runs[mycpu().gd_cpuid]), 1);
}

/** Mean guest cycles of one cpusync over `mask`, best of 5 runs of BN_CS_ROUNDS. */
function cs_bench(mask: u32, quick: bool): u32 {
  const cs: Cpusync = new Cpusync();
  let best: u32 = 0xffffffff;
  for (let run: u32 = 0; run < 5; run++) {
    const t0: u32 = cs_cycles();
    for (let i: u32 = 0; i < BN_CS_ROUNDS; i++) {
      lwkt_cpusync_init(cs, mask, cs_bench_nop, 0);
      if (quick) {
        lwkt_cpusync_quick(cs);
      } else {
        lwkt_cpusync_interlock(cs);
        lwkt_cpusync_deinterlock(cs);
      }
    }
    const t: u32 = (cs_cycles() - t0) / BN_CS_ROUNDS;
    if (t < best) best = t;
  }
  return best;
}

function cs_bench_check(mask: u32, runs: u32): void {
  for (let c: u32 = 0; c < ncpus; c++) st_expect_eq("bench cs_func runs per CPU", (mask & (1 << c)) != 0 ? runs : 0, cs_runs[c]);
}

/** Guest cycles of a cpusync round (interlock + deinterlock) and of a quick one, 2 and 4 CPUs. */
function test_bench_round(): void {
  if (ncpus < 2) {
    st_skip("needs 2 CPUs");
    return;
  }
  const self: u32 = mycpu().gd_cpuid;
  const m2: u32 = (1 << self) | (1 << (self == 0 ? 1 : 0));
  cs_clear();
  const full2: u32 = cs_bench(m2, false);
  const quick2: u32 = cs_bench(m2, true);
  cs_bench_check(m2, 10 * BN_CS_ROUNDS);
  kprintf1("# lwkt bench: cpusync_2cpu_cycles=%u\n", full2);
  kprintf1("# lwkt bench: cpusync_quick_2cpu_cycles=%u\n", quick2);
  st_expect_range("cycles of a 2-CPU cpusync", 1, 0xfffffffe, full2);
  st_expect_range("cycles of a quick 2-CPU cpusync", 1, 0xfffffffe, quick2);
  if (ncpus < 4) return;
  const m4: u32 = 15;
  cs_clear();
  const full4: u32 = cs_bench(m4, false);
  const quick4: u32 = cs_bench(m4, true);
  cs_bench_check(m4, 10 * BN_CS_ROUNDS);
  kprintf1("# lwkt bench: cpusync_4cpu_cycles=%u\n", full4);
  kprintf1("# lwkt bench: cpusync_quick_4cpu_cycles=%u\n", quick4);
  st_expect_range("cycles of a 4-CPU cpusync", 1, 0xfffffffe, full4);
  st_expect_range("cycles of a quick 4-CPU cpusync", 1, 0xfffffffe, quick4);
}

export function cpusync_selftests(): void {
  selftest_register("cpusync.runs_on_mask", test_runs_on_mask);
  selftest_register("cpusync.targets_quiesced", test_targets_quiesced);
  selftest_register("cpusync.overlapping_masters", test_overlapping_masters);
  selftest_register("cpusync.quick_runs_on_mask", test_quick_runs_on_mask);
  selftest_register("cpusync.quick_does_not_quiesce", test_quick_does_not_quiesce);
  selftest_register("cpusync.target_serves_third_cpu", test_target_serves_third_cpu);
  selftest_register("cpusync.bench_round", test_bench_round);
}
