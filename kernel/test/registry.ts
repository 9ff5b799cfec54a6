// registry.ts: the one list of selftest groups. To add tests: write kernel/<area>/…_test.ts
// (or kernel/test/<area>_test.ts) with an `export function <area>_selftests(): void` that
// calls selftest_register("<area>.<behaviour>", fn) for each test, and add one call here.
// Order is run order; keep the platform groups first (later groups rely on them).
import { boot_selftests } from "./boot_test.ts";
import { smp_selftests } from "./smp_test.ts";
import { lapic_selftests } from "./lapic_test.ts";
import { ipi_selftests } from "./ipi_test.ts";
import { mm_vm_selftests } from "./mm_vm_test.ts";
import { slab_selftests } from "./slab_test.ts";
import { slab_stress_selftests } from "./slab_stress_test.ts";
import { pmap_selftests } from "./pmap_test.ts";
import { slab_bench_selftests } from "./slab_bench_test.ts";
import { lwkt_selftests } from "../lwkt/lwkt_test.ts";
import { ipiq_selftests } from "../lwkt/ipiq_test.ts";
import { cpusync_selftests } from "../lwkt/cpusync_test.ts";
import { msgport_selftests } from "../lwkt/msgport_test.ts";
import { token_selftests } from "../lwkt/token_test.ts";
import { serialize_selftests } from "../lwkt/serialize_test.ts";
import { lwkt_bench_selftests } from "../lwkt/lwkt_bench_test.ts";
import { systimer_selftests } from "../lwkt/systimer_test.ts";
import { callout_selftests } from "../lwkt/callout_test.ts";
import { slab_cleanup_selftests } from "./slab_cleanup_test.ts";
import { ithread_selftests } from "../lwkt/ithread_test.ts";

export function selftests_register_all(): void {
  boot_selftests();
  smp_selftests();
  lapic_selftests();
  ipi_selftests();
  mm_vm_selftests();
  slab_selftests();
  slab_stress_selftests();
  pmap_selftests();
  slab_bench_selftests();
  lwkt_selftests();
  ithread_selftests();
  ipiq_selftests();
  cpusync_selftests();
  msgport_selftests();
  token_selftests();
  serialize_selftests();
  systimer_selftests();
  callout_selftests();
  lwkt_bench_selftests();
  slab_cleanup_selftests(); // last: waits for the 10 s callout
}
