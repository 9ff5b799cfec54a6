// smp_test.ts: every CPU the tables list came up, knows who it is, and has its own per-CPU data.
import { selftest_register, st_expect, st_expect_eq } from "./selftest.ts";
import { globaldata, Globaldata, ncpus, ncpus_online, mycpu } from "../kern/globaldata.ts";
import { apicinfo } from "../dev/apicinfo.ts";

function test_all_cpus_online(): void {
  st_expect_eq("CPUs listed by the firmware tables", apicinfo.ncpu, ncpus);
  st_expect_eq("CPUs online", ncpus, ncpus_online);
  for (let c: u32 = 0; c < ncpus; c++) st_expect_eq("gd_online", 1, globaldata[c].gd_online);
}

function test_apic_ids(): void {
  for (let c: u32 = 0; c < ncpus; c++) {
    const gd: Globaldata = globaldata[c];
    st_expect_eq("LAPIC ID the CPU read itself", gd.gd_apicid, gd.gd_lapic_id_seen);
    for (let d: u32 = 0; d < c; d++) st_expect(globaldata[d].gd_apicid != gd.gd_apicid, "LAPIC IDs are distinct");
  }
}

function test_percpu(): void {
  st_expect_eq("mycpu() on the boot CPU", 0, mycpu().gd_cpuid);
  for (let c: u32 = 0; c < ncpus; c++) {
    const gd: Globaldata = globaldata[c];
    st_expect_eq("cpuid seen through %fs at bring-up", c, gd.gd_cpuid_seen);
    st_expect(gd.gd_percpu_base != 0, "per-CPU copy allocated");
    st_expect_eq("per-CPU self pointer", gd.gd_percpu_base, load<u32>(gd.gd_percpu_base));
    for (let d: u32 = 0; d < c; d++) st_expect(globaldata[d].gd_percpu_base != gd.gd_percpu_base, "per-CPU copies are distinct");
  }
}

export function smp_selftests(): void {
  selftest_register("smp.all_cpus_online", test_all_cpus_online);
  selftest_register("smp.apic_ids_match", test_apic_ids);
  selftest_register("percpu.own_copy_per_cpu", test_percpu);
}
