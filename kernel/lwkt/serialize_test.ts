// serialize_test.ts: selftests of serializers (dragonfly.md §5).
import { selftest_register, st_expect, st_expect_eq } from "../test/selftest.ts";
import { mycpu, ncpus } from "../kern/globaldata.ts";
import { lwkt_create, TDPRI_KERN_DAEMON } from "./thread.ts";
import { tsleep } from "./sleep.ts";
import { lwkt_test_wait } from "./lwkt_test.ts";
import {
  LwktSerialize, lwkt_serialize_init, lwkt_serialize_enter, lwkt_serialize_exit, lwkt_serialize_try, lwkt_serialize_is_held,
  lwkt_serialize_adaptive_enter, lwkt_serialize_handler_disable, lwkt_serialize_handler_enable, lwkt_serialize_handler_call,
  serialize_catch_asserts, serialize_asserts_caught,
} from "./serialize.ts";

let slz: LwktSerialize = new LwktSerialize();
let sz_chan: u32 = 0;
let sz_holder_in: u32 = 0;
let sz_holder_out: u32 = 0;
let sz_waiter_got: u32 = 0;
let sz_order_ok: u32 = 0;

/** A nested enter from the holder asserts (the serializer is not recursive). */
function test_nested_enter_asserts(): void {
  lwkt_serialize_init(slz);
  lwkt_serialize_enter(slz);
  serialize_catch_asserts(true);
  lwkt_serialize_enter(slz);
  st_expect_eq("nested enter asserted", 1, serialize_asserts_caught());
  serialize_catch_asserts(false);
  lwkt_serialize_exit(slz);
  st_expect(!lwkt_serialize_is_held(slz), "free after one exit");
}

function sz_holder(arg: usize): void {
  lwkt_serialize_enter(slz);
  volatile_store<u32>(addressof(sz_holder_in), 1);
  tsleep(addressof(sz_chan), "szhold", 3); // blocks holding it
  volatile_store<u32>(addressof(sz_holder_out), 1);
  lwkt_serialize_exit(slz);
}

function sz_waiter(arg: usize): void {
  lwkt_serialize_adaptive_enter(slz);
  // The holder must have let go before we got it.
  sz_order_ok = volatile_load<u32>(addressof(sz_holder_out));
  volatile_store<u32>(addressof(sz_waiter_got), 1);
  lwkt_serialize_exit(slz);
}

/** A sleeping holder still holds the serializer; a waiter gets it only after the exit. */
function test_held_across_sleep(): void {
  lwkt_serialize_init(slz);
  sz_holder_in = 0;
  sz_holder_out = 0;
  sz_waiter_got = 0;
  sz_order_ok = 0;
  const other: u32 = ncpus > 1 ? 1 : mycpu().gd_cpuid;
  lwkt_create(sz_holder, 0, "t_szhold", mycpu().gd_cpuid, TDPRI_KERN_DAEMON - 1, true);
  st_expect(lwkt_test_wait(addressof(sz_holder_in), 1, 50), "holder entered");
  st_expect(!lwkt_serialize_try(slz), "held while its holder sleeps");
  lwkt_create(sz_waiter, 0, "t_szwait", other, TDPRI_KERN_DAEMON - 1, true);
  st_expect(lwkt_test_wait(addressof(sz_waiter_got), 1, 100), "the waiter got it eventually");
  st_expect_eq("only after the holder's exit", 1, sz_order_ok);
  st_expect(!lwkt_serialize_is_held(slz), "free at the end");
  st_expect_eq("no waiters left", 0, slz.interlock);
}

let sz_calls: u32 = 0;
function sz_handler(arg: usize): void {
  sz_calls += u32(arg);
}

/** handler_call does nothing while the handler is disabled. */
function test_handler_disabled(): void {
  lwkt_serialize_init(slz);
  sz_calls = 0;
  st_expect(lwkt_serialize_handler_call(slz, sz_handler, 1), "runs when enabled");
  lwkt_serialize_handler_disable(slz);
  st_expect(!lwkt_serialize_handler_call(slz, sz_handler, 10), "not run while disabled");
  st_expect_eq("handler calls", 1, sz_calls);
  lwkt_serialize_handler_enable(slz);
  st_expect(lwkt_serialize_handler_call(slz, sz_handler, 100), "runs again once enabled");
  st_expect_eq("handler calls", 101, sz_calls);
  st_expect(!lwkt_serialize_is_held(slz), "not left held");
}

export function serialize_selftests(): void {
  selftest_register("serializer.nested_enter_asserts", test_nested_enter_asserts);
  selftest_register("serializer.held_across_sleep", test_held_across_sleep);
  selftest_register("serializer.handler_call_disabled", test_handler_disabled);
}
