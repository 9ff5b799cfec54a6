// mp.ts: the Intel MultiProcessor Specification 1.4 tables, the fallback when there is no
// MADT. Floating pointer "_MP_" in the first KiB of the EBDA, the last KiB of base memory,
// or the BIOS ROM 0xF0000-0xFFFFF; it points at the "PCMP" configuration table, whose
// entries give the processors (type 0, 20 bytes), buses (type 1), IOAPICs (type 2) and how
// ISA IRQs reach IOAPIC inputs (type 3), 8 bytes each.
import { apicinfo, apicinfo_add_cpu, apicinfo_add_ioapic } from "./apicinfo.ts";
import { sig_matches } from "./acpi.ts";

const MP_PROC: u32 = 0;
const MP_BUS: u32 = 1;
const MP_IOAPIC: u32 = 2;
const MP_IOINTR: u32 = 3;
const MP_LINTR: u32 = 4;
const MP_PROC_ENABLED: u32 = 1;
const MP_INT_VECTORED: u32 = 0; // I/O interrupt entry type INT (not NMI/SMI/ExtINT)

function sum8(p: usize, len: u32): u32 {
  let s: u32 = 0;
  for (let i: u32 = 0; i < len; i++) s += load<u8>(p + i);
  return s & 0xff;
}

function mp_scan(start: usize, len: u32): usize {
  for (let off: u32 = 0; off + 16 <= len; off += 16) {
    const p: usize = start + off;
    if (sig_matches(p, "_MP_", 4) && sum8(p, 16) == 0) return p;
  }
  return 0;
}

export function mp_find(): usize {
  const ebda: usize = load<u16>(0x40e) << 4;
  if (ebda >= 0x80000 && ebda < 0xa0000) {
    const p: usize = mp_scan(ebda, 1024);
    if (p != 0) return p;
  }
  const basekb: u32 = load<u16>(0x413);
  if (basekb >= 512 && basekb <= 640) {
    const p: usize = mp_scan(basekb * 1024 - 1024, 1024);
    if (p != 0) return p;
  }
  return mp_scan(0xf0000, 0x10000);
}

/** Fill apicinfo from the MP configuration table. Returns false if there is none. */
export function mp_parse(): bool {
  const fp: usize = mp_find();
  if (fp == 0) return false;
  const conf: usize = load<u32>(fp + 4);
  if (conf == 0 || !sig_matches(conf, "PCMP", 4)) return false;
  const len: u32 = load<u16>(conf + 4);
  const version: u32 = load<u8>(conf + 6);
  if ((version != 1 && version != 4) || sum8(conf, len) != 0) return false;
  apicinfo.lapic_addr = load<u32>(conf + 36);
  const count: u32 = load<u16>(conf + 34);
  let isa_bus_mask: u32 = 0;
  let p: usize = conf + 44;
  const end: usize = conf + len;
  for (let i: u32 = 0; i < count && p < end; i++) {
    const type: u32 = load<u8>(p);
    if (type == MP_PROC) {
      if ((load<u8>(p + 3) & MP_PROC_ENABLED) != 0) apicinfo_add_cpu(load<u8>(p + 1));
      p += 20;
    } else if (type == MP_IOAPIC) {
      if ((load<u8>(p + 3) & 1) != 0) apicinfo_add_ioapic(load<u8>(p + 1), load<u32>(p + 4), 0);
      p += 8;
    } else if (type == MP_BUS) {
      if (sig_matches(p + 2, "ISA", 3) && load<u8>(p + 1) < 32) isa_bus_mask |= 1 << load<u8>(p + 1);
      p += 8;
    } else if (type == MP_IOINTR) {
      // An ISA IRQ wired to an IOAPIC input other than its own number (QEMU: IRQ 0 -> INTIN 2).
      // Bus entries come before interrupt entries (MP spec 4.3), so the ISA bus is known here.
      const bus: u32 = load<u8>(p + 4);
      const irq: u32 = load<u8>(p + 5);
      if (load<u8>(p + 1) == MP_INT_VECTORED && bus < 32 && (isa_bus_mask & (1 << bus)) != 0 && irq < 16) {
        apicinfo.isa_gsi[irq] = load<u8>(p + 7);
        apicinfo.isa_flags[irq] = load<u16>(p + 2);
      }
      p += 8;
    } else if (type == MP_LINTR) {
      p += 8;
    } else {
      break; // unknown entry: its length is unknown, stop rather than misparse
    }
  }
  if (apicinfo.ncpu == 0) return false;
  apicinfo.source = addr("mp");
  // IMCR present: route the 8259 away from the BSP's LINT0 to the APIC (MP spec §3.6.2.1).
  if ((load<u8>(fp + 12) & 0x80) != 0) {
    outb(0x22, 0x70);
    outb(0x23, inb(0x23) | 1);
  }
  return true;
}
