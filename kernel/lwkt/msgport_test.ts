// msgport_test.ts: selftests of LWKT messages and ports (dragonfly.md §3). main (thread0)
// uses its own thread port as the reply port.
import { selftest_register, st_expect, st_expect_eq, st_skip } from "../test/selftest.ts";
import { globaldata, Globaldata, mycpu, ncpus } from "../kern/globaldata.ts";
import { Thread, lwkt_create, TDPRI_KERN_DAEMON } from "./thread.ts";
import { curthread, crit_enter, crit_exit } from "./crit.ts";
import { lwkt_test_wait } from "./lwkt_test.ts";
import {
  LwktMsg, LwktPort, lwkt_initmsg, lwkt_initport_thread, lwkt_initport_putonly, lwkt_initport_spin, lwkt_domsg, lwkt_sendmsg,
  lwkt_replymsg, lwkt_getport, lwkt_waitport, lwkt_dropmsg, lwkt_abortmsg, lwkt_forwardmsg, msgport_catch_asserts, msgport_asserts_caught,
  MSGF_DONE, MSGF_REPLY, MSGF_QUEUED, MSGF_PRIORITY, MSGF_ABORTABLE, ENOENT,
} from "./msgport.ts";

let main_port: LwktPort = new LwktPort();
let mp_main_ready: u32 = 0;

/** main's thread port (made once, owned by the thread running the selftests). */
function main_reply_port(): LwktPort {
  if (mp_main_ready == 0) {
    lwkt_initport_thread(main_port, curthread());
    mp_main_ready = 1;
  }
  return main_port;
}

let put_ran: u32 = 0;
let put_td: usize = 0;

function putonly_handler(port: LwktPort, msg: LwktMsg): u32 {
  put_ran++;
  put_td = addr(curthread());
  msg.ms_result = msg.ms_cmd + 1;
  return 0;
}

/** domsg to a putonly port whose agent returns 0: DONE|REPLY, no switch, reply queue untouched. */
function test_domsg_fast_path(): void {
  const gd: Globaldata = mycpu();
  const rp: LwktPort = main_reply_port();
  const port: LwktPort = new LwktPort();
  lwkt_initport_putonly(port, putonly_handler);
  const msg: LwktMsg = new LwktMsg();
  lwkt_initmsg(msg, rp, 0);
  msg.ms_cmd = 41;
  put_ran = 0;
  const sw0: u32 = gd.gd_cnt_switch;
  const sent0: u32 = gd.gd_ipiq_sent;
  const err: u32 = lwkt_domsg(port, msg);
  st_expect_eq("domsg returned the agent's 0", 0, err);
  st_expect_eq("DONE|REPLY set, never QUEUED", MSGF_DONE | MSGF_REPLY, msg.ms_flags & (MSGF_DONE | MSGF_REPLY | MSGF_QUEUED));
  st_expect_eq("the handler ran once", 1, put_ran);
  st_expect_eq("in the sender's thread", addr(curthread()), put_td);
  st_expect_eq("result", 42, msg.ms_result);
  st_expect_eq("no context switch", sw0, gd.gd_cnt_switch);
  st_expect_eq("no IPI message", sent0, gd.gd_ipiq_sent);
  st_expect(lwkt_getport(rp) == null, "the reply port's queue is untouched");
}

// ---- a server thread on some CPU: replies cmd*2 to every message ----
let srv_port: LwktPort = new LwktPort();
let srv_ready: u32 = 0;
let srv_stop: u32 = 0;
let srv_handled: u32 = 0;
let srv_cpu: u32 = 0;
let srv_saw_queued_reply: u32 = 0;

function server_thread(arg: usize): void {
  lwkt_initport_thread(srv_port, curthread());
  volatile_store<u32>(addressof(srv_ready), 1);
  for (;;) {
    const m: LwktMsg = lwkt_waitport(srv_port);
    srv_cpu = mycpu().gd_cpuid;
    if ((m.ms_flags & MSGF_REPLY) != 0) srv_saw_queued_reply++;
    if (m.ms_cmd == 0xdead) {
      lwkt_replymsg(m, 0);
      break;
    }
    m.ms_result = m.ms_cmd * 2;
    srv_handled++;
    lwkt_replymsg(m, 0);
  }
}

function server_start(cpu: u32): bool {
  srv_ready = 0;
  srv_handled = 0;
  srv_saw_queued_reply = 0;
  lwkt_create(server_thread, 0, "t_msgsrv", cpu, TDPRI_KERN_DAEMON, true);
  return lwkt_test_wait(addressof(srv_ready), 1, 50);
}

function server_stop(): void {
  const m: LwktMsg = new LwktMsg();
  lwkt_initmsg(m, main_reply_port(), 0);
  m.ms_cmd = 0xdead;
  lwkt_domsg(srv_port, m);
}

/** domsg to a thread port on another CPU: one put IPI, one reply IPI, the sender sleeps. */
function test_domsg_remote_thread_port(): void {
  if (ncpus < 2) {
    st_skip("needs 2 CPUs");
    return;
  }
  const gd: Globaldata = mycpu();
  const gd1: Globaldata = globaldata[1];
  st_expect(server_start(1), "server thread up on CPU1");
  lwkt_test_wait(addressof(srv_ready), 2, 2); // let CPU1 settle into waitport
  const msg: LwktMsg = new LwktMsg();
  lwkt_initmsg(msg, main_reply_port(), 0);
  msg.ms_cmd = 21;
  const s0: u32 = gd.gd_ipiq_sent;
  const s1: u32 = gd1.gd_ipiq_sent;
  const sw0: u32 = gd.gd_cnt_switch;
  // In a critical section, so that the reply (an IPI to this CPU) cannot complete the
  // message before we sleep even when CPU1 is fast: the sleeping path is what is tested.
  crit_enter();
  const err: u32 = lwkt_domsg(srv_port, msg);
  crit_exit();
  const s0d: u32 = gd.gd_ipiq_sent - s0;
  const s1d: u32 = gd1.gd_ipiq_sent - s1;
  st_expect_eq("error", 0, err);
  st_expect_eq("result from CPU1", 42, msg.ms_result);
  st_expect_eq("handled on CPU1", 1, srv_cpu);
  st_expect_eq("put IPIs from CPU0", 1, s0d);
  st_expect_eq("reply IPIs from CPU1", 1, s1d);
  st_expect(gd.gd_cnt_switch > sw0, "the sender slept");
  st_expect_eq("QUEUED never set on the reply", 0, msg.ms_flags & MSGF_QUEUED);
  st_expect_eq("DONE|REPLY", MSGF_DONE | MSGF_REPLY, msg.ms_flags & (MSGF_DONE | MSGF_REPLY));
  st_expect(lwkt_getport(main_reply_port()) == null, "nothing queued on the reply port");
  server_stop();
}

function putonly_sync0(port: LwktPort, msg: LwktMsg): u32 {
  return 0;
}

/** sendmsg then replymsg: getport on the reply port returns the message with REPLY|DONE. */
function test_sendmsg_reply_queued(): void {
  const rp: LwktPort = main_reply_port();
  const cpu: u32 = ncpus > 1 ? 1 : 0;
  st_expect(server_start(cpu), "server thread up");
  const msg: LwktMsg = new LwktMsg();
  lwkt_initmsg(msg, rp, 0);
  msg.ms_cmd = 5;
  lwkt_sendmsg(srv_port, msg);
  const r: LwktMsg = lwkt_waitport(rp);
  st_expect(addr(r) == addr(msg), "the reply is our message");
  st_expect_eq("REPLY|DONE, no longer queued", MSGF_REPLY | MSGF_DONE, r.ms_flags & (MSGF_REPLY | MSGF_DONE | MSGF_QUEUED));
  st_expect_eq("result", 10, r.ms_result);
  server_stop();
  // A synchronous putport (returns 0) replies by itself: the reply is queued at once.
  const port: LwktPort = new LwktPort();
  lwkt_initport_putonly(port, putonly_sync0);
  const m2: LwktMsg = new LwktMsg();
  lwkt_initmsg(m2, rp, 0);
  lwkt_sendmsg(port, m2);
  const r2: LwktMsg | null = lwkt_getport(rp);
  st_expect(r2 != null && addr(r2) == addr(m2), "the synchronous reply was queued on the reply port");
  st_expect_eq("REPLY|DONE", MSGF_REPLY | MSGF_DONE, m2.ms_flags & (MSGF_REPLY | MSGF_DONE));
}

/** Sending a message that is not DONE asserts; a PRIORITY message overtakes queued ones. */
function test_resend_asserts_priority_overtakes(): void {
  const me: LwktPort = main_reply_port();
  const rp: LwktPort = new LwktPort();
  lwkt_initport_spin(rp);
  let msgs: FixedArray<Inline<LwktMsg>, 4> = [];
  for (let i: u32 = 0; i < 4; i++) {
    lwkt_initmsg(msgs[i], rp, i == 3 ? MSGF_PRIORITY : 0);
    msgs[i].ms_cmd = i;
    lwkt_sendmsg(me, msgs[i]);
  }
  msgport_catch_asserts(true);
  lwkt_sendmsg(me, msgs[0]);
  st_expect_eq("re-sending a queued message asserts", 1, msgport_asserts_caught());
  msgport_catch_asserts(false);
  let m: LwktMsg | null = lwkt_getport(me);
  st_expect(m != null && m.ms_cmd == 3, "the PRIORITY message comes first");
  for (let i: u32 = 0; i < 3; i++) {
    m = lwkt_getport(me);
    st_expect(m != null && m.ms_cmd == i, "then the others in order");
  }
  st_expect(lwkt_getport(me) == null, "and nothing else");
}

let abort_calls: u32 = 0;
function abort_fn(msg: LwktMsg): void {
  abort_calls++;
}

/** dropmsg unqueues an unreceived message once (then ENOENT); abortmsg calls ms_abortfn. */
function test_dropmsg_abortmsg(): void {
  const me: LwktPort = main_reply_port();
  const rp: LwktPort = new LwktPort();
  lwkt_initport_spin(rp);
  const m: LwktMsg = new LwktMsg();
  lwkt_initmsg(m, rp, MSGF_ABORTABLE);
  m.ms_abortfn = abort_fn;
  abort_calls = 0;
  lwkt_sendmsg(me, m);
  st_expect(lwkt_abortmsg(m), "abortmsg on a pending ABORTABLE message");
  st_expect_eq("ms_abortfn called", 1, abort_calls);
  st_expect_eq("dropmsg of a queued message", 0, lwkt_dropmsg(m));
  st_expect_eq("now DONE, not QUEUED", MSGF_DONE, m.ms_flags & (MSGF_DONE | MSGF_QUEUED));
  st_expect_eq("dropmsg again", ENOENT, lwkt_dropmsg(m));
  st_expect(!lwkt_abortmsg(m), "abortmsg on a DONE message does nothing");
  st_expect_eq("ms_abortfn not called again", 1, abort_calls);
  st_expect(lwkt_getport(me) == null, "the port is empty");
}

// ---- spin ports: several receivers, SYNC waiters sleep on the message ----
let sp_port: LwktPort = new LwktPort();
let sp_handled: FixedArray<u32, 2> = [];
let sp_stopped: u32 = 0;

function spin_server(arg: usize): void {
  for (;;) {
    const m: LwktMsg = lwkt_waitport(sp_port);
    if (m.ms_cmd == 0xdead) {
      lwkt_replymsg(m, 0);
      break;
    }
    m.ms_result = m.ms_cmd + 100;
    sp_handled[arg]++;
    lwkt_replymsg(m, 0);
  }
  xadd(addressof(sp_stopped), 1);
}

/** Two receivers share a spin port; domsg (SYNC reply on a spin port) and sendmsg both work. */
function test_spin_port(): void {
  lwkt_initport_spin(sp_port);
  const rp: LwktPort = new LwktPort();
  lwkt_initport_spin(rp);
  sp_handled[0] = 0;
  sp_handled[1] = 0;
  sp_stopped = 0;
  const c1: u32 = ncpus > 1 ? 1 : 0;
  lwkt_create(spin_server, 0, "t_spin0", 0, TDPRI_KERN_DAEMON - 1, true);
  lwkt_create(spin_server, 1, "t_spin1", c1, TDPRI_KERN_DAEMON - 1, true);
  const msg: LwktMsg = new LwktMsg();
  let ok: u32 = 0;
  for (let i: u32 = 0; i < 20; i++) {
    lwkt_initmsg(msg, rp, 0);
    msg.ms_cmd = i;
    if (lwkt_domsg(sp_port, msg) == 0 && msg.ms_result == i + 100) ok++;
  }
  st_expect_eq("domsg round trips through the spin port", 20, ok);
  st_expect_eq("messages handled by the two receivers", 20, sp_handled[0] + sp_handled[1]);
  st_expect_eq("SYNC replies are never queued", 0, msg.ms_flags & MSGF_QUEUED);
  // Asynchronous: the reply is queued on the spin reply port.
  let many: FixedArray<Inline<LwktMsg>, 4> = [];
  for (let i: u32 = 0; i < 4; i++) {
    lwkt_initmsg(many[i], rp, 0);
    many[i].ms_cmd = 50 + i;
    lwkt_sendmsg(sp_port, many[i]);
  }
  let got: u32 = 0;
  for (let i: u32 = 0; i < 4; i++) {
    const r: LwktMsg = lwkt_waitport(rp);
    if ((r.ms_flags & (MSGF_REPLY | MSGF_DONE)) == (MSGF_REPLY | MSGF_DONE) && r.ms_result == r.ms_cmd + 100) got++;
  }
  st_expect_eq("asynchronous replies collected from the reply port", 4, got);
  for (let i: u32 = 0; i < 2; i++) {
    lwkt_initmsg(msg, rp, 0);
    msg.ms_cmd = 0xdead;
    lwkt_domsg(sp_port, msg);
  }
  st_expect(lwkt_test_wait(addressof(sp_stopped), 2, 50), "both receivers stopped");
}

export function msgport_selftests(): void {
  selftest_register("msgport.spin_port_two_receivers", test_spin_port);
  selftest_register("msgport.domsg_fast_path", test_domsg_fast_path);
  selftest_register("msgport.domsg_remote_thread_port", test_domsg_remote_thread_port);
  selftest_register("msgport.sendmsg_reply_queued", test_sendmsg_reply_queued);
  selftest_register("msgport.resend_asserts_priority_overtakes", test_resend_asserts_priority_overtakes);
  selftest_register("msgport.dropmsg_abortmsg", test_dropmsg_abortmsg);
}
