// Intel MultiProcessor Specification 1.4 tables (chapter 4): the floating pointer structure
// and the configuration table with processor, bus, I/O APIC, I/O interrupt and local
// interrupt entries — what kernels that predate ACPI (xv6's mp.c) read to find CPUs.

import type { PlatformDescription } from "./acpi.ts";
import { TableBytes } from "./table-bytes.ts";

/** CPUID signature and feature flags the processor entries advertise (family 6, FPU, APIC). */
const CPU_SIGNATURE = 0x00000600;
const CPU_FEATURES = 0x00000201;
const LAPIC_VERSION = 0x14;
const IOAPIC_VERSION = 0x11;

export function buildMpFloatingPointer(configTableAddress: number): Uint8Array {
  const t = new TableBytes();
  t.ascii("_MP_", 4).u32(configTableAddress).u8(1).u8(4).u8(0).u8(0).u32(0);
  t.checksum(10);
  return t.toUint8Array();
}

export function buildMpConfigTable(p: PlatformDescription): Uint8Array {
  const t = new TableBytes();
  t.ascii("PCMP", 4).u16(0).u8(4).u8(0).ascii("DAMSEL", 8).ascii("DAMSELFLY", 12).u32(0).u16(0).u16(0);
  t.u32(p.lapicAddress).u16(0).u8(0).u8(0);
  let entries = 0;
  for (let i = 0; i < p.cpus; i++, entries++) {
    t.u8(0).u8(i).u8(LAPIC_VERSION).u8(i === 0 ? 3 : 1).u32(CPU_SIGNATURE).u32(CPU_FEATURES).u32(0).u32(0);
  }
  const PCI_BUS = 0, ISA_BUS = 1;
  t.u8(1).u8(PCI_BUS).ascii("PCI", 6); entries++;
  t.u8(1).u8(ISA_BUS).ascii("ISA", 6); entries++;
  t.u8(2).u8(p.ioapicId).u8(IOAPIC_VERSION).u8(1).u32(p.ioapicAddress); entries++;
  // ISA IRQs on the IOAPIC: IRQ0 on pin 2, the rest identity; IRQ2 is the 8259 cascade.
  for (let irq = 0; irq < 16; irq++, entries++) {
    if (irq === 2) {
      t.u8(3).u8(3).u16(0).u8(ISA_BUS).u8(0).u8(p.ioapicId).u8(0); // ExtINT on pin 0
      continue;
    }
    t.u8(3).u8(0).u16(0).u8(ISA_BUS).u8(irq).u8(p.ioapicId).u8(irq === 0 ? 2 : irq);
  }
  t.u8(4).u8(3).u16(0).u8(ISA_BUS).u8(0).u8(0xff).u8(0); entries++; // ExtINT -> LINT0
  t.u8(4).u8(1).u16(0).u8(ISA_BUS).u8(0).u8(0xff).u8(1); entries++; // NMI -> LINT1
  t.set16(4, t.length);
  t.set16(34, entries);
  t.checksum(7);
  return t.toUint8Array();
}
