// apicinfo.ts: what the firmware tables (ACPI MADT, else the MP table) say about the
// interrupt hardware: the CPUs' LAPIC IDs, the LAPIC and IOAPIC addresses, and how ISA IRQs
// map onto IOAPIC inputs. acpi.ts and mp.ts fill it; lapic.ts, ioapic.ts and smp.ts read it.

export const APIC_DEFAULT_LAPIC: u32 = 0xfee00000;
export const APIC_DEFAULT_IOAPIC: u32 = 0xfec00000;

export class ApicInfo {
  /** "acpi", "mp" or "none": which table was used. */
  source: usize = 0;
  lapic_addr: u32 = 0;
  ncpu: u32 = 0;
  /** LAPIC IDs of the enabled CPUs, in table order (the BSP may be anywhere in it). */
  cpu_apicid!: FixedArray<u32, 32>;
  /** CPUs listed beyond MAXCPU (not started). */
  ncpu_ignored: u32 = 0;
  ioapic_addr: u32 = 0;
  ioapic_id: u32 = 0;
  ioapic_gsi_base: u32 = 0;
  nioapic: u32 = 0;
  /** ISA IRQ -> GSI (identity unless an interrupt source override says otherwise). */
  isa_gsi!: FixedArray<u32, 16>;
  /** MPS INTI flags of the override (polarity bits 1:0, trigger bits 3:2); 0 = bus default. */
  isa_flags!: FixedArray<u32, 16>;
}

export let apicinfo: ApicInfo = new ApicInfo();

export function apicinfo_reset(): void {
  apicinfo.source = addr("none");
  apicinfo.lapic_addr = APIC_DEFAULT_LAPIC;
  apicinfo.ncpu = 0;
  apicinfo.ncpu_ignored = 0;
  apicinfo.ioapic_addr = 0;
  apicinfo.nioapic = 0;
  for (let i: u32 = 0; i < 16; i++) {
    apicinfo.isa_gsi[i] = i;
    apicinfo.isa_flags[i] = 0;
  }
}

/** Add an enabled CPU (duplicate IDs are ignored). */
export function apicinfo_add_cpu(apicid: u32): void {
  for (let i: u32 = 0; i < apicinfo.ncpu; i++) if (apicinfo.cpu_apicid[i] == apicid) return;
  if (apicinfo.ncpu >= 32) {
    apicinfo.ncpu_ignored++;
    return;
  }
  apicinfo.cpu_apicid[apicinfo.ncpu] = apicid;
  apicinfo.ncpu++;
}

/** The first IOAPIC only (QEMU, our machine and v86 have one). */
export function apicinfo_add_ioapic(id: u32, address: u32, gsi_base: u32): void {
  if (apicinfo.nioapic == 0) {
    apicinfo.ioapic_id = id;
    apicinfo.ioapic_addr = address;
    apicinfo.ioapic_gsi_base = gsi_base;
  }
  apicinfo.nioapic++;
}
