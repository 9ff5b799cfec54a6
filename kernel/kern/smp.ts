// smp.ts: finding the CPUs (ACPI MADT, else the MP table, else just this one) and starting
// the others with INIT, SIPI, SIPI (Intel MP spec B.4). INIT comes first because firmware may
// already have started the APs (SeaBIOS parks them in a hlt loop); INIT returns them to
// wait-for-SIPI wherever they are. APs start one at a time: each takes the stack and cpuid
// published in ap_boot_stack/ap_starting, and the BSP waits for it before the next.
import { apicinfo, apicinfo_reset, apicinfo_add_cpu, apicinfo_add_ioapic, APIC_DEFAULT_IOAPIC } from "../dev/apicinfo.ts";
import { ioapic_probe } from "../dev/ioapic.ts";
import { acpi_madt_parse } from "../dev/acpi.ts";
import { mp_parse } from "../dev/mp.ts";
import { lapic_id, lapic_send_init, lapic_send_startup } from "../dev/lapic.ts";
import { pit_delay_ms, pit_delay_us } from "../dev/pit.ts";
import { kprintf2 } from "../dev/kprintf.ts";
import { globaldata, Globaldata, ncpus, set_ncpus, MAXCPU } from "./globaldata.ts";
import { bootalloc } from "./bootalloc.ts";
import { ap_tramp_start, ap_tramp_end, ap_boot_stack, memcpy } from "./cpufunc.ts";


/** Where the real-mode trampoline is copied (a free page below 1 MiB; SIPI vector 0x08). */
const AP_TRAMPOLINE: u32 = 0x8000;
const IA32_APIC_BASE: u32 = 0x1b;
export const KSTACK_SIZE: u32 = 16384;
const AP_START_TIMEOUT_MS: u32 = 200;

/** The cpuid the AP now starting must take (read by ap_main). */
export let ap_starting: u32 = 0;
let smp_started: u32 = 0;

/**
 * Fill apicinfo: the ACPI MADT, else the MP table, else this CPU alone. `noacpi` on the
 * command line skips the MADT, so the MP-table path can be tested on machines that have both.
 */
export function smp_discover(use_acpi: bool): void {
  apicinfo_reset();
  if (use_acpi && acpi_madt_parse()) return;
  apicinfo_reset();
  if (mp_parse()) return;
  // No tables at all (v86 boots Multiboot kernels without a BIOS): this CPU alone, the LAPIC
  // where IA32_APIC_BASE says, and an IOAPIC only if one answers at the standard address.
  apicinfo_reset();
  apicinfo.lapic_addr = u32(rdmsr(IA32_APIC_BASE)) & 0xfffff000;
  apicinfo_add_cpu(mmio_read32(apicinfo.lapic_addr + 0x20) >>> 24);
  if (ioapic_probe(APIC_DEFAULT_IOAPIC)) apicinfo_add_ioapic(0, APIC_DEFAULT_IOAPIC, 0);
}

/** After lapic_init on the BSP: number the CPUs. */
export function smp_assign_cpuids(): void {
  const self: u32 = lapic_id();
  globaldata[0].gd_apicid = self;
  let n: u32 = 1;
  for (let i: u32 = 0; i < apicinfo.ncpu && n < MAXCPU; i++) {
    const id: u32 = apicinfo.cpu_apicid[i];
    if (id == self) continue;
    globaldata[n].gd_apicid = id;
    globaldata[n].gd_cpuid = n;
    n++;
  }
  set_ncpus(n);
}

function start_ap(cpu: u32): bool {
  const gd: Globaldata = globaldata[cpu];
  if (gd.gd_stack_top == 0) gd.gd_stack_top = bootalloc(KSTACK_SIZE) + KSTACK_SIZE;
  ap_boot_stack[0] = gd.gd_stack_top;
  ap_starting = cpu;
  barrier();
  lapic_send_init(gd.gd_apicid);
  pit_delay_ms(10);
  for (let attempt: u32 = 0; attempt < 2; attempt++) {
    lapic_send_startup(gd.gd_apicid, AP_TRAMPOLINE >>> 12);
    pit_delay_us(200);
    if (gd.gd_online != 0) return true;
  }
  for (let ms: u32 = 0; ms < AP_START_TIMEOUT_MS; ms++) {
    if (gd.gd_online != 0) return true;
    pit_delay_us(1000);
  }
  return gd.gd_online != 0;
}

/** Start every AP; returns how many came online. A CPU that never answers is reported. */
export function smp_start_aps(): u32 {
  if (ncpus <= 1) return 0;
  memcpy(AP_TRAMPOLINE, addressof(ap_tramp_start[0]), addressof(ap_tramp_end[0]) - addressof(ap_tramp_start[0]));
  // Warm-reset vector (40:67) and CMOS shutdown code 0xA: what an AP that takes INIT as a
  // reset on old hardware jumps through (MP spec B.4).
  outb(0x70, 0x0f);
  outb(0x71, 0x0a);
  store<u16>(0x467, 0);
  store<u16>(0x469, u16(AP_TRAMPOLINE >>> 4));
  let started: u32 = 0;
  for (let cpu: u32 = 1; cpu < ncpus; cpu++) {
    if (start_ap(cpu)) started++;
    else kprintf2("smp: cpu%u (LAPIC ID %u) did not start\n", cpu, globaldata[cpu].gd_apicid);
  }
  outb(0x70, 0x0f);
  outb(0x71, 0x00);
  smp_started = started;
  return started;
}
