// serialize.ts: serializers (DragonFly's lwkt_serialize.c): a non-recursive exclusive lock
// that, unlike a token, stays held while its holder blocks. The state is one word:
// bit31 held, bit30 handler disabled, the low bits the number of sleeping waiters.
// Drivers use it with handler_disable/handler_call to gate their interrupt handlers.
import { panic } from "../kern/panic.ts";
import { Thread } from "./thread.ts";
import { curthread } from "./crit.ts";
import { tsleep_interlock, tsleep_commit, tsleep_cancel, wakeup } from "./sleep.ts";

export const SLZ_HELD: u32 = 0x80000000;
export const SLZ_HDISABLED: u32 = 0x40000000;
export const SLZ_WAITMASK: u32 = 0x3fffffff;
/** ~SLZ_HELD written out: tsk folds ~ of the constant 0x80000000 to -2147483649 (a tsk gap). */
const SLZ_NOT_HELD: u32 = 0x7fffffff;
const SLZ_ADAPTIVE_SPINS: u32 = 4096;

export class LwktSerialize {
  interlock: u32 = 0;
  /** The holder (for the nested-enter assertion and debugging). */
  last_td: usize = 0;
}

export type SerializeHandler = (arg: usize) => void;

let slz_catch: u32 = 0;
let slz_caught: u32 = 0;

/** Selftests: count a failed assertion instead of panicking. */
export function serialize_catch_asserts(on: bool): void {
  slz_catch = on ? 1 : 0;
  slz_caught = 0;
}

export function serialize_asserts_caught(): u32 {
  return slz_caught;
}

function slz_assert(cond: bool, what: string): bool {
  if (cond) return true;
  if (slz_catch != 0) {
    slz_caught++;
    return false;
  }
  panic(what);
  return false;
}

export function lwkt_serialize_init(s: LwktSerialize): void {
  s.interlock = 0;
  s.last_td = 0;
}

function try_take(s: LwktSerialize, td: Thread): bool {
  const v: u32 = volatile_load<u32>(addressof(s.interlock));
  if ((v & SLZ_HELD) != 0) return false;
  if (cmpxchg(addressof(s.interlock), v, v | SLZ_HELD) != v) return false;
  s.last_td = addr(td);
  return true;
}

export function lwkt_serialize_try(s: LwktSerialize): bool {
  return try_take(s, curthread());
}

/** Sleep until the serializer is ours. The sleep is interlocked so an exit cannot be missed. */
function enter_slow(s: LwktSerialize, td: Thread): void {
  for (;;) {
    if (try_take(s, td)) return;
    tsleep_interlock(addr(s), "slzwait", 0);
    // Count ourselves as a waiter only while it is still held: exit then wakes us.
    const v: u32 = volatile_load<u32>(addressof(s.interlock));
    if ((v & SLZ_HELD) == 0 || cmpxchg(addressof(s.interlock), v, v + 1) != v) {
      tsleep_cancel();
      continue;
    }
    tsleep_commit();
    xadd(addressof(s.interlock), 0xffffffff); // one waiter less
  }
}

/** Acquire; sleeps while another thread holds it. Entering twice from one thread asserts. */
export function lwkt_serialize_enter(s: LwktSerialize): void {
  const td: Thread = curthread();
  const v: u32 = volatile_load<u32>(addressof(s.interlock));
  if (!slz_assert((v & SLZ_HELD) == 0 || s.last_td != addr(td), "lwkt_serialize_enter: already held by this thread")) return;
  enter_slow(s, td);
}

/** Spin a while before sleeping (short hold times). */
export function lwkt_serialize_adaptive_enter(s: LwktSerialize): void {
  const td: Thread = curthread();
  const v: u32 = volatile_load<u32>(addressof(s.interlock));
  if (!slz_assert((v & SLZ_HELD) == 0 || s.last_td != addr(td), "lwkt_serialize_enter: already held by this thread")) return;
  for (let i: u32 = 0; i < SLZ_ADAPTIVE_SPINS; i++) {
    if (try_take(s, td)) return;
    pause();
  }
  enter_slow(s, td);
}

export function lwkt_serialize_exit(s: LwktSerialize): void {
  const td: Thread = curthread();
  if (!slz_assert((volatile_load<u32>(addressof(s.interlock)) & SLZ_HELD) != 0 && s.last_td == addr(td), "lwkt_serialize_exit: not the holder")) return;
  s.last_td = 0;
  let v: u32 = 0;
  for (;;) {
    v = volatile_load<u32>(addressof(s.interlock));
    if (cmpxchg(addressof(s.interlock), v, v & SLZ_NOT_HELD) == v) break;
  }
  if ((v & SLZ_WAITMASK) != 0) wakeup(addr(s));
}

export function lwkt_serialize_is_held(s: LwktSerialize): bool {
  return (volatile_load<u32>(addressof(s.interlock)) & SLZ_HELD) != 0;
}

function set_bits(s: LwktSerialize, set: u32, clear: u32): void {
  for (;;) {
    const v: u32 = volatile_load<u32>(addressof(s.interlock));
    if (cmpxchg(addressof(s.interlock), v, (v | set) & ~clear) == v) return;
  }
}

/** Stop handler_call from running the handler (taken under the serializer, as drivers do). */
export function lwkt_serialize_handler_disable(s: LwktSerialize): void {
  set_bits(s, SLZ_HDISABLED, 0);
}

export function lwkt_serialize_handler_enable(s: LwktSerialize): void {
  set_bits(s, 0, SLZ_HDISABLED);
}

/** Run fn(arg) under the serializer unless the handler is disabled. Returns whether it ran. */
export function lwkt_serialize_handler_call(s: LwktSerialize, fn: SerializeHandler, arg: usize): bool {
  if ((volatile_load<u32>(addressof(s.interlock)) & SLZ_HDISABLED) != 0) return false;
  lwkt_serialize_enter(s);
  const run: bool = (volatile_load<u32>(addressof(s.interlock)) & SLZ_HDISABLED) == 0;
  if (run) fn(arg);
  lwkt_serialize_exit(s);
  return run;
}
