// token_test.ts: selftests of serializing tokens (dragonfly.md §4) and thread migration.
import { selftest_register, st_expect, st_expect_eq, st_skip, st_delay_ms } from "../test/selftest.ts";
import { mycpu, ncpus } from "../kern/globaldata.ts";
import {
  Thread, lwkt_create, lwkt_yield, lwkt_setcpu_self, lwkt_migrate_violations, TDF_MIGRATING, TDPRI_KERN_DAEMON, TDPRI_INT_MED,
  lwkt_schedule, lwkt_set_interrupt_thread, lwkt_preempt_count, lwkt_preempt_refused,
} from "./thread.ts";
import { curthread, crit_enter, crit_exit } from "./crit.ts";
import { tsleep, wakeup } from "./sleep.ts";
import { lwkt_test_wait } from "./lwkt_test.ts";
import {
  LwktToken, lwkt_token_init, lwkt_gettoken, lwkt_gettoken_shared, lwkt_reltoken, lwkt_trytoken, lwkt_token_is_held,
  token_catch_asserts, token_asserts_caught, TOK_EXCLUSIVE, TOK_INCR,
} from "./token.ts";

let tok_a: LwktToken = new LwktToken();
let tok_b: LwktToken = new LwktToken();
let tk_chan: u32 = 0;
let tk_step: u32 = 0;
let tk_done: u32 = 0;
let tk_t1_held_after: u32 = 0;
let tk_t2_got: u32 = 0;
let tk_release: u32 = 0;
let tk_t1_resumed: u32 = 0;
let tk_t1_contended: u32 = 0;

function tk_t1(arg: usize): void {
  lwkt_gettoken(tok_a);
  volatile_store<u32>(addressof(tk_step), 1);
  tsleep(addressof(tk_chan), "tk_t1", 2); // blocking releases tok_a
  // Resumed: the scheduler re-acquired tok_a for us.
  volatile_store<u32>(addressof(tk_t1_resumed), 1);
  tk_t1_held_after = lwkt_token_is_held(tok_a) && (tok_a.t_count & TOK_EXCLUSIVE) != 0 ? 1 : 0;
  tk_t1_contended = curthread().td_contended;
  lwkt_reltoken(tok_a);
  xadd(addressof(tk_done), 1);
}

function tk_t2(arg: usize): void {
  while (volatile_load<u32>(addressof(tk_step)) == 0) tsleep(addressof(tk_chan), "tk_t2w", 1);
  // T1 sleeps holding tok_a: it is free for us.
  lwkt_gettoken(tok_a);
  volatile_store<u32>(addressof(tk_t2_got), 1);
  // Hold it without blocking (spinning) until told to let go: T1 must not resume meanwhile.
  while (volatile_load<u32>(addressof(tk_release)) == 0) pause();
  lwkt_reltoken(tok_a);
  xadd(addressof(tk_done), 1);
}

/** T1 holds A and sleeps; T2 takes A; T1 is not resumed until A is free (td_contended rises). */
function test_released_while_blocked(): void {
  if (ncpus < 2) {
    st_skip("needs 2 CPUs");
    return;
  }
  lwkt_token_init(tok_a, "tok_a");
  tk_step = 0;
  tk_done = 0;
  tk_t2_got = 0;
  tk_release = 0;
  tk_t1_resumed = 0;
  const self: u32 = mycpu().gd_cpuid;
  const other: u32 = self == 0 ? 1 : 0;
  lwkt_create(tk_t1, 0, "t_tok1", self, TDPRI_KERN_DAEMON - 1, true);
  lwkt_create(tk_t2, 0, "t_tok2", other, TDPRI_KERN_DAEMON, true);
  st_expect(lwkt_test_wait(addressof(tk_t2_got), 1, 50), "T2 took A while T1 slept holding it");
  // T1's 2-tick timeout passes; it must stay off the CPU while T2 holds A.
  tsleep(addressof(tk_chan), "tk_main", 5);
  st_expect_eq("T1 not resumed while A is held elsewhere", 0, tk_t1_resumed);
  volatile_store<u32>(addressof(tk_release), 1);
  st_expect(lwkt_test_wait(addressof(tk_done), 2, 50), "both finished");
  st_expect_eq("T1 resumed holding A", 1, tk_t1_held_after);
  st_expect(tk_t1_contended > 0, "T1's td_contended rose");
  st_expect_eq("A free at the end", 0, tok_a.t_count);
}

let ab_done: u32 = 0;

function ab_worker(arg: usize): void {
  const first: LwktToken = arg == 0 ? tok_a : tok_b;
  const second: LwktToken = arg == 0 ? tok_b : tok_a;
  for (let i: u32 = 0; i < 20; i++) {
    lwkt_gettoken(first);
    if ((i & 1) == 0) tsleep(addressof(tk_chan), "ab", 1);
    lwkt_gettoken(second);
    lwkt_yield();
    lwkt_reltoken(second);
    lwkt_reltoken(first);
  }
  xadd(addressof(ab_done), 1);
}

/** A->B and B->A acquisitions interleaved with blocking always complete. */
function test_abba_completes(): void {
  lwkt_token_init(tok_a, "tok_a");
  lwkt_token_init(tok_b, "tok_b");
  ab_done = 0;
  const c1: u32 = ncpus > 1 ? 1 : 0;
  lwkt_create(ab_worker, 0, "t_ab", 0, TDPRI_KERN_DAEMON - 1, true);
  lwkt_create(ab_worker, 1, "t_ba", c1, TDPRI_KERN_DAEMON - 1, true);
  st_expect(lwkt_test_wait(addressof(ab_done), 2, 300), "both workers finished 20 rounds");
  st_expect_eq("A free", 0, tok_a.t_count);
  st_expect_eq("B free", 0, tok_b.t_count);
}

/** Recursion works (counted as a shared increment); an out-of-order release asserts. */
function test_recursion_and_lifo(): void {
  lwkt_token_init(tok_a, "tok_a");
  lwkt_token_init(tok_b, "tok_b");
  lwkt_gettoken(tok_a);
  lwkt_gettoken(tok_a);
  st_expect_eq("recursive hold", TOK_EXCLUSIVE | TOK_INCR, tok_a.t_count);
  lwkt_gettoken(tok_b);
  token_catch_asserts(true);
  lwkt_reltoken(tok_a);
  st_expect_eq("releasing A before B asserts", 1, token_asserts_caught());
  token_catch_asserts(false);
  st_expect_eq("A still held", TOK_EXCLUSIVE | TOK_INCR, tok_a.t_count);
  lwkt_reltoken(tok_b);
  lwkt_reltoken(tok_a);
  st_expect_eq("one level left", TOK_EXCLUSIVE, tok_a.t_count);
  lwkt_reltoken(tok_a);
  st_expect_eq("free", 0, tok_a.t_count);
  lwkt_gettoken_shared(tok_b);
  lwkt_gettoken_shared(tok_b);
  st_expect_eq("two shared holds", 2 * TOK_INCR, tok_b.t_count);
  lwkt_reltoken(tok_b);
  lwkt_reltoken(tok_b);
  st_expect_eq("free", 0, tok_b.t_count);
  st_expect(lwkt_trytoken(tok_b), "trytoken on a free token");
  lwkt_reltoken(tok_b);
}

let mg_cpus: FixedArray<u32, 40> = [];
let mg_n: u32 = 0;
let mg_done: u32 = 0;
let mg_flags_ok: u32 = 0;

function mg_thread(arg: usize): void {
  const td: Thread = curthread();
  let ok: u32 = 1;
  for (let k: u32 = 0; k <= ncpus; k++) {
    const target: u32 = k % ncpus;
    lwkt_setcpu_self(target);
    if ((td.td_flags & TDF_MIGRATING) != 0 || td.td_gd != mycpu()) ok = 0;
    if (mg_n < 40) {
      mg_cpus[mg_n] = mycpu().gd_cpuid;
      mg_n++;
    }
  }
  mg_flags_ok = ok;
  xadd(addressof(mg_done), 1);
}

/** A thread migrates through every CPU; it runs on the CPU it asked for, queued on one only. */
function test_migration(): void {
  mg_n = 0;
  mg_done = 0;
  mg_flags_ok = 0;
  const v0: u32 = lwkt_migrate_violations;
  lwkt_create(mg_thread, 0, "t_migr", 0, TDPRI_KERN_DAEMON - 1, true);
  st_expect(lwkt_test_wait(addressof(mg_done), 1, 100), "the thread finished its tour");
  st_expect_eq("stops", ncpus + 1, mg_n);
  for (let k: u32 = 0; k < mg_n; k++) st_expect_eq("ran on the CPU it moved to", k % ncpus, mg_cpus[k]);
  st_expect_eq("td_gd and TDF_MIGRATING consistent after each move", 1, mg_flags_ok);
  st_expect_eq("never queued on two CPUs", v0, lwkt_migrate_violations);
}

let pr_chan: u32 = 0;
let pr_runs: u32 = 0;
let pr_hold_b: u32 = 0;
let pr_quit: u32 = 0;
let pr_main_held_a: u32 = 0;
let pr_main_td: usize = 0;

/** The interrupt thread: counts its runs, checks main's token A, sleeps (optionally holding B). */
function pr_ithread(arg: usize): void {
  for (;;) {
    pr_runs++;
    const r: usize = tok_a.t_ref;
    pr_main_held_a = r != 0 && (tok_a.t_count & TOK_EXCLUSIVE) != 0 ? 1 : 0;
    if (pr_quit != 0) break;
    if (pr_hold_b != 0) {
      lwkt_gettoken(tok_b);
      tsleep(addressof(pr_chan), "pr_b", 0);
      lwkt_reltoken(tok_b);
    } else {
      tsleep(addressof(pr_chan), "pr", 0);
    }
  }
}

/**
 * An interrupt thread woken outside a critical section preempts at once; when it blocks the
 * preempted thread resumes with its tokens. Refused inside a critical section and when the
 * interrupt thread holds tokens.
 */
function test_preempt(): void {
  lwkt_token_init(tok_a, "tok_a");
  lwkt_token_init(tok_b, "tok_b");
  pr_runs = 0;
  pr_hold_b = 0;
  pr_quit = 0;
  pr_main_held_a = 0;
  const cpu: u32 = mycpu().gd_cpuid;
  const it: Thread = lwkt_create(pr_ithread, 0, "t_ithread", cpu, TDPRI_INT_MED, false);
  lwkt_set_interrupt_thread(it);
  const p0: u32 = lwkt_preempt_count;
  lwkt_gettoken(tok_a);
  lwkt_schedule(it);
  st_expect_eq("the interrupt thread ran at once", 1, pr_runs);
  st_expect_eq("one preemption", p0 + 1, lwkt_preempt_count);
  st_expect_eq("it saw A held by the preempted thread", 1, pr_main_held_a);
  st_expect(lwkt_token_is_held(tok_a) && tok_a.t_count == TOK_EXCLUSIVE, "main resumed with A intact");
  // Inside a critical section: queued, not run.
  const r0: u32 = lwkt_preempt_refused;
  crit_enter();
  wakeup(addressof(pr_chan));
  st_expect_eq("no preemption inside a critical section", 1, pr_runs);
  crit_exit();
  st_expect_eq("refused once", r0 + 1, lwkt_preempt_refused);
  lwkt_yield(); // the higher-priority thread runs at our next switch
  st_expect_eq("ran at main's next switch", 2, pr_runs);
  // The interrupt thread now sleeps holding B: waking it cannot preempt.
  pr_hold_b = 1;
  wakeup(addressof(pr_chan));
  st_expect_eq("ran once more", 3, pr_runs); // preempted (held no token yet), now sleeps with B
  pr_hold_b = 0;
  const r1: u32 = lwkt_preempt_refused;
  wakeup(addressof(pr_chan));
  st_expect_eq("no preemption while it holds a token", 3, pr_runs);
  st_expect_eq("refused", r1 + 1, lwkt_preempt_refused);
  lwkt_reltoken(tok_a);
  lwkt_yield();
  st_expect_eq("ran at main's next switch", 4, pr_runs);
  pr_quit = 1;
  wakeup(addressof(pr_chan));
  st_expect_eq("woke to quit", 5, pr_runs);
  st_expect_eq("B free", 0, tok_b.t_count);
}

export function token_selftests(): void {
  selftest_register("lwkt.preempt_interrupt_thread", test_preempt);
  selftest_register("token.released_while_blocked", test_released_while_blocked);
  selftest_register("token.abba_with_blocking_completes", test_abba_completes);
  selftest_register("token.recursion_and_lifo", test_recursion_and_lifo);
  selftest_register("lwkt.migration_never_on_two_cpus", test_migration);
}
