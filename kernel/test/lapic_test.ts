// lapic_test.ts: the LAPIC timer is calibrated against the PIT and ticks at HZ on every CPU.
import { selftest_register, st_expect, st_expect_range, st_delay_ms } from "./selftest.ts";
import { lapic_timer_per_ms, lapic_calib_pit_ticks, lapic_timer_measure, HZ } from "../dev/lapic.ts";
import { globaldata, ncpus } from "../kern/globaldata.ts";

/**
 * Calibration covered at least its 10 ms PIT window, and a second, independent measurement
 * of the running timer against the PIT agrees with the calibrated rate within 10 %.
 */
function test_timer_calibrated(): void {
  st_expect(lapic_calib_pit_ticks >= 11931, "the calibration window lasted at least 10 ms of PIT");
  st_expect(lapic_timer_per_ms > 0, "a non-zero LAPIC timer rate");
  const again: u32 = lapic_timer_measure();
  st_expect_range("re-measured LAPIC counts per ms", lapic_timer_per_ms - lapic_timer_per_ms / 10, lapic_timer_per_ms + lapic_timer_per_ms / 10, again);
}

let before: FixedArray<u32, 32> = [];

/** Over a PIT-timed interval every CPU takes HZ ticks per second, give or take two. */
function test_timer_ticks(): void {
  for (let c: u32 = 0; c < ncpus; c++) before[c] = globaldata[c].gd_ticks;
  const us: u32 = st_delay_ms(100);
  const expected: u32 = us / (1000000 / HZ);
  for (let c: u32 = 0; c < ncpus; c++) {
    st_expect_range("timer ticks in the PIT-timed interval", expected >= 2 ? expected - 2 : 0, expected + 2, globaldata[c].gd_ticks - before[c]);
  }
}

export function lapic_selftests(): void {
  selftest_register("lapic.timer_calibrated", test_timer_calibrated);
  selftest_register("lapic.timer_ticks_every_cpu", test_timer_ticks);
}
