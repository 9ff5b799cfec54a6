// selftest.ts: the in-kernel test framework. Tests register a name and a function; with
// `selftest` on the command line kernel_main runs them all on the boot CPU (interrupts on,
// every CPU online) and reports in KTAP version 1 on COM1:
//   KTAP version 1
//   1..N
//   ok 1 smp.all_cpus_online
//   not ok 2 lapic.timer_calibrated # calibration window: expected >= 11931, got 0
// A test fails through the st_* checks, which record the first failed expectation (what was
// expected, what came back) and count the rest. Lines a test prints should start with "# ".
import { kprintf, kprintf1, kprintf2, kprintf3, ksnprintf4 } from "../dev/kprintf.ts";
import { pit_delay_us, pit_delay_ticks, PIT_HZ } from "../dev/pit.ts";

export type SelftestFn = () => void;

class Selftest {
  name: string | null = null;
  fn: SelftestFn | null = null;
}

const MAX_SELFTESTS: u32 = 256;
let selftests: FixedArray<Inline<Selftest>, 256> = [];
let nselftests: u32 = 0;

let cur_failures: u32 = 0;
/** Why the running test skipped itself (a C string), or 0. */
let cur_skip: usize = 0;
let cur_msg: FixedArray<u8, 160> = [];

/** Register a test; names are `subsystem.behaviour` (lwkt.*, ipiq.*, smp.*, ...). */
export function selftest_register(name: string, fn: SelftestFn): void {
  if (nselftests >= MAX_SELFTESTS) {
    kprintf1("# selftest: table full, %s not registered\n", addr(name));
    return;
  }
  selftests[nselftests].name = name;
  selftests[nselftests].fn = fn;
  nselftests++;
}

export function selftest_count(): u32 {
  return nselftests;
}

/** Count a failed check (its text was kept only if it is the test's first). */
function record(): void {
  cur_failures++;
}

/**
 * Mark the running test skipped (e.g. it needs two CPUs): KTAP "ok N name # SKIP reason".
 * A check that failed before still makes it "not ok".
 */
export function st_skip(reason: string): void {
  cur_skip = addr(reason);
}

/** Fail the running test with a fixed message. */
export function st_fail(msg: string): void {
  if (cur_failures == 0) ksnprintf4(addressof(cur_msg[0]), 160, "%s", addr(msg), 0, 0, 0);
  record();
}

/** Expect `cond`; the message says what should have held. Returns cond. */
export function st_expect(cond: bool, msg: string): bool {
  if (!cond) st_fail(msg);
  return cond;
}

/** Expect got == expected (unsigned). */
export function st_expect_eq(what: string, expected: u32, got: u32): bool {
  if (got == expected) return true;
  if (cur_failures == 0) ksnprintf4(addressof(cur_msg[0]), 160, "%s: expected %u, got %u", addr(what), expected, got, 0);
  record();
  return false;
}

/** Expect lo <= got <= hi (unsigned). */
export function st_expect_range(what: string, lo: u32, hi: u32, got: u32): bool {
  if (got >= lo && got <= hi) return true;
  if (cur_failures == 0) ksnprintf4(addressof(cur_msg[0]), 160, "%s: expected %u..%u, got %u", addr(what), lo, hi, got);
  record();
  return false;
}

/** Expect two C strings to be equal. */
export function st_expect_str(what: string, expected: usize, got: usize): bool {
  let i: u32 = 0;
  for (;;) {
    const a: u32 = load<u8>(expected + i);
    if (a != load<u8>(got + i)) break;
    if (a == 0) return true;
    i++;
  }
  if (cur_failures == 0) ksnprintf4(addressof(cur_msg[0]), 160, "%s: expected \"%s\", got \"%s\"", addr(what), expected, got, 0);
  record();
  return false;
}

/**
 * Wait until the u32 at `p` is at least `value`, polling the PIT clock for up to `timeout_ms`.
 * Returns whether it got there (deterministic on our machine: the PIT runs on virtual time).
 */
export function st_wait_u32_ge(p: Ptr<u32>, value: u32, timeout_ms: u32): bool {
  for (let t: u32 = 0; t < timeout_ms * 10; t++) {
    if (load<u32>(p) >= value) return true;
    pit_delay_us(100);
  }
  return load<u32>(p) >= value;
}

/**
 * Busy-wait at least `ms` (interrupts keep being served); returns the microseconds that
 * really passed by the PIT, which a loaded host running QEMU in real time can stretch.
 */
export function st_delay_ms(ms: u32): u32 {
  const ticks: u32 = pit_delay_ticks(ms * 1193 + ms / 5);
  return u32((u64(ticks) * 1000000n) / u64(PIT_HZ));
}

/** Run every registered test, print KTAP, return the number that failed. */
export function selftest_run_all(): u32 {
  let failed: u32 = 0;
  kprintf("KTAP version 1\n");
  kprintf1("1..%u\n", nselftests);
  for (let i: u32 = 0; i < nselftests; i++) {
    const t: Selftest = selftests[i];
    const name = t.name;
    const fn = t.fn;
    cur_failures = 0;
    cur_skip = 0;
    cur_msg[0] = 0;
    if (fn != null) fn();
    const nm: usize = name != null ? addr(name) : 0;
    if (cur_failures == 0 && cur_skip != 0) {
      kprintf3("ok %u %s # SKIP %s\n", i + 1, nm, cur_skip);
    } else if (cur_failures == 0) {
      kprintf2("ok %u %s\n", i + 1, nm);
    } else {
      failed++;
      kprintf3("not ok %u %s # %s", i + 1, nm, addressof(cur_msg[0]));
      if (cur_failures > 1) kprintf1(" (and %u more failed checks)", cur_failures - 1);
      kprintf("\n");
    }
  }
  kprintf2("# selftest: %u passed, %u failed\n", nselftests - failed, failed);
  return failed;
}
