// ACPI tables describing the CPUs and interrupt controllers (ACPI 6.4 §5.2: RSDP, RSDT, MADT),
// with the entries QEMU's `pc` machine publishes: one Processor Local APIC per CPU, the
// IOAPIC at GSI 0, the IRQ0 -> GSI 2 override, the level-triggered PCI IRQs 5, 9, 10, 11, and
// LINT1 as NMI on every processor.

import { TableBytes } from "./table-bytes.ts";

export const ACPI_OEM_ID = "DAMSEL";
export const ACPI_OEM_TABLE_ID = "DAMSELFY";

export interface PlatformDescription {
  cpus: number;
  lapicAddress: number;
  ioapicId: number;
  ioapicAddress: number;
}

/** The fields every ACPI table starts with (36 bytes); length and checksum are patched later. */
function sdtHeader(t: TableBytes, signature: string, revision: number): void {
  t.ascii(signature, 4).u32(0).u8(revision).u8(0).ascii(ACPI_OEM_ID, 6).ascii(ACPI_OEM_TABLE_ID, 8).u32(1).ascii("DMSF", 4).u32(1);
}

function finishSdt(t: TableBytes): Uint8Array {
  t.set32(4, t.length);
  t.checksum(9);
  return t.toUint8Array();
}

export function buildMadt(p: PlatformDescription): Uint8Array {
  const t = new TableBytes();
  sdtHeader(t, "APIC", 1);
  t.u32(p.lapicAddress).u32(1); // flags: PCAT_COMPAT (8259s present)
  for (let i = 0; i < p.cpus; i++) t.u8(0).u8(8).u8(i).u8(i).u32(1); // enabled
  t.u8(1).u8(12).u8(p.ioapicId).u8(0).u32(p.ioapicAddress).u32(0);
  t.u8(2).u8(10).u8(0).u8(0).u32(2).u16(0); // ISA IRQ0 -> GSI 2, bus-default polarity/trigger
  for (const irq of [5, 9, 10, 11]) t.u8(2).u8(10).u8(0).u8(irq).u32(irq).u16(0x000d); // level, active high
  t.u8(4).u8(6).u8(0xff).u16(0).u8(1); // LINT1 = NMI on all processors
  return finishSdt(t);
}

export function buildRsdt(tableAddresses: number[]): Uint8Array {
  const t = new TableBytes();
  sdtHeader(t, "RSDT", 1);
  for (const a of tableAddresses) t.u32(a);
  return finishSdt(t);
}

/** ACPI 1.0 Root System Description Pointer (20 bytes), to sit on a 16-byte boundary in 0xE0000-0xFFFFF. */
export function buildRsdp(rsdtAddress: number): Uint8Array {
  const t = new TableBytes();
  t.ascii("RSD PTR ", 8).u8(0).ascii(ACPI_OEM_ID, 6).u8(0).u32(rsdtAddress);
  t.checksum(8);
  return t.toUint8Array();
}
