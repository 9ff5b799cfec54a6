// slab_cleanup_test.ts: slab_cleanup runs from a 10 s callout on every CPU (kernel/mm/slab.ts),
// in that CPU's softclock thread, whether or not the CPU ever allocates. Registered last: by
// then most of the 10 s since boot have passed, so the wait is short.
import { selftest_register, st_expect, st_expect_eq } from "./selftest.ts";
import { kprintf2 } from "../dev/kprintf.ts";
import { globaldata, mycpu, ncpus } from "../kern/globaldata.ts";
import { HZ } from "../dev/lapic.ts";
import { slab_gd, slab_cleanup_callout_of } from "../mm/slab.ts";
import { Callout, callout_pending, callout_cpuid } from "../lwkt/callout.ts";
import { tsleep } from "../lwkt/sleep.ts";
import { cmdline_has } from "../kern/multiboot.ts";

let sc_chan: u32 = 0;

/**
 * Every CPU's cleanup callout ran at least once within 10 s (+1 s) of the boot CPU's ticks,
 * and re-armed. With timer_slack (QEMU, v86: another CPU's hardclock may skip periods that
 * a stalled host delayed by over 100 ms, so its ticks lag) the wait may go on to 30 s.
 */
function test_cleanup_from_callout(): void {
  // Each CPU armed its callout at bring-up, a few ticks after the boot CPU's first tick.
  const limit: u32 = (cmdline_has("timer_slack") ? 30 : 11) * HZ;
  for (;;) {
    let all: bool = true;
    for (let c: u32 = 0; c < ncpus; c++) if (slab_gd[c].sg_cleanup_callouts == 0) all = false;
    if (all || mycpu().gd_ticks >= limit) break;
    tsleep(addressof(sc_chan), "slabcln", 10);
  }
  for (let c: u32 = 0; c < ncpus; c++) {
    st_expect(slab_gd[c].sg_cleanup_callouts > 0, "every CPU's cleanup callout ran (by 11 s of ticks; 30 s with timer_slack)");
    const co: Callout = slab_cleanup_callout_of(c);
    st_expect(callout_pending(co), "re-armed (pending) after running");
    st_expect_eq("owned by its CPU", c, callout_cpuid(co));
  }
  kprintf2("# slab: cleanup callout ran %u times on CPU0 by tick %u\n", slab_gd[0].sg_cleanup_callouts, globaldata[0].gd_ticks);
}

export function slab_cleanup_selftests(): void {
  selftest_register("slab.cleanup_from_callout_every_cpu", test_cleanup_from_callout);
}
