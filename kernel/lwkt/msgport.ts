// msgport.ts: LWKT messages and ports (DragonFly's lwkt_msgport.c, msgport.9). A message is
// owned by whoever holds it: the sender until putport takes it, the target port's receiver
// until it replies, then the reply port's owner. The generic calls (domsg, sendmsg,
// replymsg, waitmsg, forwardmsg, dropmsg, abortmsg) only move flags and call the port's
// agents; the backends below decide how queueing, waking and cross-CPU delivery happen.
import { mycpu } from "../kern/globaldata.ts";
import { panic } from "../kern/panic.ts";
import { Spinlock, spin_lock_irq, spin_unlock_irq } from "../kern/spinlock.ts";
import { Thread, lwkt_schedule, lwkt_deschedule_self, lwkt_switch } from "./thread.ts";
import { crit_enter, crit_exit, curthread } from "./crit.ts";
import { lwkt_send_ipiq } from "./ipiq.ts";
import { tsleep_interlock, tsleep_commit, wakeup } from "./sleep.ts";

/** ms_flags; the high 16 bits are the user's. */
export const MSGF_DONE: u32 = 0x1;
export const MSGF_REPLY: u32 = 0x2;
export const MSGF_QUEUED: u32 = 0x4;
export const MSGF_SYNC: u32 = 0x8;
export const MSGF_INTRANSIT: u32 = 0x10;
export const MSGF_WAITING: u32 = 0x20;
export const MSGF_DROPABLE: u32 = 0x40;
export const MSGF_ABORTABLE: u32 = 0x80;
export const MSGF_PRIORITY: u32 = 0x100;
export const MSGF_RECEIPT: u32 = 0x200;

/** mp_flags */
export const MSGPORTF_WAITING: u32 = 0x1;

/** putport's "queued, the reply comes later" (a kernel-internal errno, as in DragonFly). */
export const EASYNC: u32 = 99;
export const ENOENT: u32 = 2;

export type MsgFunc = (msg: LwktMsg) => void;
export type PutPortFn = (port: LwktPort, msg: LwktMsg) => u32;
export type GetPortFn = (port: LwktPort) => LwktMsg | null;
export type WaitMsgFn = (msg: LwktMsg) => u32;
export type WaitPortFn = (port: LwktPort) => LwktMsg;
export type ReplyPortFn = (port: LwktPort, msg: LwktMsg) => void;
export type DropMsgFn = (port: LwktPort, msg: LwktMsg) => u32;

export class LwktMsg {
  ms_next: LwktMsg | null = null; // port queue link
  ms_target_port: LwktPort | null = null;
  ms_reply_port: LwktPort | null = null;
  ms_abortfn: MsgFunc | null = null;
  ms_receiptfn: MsgFunc | null = null;
  ms_flags: u32 = 0;
  ms_error: u32 = 0;
  /** The result union (u.ms_result) and a command word for the receiver. */
  ms_result: u32 = 0;
  ms_cmd: u32 = 0;
}

export class LwktPort {
  mp_msgq: LwktMsg | null = null;
  mp_msgq_tail: LwktMsg | null = null;
  mp_msgq_prio: LwktMsg | null = null;
  mp_msgq_prio_tail: LwktMsg | null = null;
  mp_flags: u32 = 0;
  mp_cpuid: u32 = 0;
  /** Thread port: the owner. */
  mpu_td: Thread | null = null;
  /** Spin port: guards the queues. */
  mp_spinlock!: Inline<Spinlock>;
  mp_getport: GetPortFn | null = null;
  mp_putport: PutPortFn | null = null;
  mp_waitmsg: WaitMsgFn | null = null;
  mp_waitport: WaitPortFn | null = null;
  mp_replyport: ReplyPortFn | null = null;
  mp_dropmsg: DropMsgFn | null = null;
}

// ---- assertions (a test may catch one instead of panicking) ----
let msg_assert_catch: u32 = 0;
let msg_assert_caught: u32 = 0;

/** Selftests: the next failed message assertion is counted instead of panicking. */
export function msgport_catch_asserts(on: bool): void {
  msg_assert_catch = on ? 1 : 0;
  msg_assert_caught = 0;
}

export function msgport_asserts_caught(): u32 {
  return msg_assert_caught;
}

function msg_assert(cond: bool, what: string): bool {
  if (cond) return true;
  if (msg_assert_catch != 0) {
    msg_assert_caught++;
    return false;
  }
  panic(what);
  return false;
}

// ---- queues (the caller holds the port's crit section or spin lock) ----

function msgq_insert(port: LwktPort, msg: LwktMsg): void {
  msg.ms_next = null;
  if ((msg.ms_flags & MSGF_PRIORITY) != 0) {
    const t: LwktMsg | null = port.mp_msgq_prio_tail;
    if (t == null) port.mp_msgq_prio = msg;
    else t.ms_next = msg;
    port.mp_msgq_prio_tail = msg;
  } else {
    const t: LwktMsg | null = port.mp_msgq_tail;
    if (t == null) port.mp_msgq = msg;
    else t.ms_next = msg;
    port.mp_msgq_tail = msg;
  }
  msg.ms_flags |= MSGF_QUEUED;
  const rf: MsgFunc | null = msg.ms_receiptfn;
  if ((msg.ms_flags & MSGF_RECEIPT) != 0 && rf != null) rf(msg);
}

/** Unlink msg from whichever queue holds it; false if it is on neither. */
function msgq_remove(port: LwktPort, msg: LwktMsg): bool {
  const prio: bool = (msg.ms_flags & MSGF_PRIORITY) != 0;
  let prev: LwktMsg | null = null;
  let m: LwktMsg | null = prio ? port.mp_msgq_prio : port.mp_msgq;
  while (m != null && m != msg) {
    prev = m;
    m = m.ms_next;
  }
  if (m == null) return false;
  const next: LwktMsg | null = msg.ms_next;
  if (prio) {
    if (prev == null) port.mp_msgq_prio = next;
    else prev.ms_next = next;
    if (port.mp_msgq_prio_tail == msg) port.mp_msgq_prio_tail = prev;
  } else {
    if (prev == null) port.mp_msgq = next;
    else prev.ms_next = next;
    if (port.mp_msgq_tail == msg) port.mp_msgq_tail = prev;
  }
  msg.ms_next = null;
  msg.ms_flags &= ~MSGF_QUEUED;
  return true;
}

/** PRIORITY messages first. */
function msgq_take(port: LwktPort): LwktMsg | null {
  let m: LwktMsg | null = port.mp_msgq_prio;
  if (m == null) m = port.mp_msgq;
  if (m != null) msgq_remove(port, m);
  return m;
}

// ---- generic operations ----

/** flags = DONE | the caller's: a message never sent counts as done. */
export function lwkt_initmsg(msg: LwktMsg, replyport: LwktPort | null, flags: u32): void {
  msg.ms_next = null;
  msg.ms_target_port = null;
  msg.ms_reply_port = replyport;
  msg.ms_flags = MSGF_DONE | flags;
  msg.ms_error = 0;
  msg.ms_abortfn = null;
  msg.ms_receiptfn = null;
}

function port_put(port: LwktPort, msg: LwktMsg): u32 {
  const f: PutPortFn | null = port.mp_putport;
  if (f == null) panic("msgport: port without putport");
  else return f(port, msg);
  return 0;
}

/**
 * Send and wait. If putport handles the message synchronously (returns anything but EASYNC)
 * that is the fast path: no queueing, no switch; the message is marked DONE|REPLY here.
 */
export function lwkt_domsg(port: LwktPort, msg: LwktMsg): u32 {
  msg.ms_flags = (msg.ms_flags | MSGF_SYNC) & ~(MSGF_REPLY | MSGF_DONE);
  msg.ms_target_port = port;
  const error: u32 = port_put(port, msg);
  if (error == EASYNC) return lwkt_waitmsg(msg);
  msg.ms_error = error;
  msg.ms_flags |= MSGF_DONE | MSGF_REPLY;
  return error;
}

/** Send without waiting; a synchronous putport result is replied (queued on the reply port). */
export function lwkt_sendmsg(port: LwktPort, msg: LwktMsg): void {
  if (!msg_assert((msg.ms_flags & (MSGF_DONE | MSGF_QUEUED)) == MSGF_DONE, "lwkt_sendmsg: message not done or still queued")) return;
  msg.ms_flags &= ~(MSGF_REPLY | MSGF_SYNC | MSGF_DONE);
  msg.ms_target_port = port;
  const error: u32 = port_put(port, msg);
  if (error != EASYNC) lwkt_replymsg(msg, error);
}

/** Pass a received (not yet replied) message on to another port. */
export function lwkt_forwardmsg(port: LwktPort, msg: LwktMsg): u32 {
  if (!msg_assert((msg.ms_flags & (MSGF_QUEUED | MSGF_DONE | MSGF_REPLY)) == 0, "lwkt_forwardmsg: message queued, done or replied")) return ENOENT;
  msg.ms_target_port = port;
  const error: u32 = port_put(port, msg);
  if (error != EASYNC) lwkt_replymsg(msg, error);
  return error;
}

export function lwkt_replymsg(msg: LwktMsg, error: u32): void {
  msg.ms_error = error;
  const port: LwktPort | null = msg.ms_reply_port;
  if (port == null) panic("lwkt_replymsg: no reply port");
  else {
    const f: ReplyPortFn | null = port.mp_replyport;
    if (f == null) panic("lwkt_replymsg: port cannot take replies");
    else f(port, msg);
  }
}

/** Wait for msg's reply (on its reply port); returns ms_error. */
export function lwkt_waitmsg(msg: LwktMsg): u32 {
  const port: LwktPort | null = msg.ms_reply_port;
  if (port == null) panic("lwkt_waitmsg: no reply port");
  else {
    const f: WaitMsgFn | null = port.mp_waitmsg;
    if (f != null) return f(msg);
    panic("lwkt_waitmsg: port cannot wait");
  }
  return 0;
}

export function lwkt_getport(port: LwktPort): LwktMsg | null {
  const f: GetPortFn | null = port.mp_getport;
  if (f == null) panic("lwkt_getport: port cannot be read");
  else return f(port);
  return null;
}

export function lwkt_waitport(port: LwktPort): LwktMsg {
  const f: WaitPortFn | null = port.mp_waitport;
  if (f == null) panic("lwkt_waitport: port cannot be waited on");
  else return f(port);
  return cast<LwktMsg>(0);
}

/** Unqueue a message not yet received (and not a reply); ENOENT otherwise. */
export function lwkt_dropmsg(msg: LwktMsg): u32 {
  const port: LwktPort | null = msg.ms_target_port;
  if (port == null) return ENOENT;
  const f: DropMsgFn | null = port.mp_dropmsg;
  if (f == null) return ENOENT;
  return f(port, msg);
}

/** Ask the receiver to finish an ABORTABLE message early (its ms_abortfn). */
export function lwkt_abortmsg(msg: LwktMsg): bool {
  const f: MsgFunc | null = msg.ms_abortfn;
  if ((msg.ms_flags & MSGF_ABORTABLE) == 0 || (msg.ms_flags & (MSGF_DONE | MSGF_REPLY)) != 0 || f == null) return false;
  f(msg);
  return true;
}

function port_init(port: LwktPort): void {
  port.mp_msgq = null;
  port.mp_msgq_tail = null;
  port.mp_msgq_prio = null;
  port.mp_msgq_prio_tail = null;
  port.mp_flags = 0;
  port.mp_cpuid = mycpu().gd_cpuid;
  port.mpu_td = null;
}

// ---- thread ports: one owner thread; foreign-CPU puts and replies travel as IPIs ----

function thread_port_owner(port: LwktPort): Thread {
  const td: Thread | null = port.mpu_td;
  if (td == null) {
    panic("thread port without owner");
    return curthread();
  }
  return td;
}

/** On the owner's CPU, in a crit section: wake the owner if it waits on this port. */
function thread_port_wake(port: LwktPort): void {
  if ((port.mp_flags & MSGPORTF_WAITING) != 0) {
    port.mp_flags &= ~MSGPORTF_WAITING;
    lwkt_schedule(thread_port_owner(port));
  }
}

function thread_putport_local(port: LwktPort, msg: LwktMsg): void {
  crit_enter();
  msg.ms_flags &= ~MSGF_INTRANSIT;
  msgq_insert(port, msg);
  thread_port_wake(port);
  crit_exit();
}

function thread_putport_remote(a1: usize, a2: u32): void {
  const msg: LwktMsg = cast<LwktMsg>(a1);
  const port: LwktPort | null = msg.ms_target_port;
  if (port != null) thread_port_deliver(port, msg);
}

/** Local enqueue if the owner runs here, else an IPI to its CPU (which follows a migration). */
function thread_port_deliver(port: LwktPort, msg: LwktMsg): void {
  const td: Thread = thread_port_owner(port);
  const gd = td.td_gd;
  if (gd == mycpu()) thread_putport_local(port, msg);
  else if (gd != null) {
    msg.ms_flags |= MSGF_INTRANSIT;
    lwkt_send_ipiq(gd.gd_cpuid, thread_putport_remote, addr(msg), 0);
  }
}

function thread_putport(port: LwktPort, msg: LwktMsg): u32 {
  thread_port_deliver(port, msg);
  return EASYNC;
}

function thread_getport(port: LwktPort): LwktMsg | null {
  if (thread_port_owner(port) != curthread()) panic("thread port: getport by a thread not its owner");
  crit_enter();
  const m: LwktMsg | null = msgq_take(port);
  crit_exit();
  return m;
}

/** The owner sleeps until woken by a put (MSGPORTF_WAITING set inside the crit section). */
function thread_port_sleep(port: LwktPort): void {
  port.mp_flags |= MSGPORTF_WAITING;
  lwkt_deschedule_self(curthread());
  lwkt_switch();
}

function thread_waitport(port: LwktPort): LwktMsg {
  if (thread_port_owner(port) != curthread()) panic("thread port: waitport by a thread not its owner");
  crit_enter();
  let m: LwktMsg | null = msgq_take(port);
  while (m == null) {
    thread_port_sleep(port);
    m = msgq_take(port);
  }
  crit_exit();
  return m;
}

function thread_waitmsg(msg: LwktMsg): u32 {
  const port: LwktPort | null = msg.ms_reply_port;
  if (port == null) return msg.ms_error;
  crit_enter();
  while ((msg.ms_flags & MSGF_DONE) == 0) thread_port_sleep(port);
  // An asynchronous reply was queued on the port: take it off.
  if ((msg.ms_flags & MSGF_QUEUED) != 0) msgq_remove(port, msg);
  crit_exit();
  return msg.ms_error;
}

/** On the reply port owner's CPU: SYNC replies only wake the waiter; others are queued. */
function thread_replyport_local(port: LwktPort, msg: LwktMsg): void {
  crit_enter();
  if ((msg.ms_flags & MSGF_SYNC) != 0) {
    msg.ms_flags |= MSGF_DONE | MSGF_REPLY;
  } else {
    msg.ms_flags |= MSGF_REPLY;
    msgq_insert(port, msg);
    msg.ms_flags |= MSGF_DONE;
  }
  thread_port_wake(port);
  crit_exit();
}

function thread_replyport_remote(a1: usize, a2: u32): void {
  const msg: LwktMsg = cast<LwktMsg>(a1);
  const port: LwktPort | null = msg.ms_reply_port;
  if (port != null) thread_replyport(port, msg);
}

function thread_replyport(port: LwktPort, msg: LwktMsg): void {
  const td: Thread = thread_port_owner(port);
  const gd = td.td_gd;
  // The reply is made on the owner's CPU, so it cannot slip between the waiter's test of
  // DONE and its sleep (both inside one critical section there).
  if (gd == mycpu()) thread_replyport_local(port, msg);
  else if (gd != null) lwkt_send_ipiq(gd.gd_cpuid, thread_replyport_remote, addr(msg), 0);
}

function thread_dropmsg(port: LwktPort, msg: LwktMsg): u32 {
  if (thread_port_owner(port) != curthread()) panic("thread port: dropmsg by a thread not its owner");
  let error: u32 = ENOENT;
  crit_enter();
  if ((msg.ms_flags & (MSGF_REPLY | MSGF_QUEUED)) == MSGF_QUEUED && msgq_remove(port, msg)) {
    msg.ms_flags |= MSGF_DONE;
    error = 0;
  }
  crit_exit();
  return error;
}

/** The default port of thread `td` (td_msgport points at it). */
export function lwkt_initport_thread(port: LwktPort, td: Thread): void {
  port_init(port);
  port.mpu_td = td;
  const gd = td.td_gd;
  if (gd != null) port.mp_cpuid = gd.gd_cpuid;
  port.mp_getport = thread_getport;
  port.mp_putport = thread_putport;
  port.mp_waitmsg = thread_waitmsg;
  port.mp_waitport = thread_waitport;
  port.mp_replyport = thread_replyport;
  port.mp_dropmsg = thread_dropmsg;
  td.td_msgport = addr(port);
}

// ---- spin ports: a spin lock, any number of receivers; sleepers use tsleep/wakeup ----

function spin_lock_of(port: LwktPort): Spinlock {
  return port.mp_spinlock;
}

function spin_putport(port: LwktPort, msg: LwktMsg): u32 {
  const lk: Spinlock = spin_lock_of(port);
  spin_lock_irq(lk);
  msgq_insert(port, msg);
  const waiting: bool = (port.mp_flags & MSGPORTF_WAITING) != 0;
  port.mp_flags &= ~MSGPORTF_WAITING;
  spin_unlock_irq(lk);
  if (waiting) wakeup(addr(port));
  return EASYNC;
}

function spin_getport(port: LwktPort): LwktMsg | null {
  const lk: Spinlock = spin_lock_of(port);
  spin_lock_irq(lk);
  const m: LwktMsg | null = msgq_take(port);
  spin_unlock_irq(lk);
  return m;
}

function spin_waitport(port: LwktPort): LwktMsg {
  const lk: Spinlock = spin_lock_of(port);
  for (;;) {
    spin_lock_irq(lk);
    const m: LwktMsg | null = msgq_take(port);
    if (m != null) {
      spin_unlock_irq(lk);
      return m;
    }
    port.mp_flags |= MSGPORTF_WAITING;
    tsleep_interlock(addr(port), "spinport", 0);
    spin_unlock_irq(lk);
    tsleep_commit();
  }
  return cast<LwktMsg>(0);
}

/** A SYNC waiter sleeps on the message, an asynchronous one on the port. */
function spin_waitmsg(msg: LwktMsg): u32 {
  const port: LwktPort | null = msg.ms_reply_port;
  if (port == null) return msg.ms_error;
  const lk: Spinlock = spin_lock_of(port);
  for (;;) {
    spin_lock_irq(lk);
    if ((msg.ms_flags & MSGF_DONE) != 0) {
      if ((msg.ms_flags & MSGF_QUEUED) != 0) msgq_remove(port, msg);
      spin_unlock_irq(lk);
      return msg.ms_error;
    }
    msg.ms_flags |= MSGF_WAITING;
    tsleep_interlock(addr(msg), "spinmsg", 0);
    spin_unlock_irq(lk);
    tsleep_commit();
  }
  return 0;
}

function spin_replyport(port: LwktPort, msg: LwktMsg): void {
  const lk: Spinlock = spin_lock_of(port);
  spin_lock_irq(lk);
  let wake_msg: bool = false;
  let wake_port: bool = false;
  if ((msg.ms_flags & MSGF_SYNC) != 0) {
    msg.ms_flags |= MSGF_DONE | MSGF_REPLY;
    wake_msg = (msg.ms_flags & MSGF_WAITING) != 0;
    msg.ms_flags &= ~MSGF_WAITING;
  } else {
    msg.ms_flags |= MSGF_REPLY;
    msgq_insert(port, msg);
    msg.ms_flags |= MSGF_DONE;
    wake_port = (port.mp_flags & MSGPORTF_WAITING) != 0;
    port.mp_flags &= ~MSGPORTF_WAITING;
  }
  spin_unlock_irq(lk);
  if (wake_msg) wakeup(addr(msg));
  if (wake_port) wakeup(addr(port));
}

function spin_dropmsg(port: LwktPort, msg: LwktMsg): u32 {
  const lk: Spinlock = spin_lock_of(port);
  let error: u32 = ENOENT;
  spin_lock_irq(lk);
  if ((msg.ms_flags & (MSGF_REPLY | MSGF_QUEUED)) == MSGF_QUEUED && msgq_remove(port, msg)) {
    msg.ms_flags |= MSGF_DONE;
    error = 0;
  }
  spin_unlock_irq(lk);
  return error;
}

export function lwkt_initport_spin(port: LwktPort): void {
  port_init(port);
  port.mp_spinlock.locked = 0;
  port.mp_getport = spin_getport;
  port.mp_putport = spin_putport;
  port.mp_waitmsg = spin_waitmsg;
  port.mp_waitport = spin_waitport;
  port.mp_replyport = spin_replyport;
  port.mp_dropmsg = spin_dropmsg;
}

// ---- special ports ----

function panic_getport(port: LwktPort): LwktMsg | null {
  panic("msgport: getport on a port that has no queue");
  return null;
}

function panic_putport(port: LwktPort, msg: LwktMsg): u32 {
  panic("msgport: putport on a reply-only or panic port");
  return 0;
}

function panic_waitmsg(msg: LwktMsg): u32 {
  panic("msgport: waitmsg on a port that cannot wait");
  return 0;
}

function panic_waitport(port: LwktPort): LwktMsg {
  panic("msgport: waitport on a port that has no queue");
  return cast<LwktMsg>(0);
}

function panic_replyport(port: LwktPort, msg: LwktMsg): void {
  panic("msgport: reply to a put-only or panic port");
}

function panic_dropmsg(port: LwktPort, msg: LwktMsg): u32 {
  panic("msgport: dropmsg on a port that has no queue");
  return 0;
}

function special_init(port: LwktPort): void {
  port_init(port);
  port.mp_getport = panic_getport;
  port.mp_putport = panic_putport;
  port.mp_waitmsg = panic_waitmsg;
  port.mp_waitport = panic_waitport;
  port.mp_replyport = panic_replyport;
  port.mp_dropmsg = panic_dropmsg;
}

/** A port with a custom putport only (e.g. run the handler in the sender's context). */
export function lwkt_initport_putonly(port: LwktPort, putfn: PutPortFn): void {
  special_init(port);
  port.mp_putport = putfn;
}

/** A reply port with a custom reply agent (e.g. free the message). */
export function lwkt_initport_replyonly(port: LwktPort, replyfn: ReplyPortFn): void {
  special_init(port);
  port.mp_replyport = replyfn;
}

function null_replyport(port: LwktPort, msg: LwktMsg): void {
  msg.ms_flags |= MSGF_DONE | MSGF_REPLY;
}

/** A reply port that just marks the message done. */
export function lwkt_initport_replyonly_null(port: LwktPort): void {
  special_init(port);
  port.mp_replyport = null_replyport;
}

/** Every agent panics (packets that must never be replied). */
export function lwkt_initport_panic(port: LwktPort): void {
  special_init(port);
}
