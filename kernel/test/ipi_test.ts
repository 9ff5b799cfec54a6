// ipi_test.ts: fixed-vector IPIs reach the CPU they are sent to, and only it.
import { selftest_register, st_expect, st_expect_eq, st_wait_u32_ge, st_delay_ms } from "./selftest.ts";
import { globaldata, Globaldata, ncpus, mycpu } from "../kern/globaldata.ts";
import { ipi_send_cpu, lapic_send_ipi_all_but_self } from "../dev/lapic.ts";
import { IPI_TEST } from "../kern/trap.ts";

let snapshot: FixedArray<u32, 32> = [];

function take_snapshot(): void {
  for (let c: u32 = 0; c < ncpus; c++) snapshot[c] = globaldata[c].gd_ipi_test_received;
}

/** To each other CPU in turn (to itself on a one-CPU machine): exactly that CPU counts it. */
function test_fixed_vector_delivered(): void {
  const first: u32 = ncpus > 1 ? 1 : 0;
  for (let target: u32 = first; target < ncpus; target++) {
    take_snapshot();
    const gd: Globaldata = globaldata[target];
    ipi_send_cpu(target, IPI_TEST);
    const ok: bool = st_wait_u32_ge(addressof(gd.gd_ipi_test_received), snapshot[target] + 1, 100);
    st_expect(ok, "the target CPU took the IPI within 100 ms");
    st_expect_eq("vector seen by the target", IPI_TEST, gd.gd_ipi_test_last_vector);
    st_delay_ms(2);
    for (let c: u32 = 0; c < ncpus; c++) {
      st_expect_eq("IPIs counted per CPU", snapshot[c] + (c == target ? 1 : 0), globaldata[c].gd_ipi_test_received);
    }
  }
}

function test_all_but_self(): void {
  take_snapshot();
  const self: u32 = mycpu().gd_cpuid;
  lapic_send_ipi_all_but_self(IPI_TEST);
  for (let c: u32 = 0; c < ncpus; c++) {
    if (c == self) continue;
    st_expect(st_wait_u32_ge(addressof(globaldata[c].gd_ipi_test_received), snapshot[c] + 1, 100), "every other CPU took the broadcast");
  }
  st_delay_ms(2);
  st_expect_eq("the sender did not take its own broadcast", snapshot[self], globaldata[self].gd_ipi_test_received);
}

export function ipi_selftests(): void {
  selftest_register("ipi.fixed_vector_delivered", test_fixed_vector_delivered);
  selftest_register("ipi.all_but_self", test_all_but_self);
}
