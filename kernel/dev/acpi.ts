// acpi.ts: finds the ACPI MADT ("APIC" table) and records the CPUs and the IOAPIC from it.
// ACPI 6.x §5.2.5 (RSDP search: first KiB of the EBDA, then 0xE0000-0xFFFFF on 16-byte
// boundaries), §5.2.7/5.2.8 (RSDT/XSDT), §5.2.12 (MADT entry types). Tables are read
// in place: physical memory is identity-mapped.
import { apicinfo, apicinfo_add_cpu, apicinfo_add_ioapic } from "./apicinfo.ts";

const MADT_LAPIC: u32 = 0;
const MADT_IOAPIC: u32 = 1;
const MADT_ISO: u32 = 2; // interrupt source override
const MADT_LAPIC_ADDR_OVERRIDE: u32 = 5;
const MADT_X2APIC: u32 = 9;
const MADT_LAPIC_ENABLED: u32 = 1;
const MADT_LAPIC_ONLINE_CAPABLE: u32 = 2;

function checksum_ok(p: usize, len: u32): bool {
  let sum: u32 = 0;
  for (let i: u32 = 0; i < len; i++) sum += load<u8>(p + i);
  return (sum & 0xff) == 0;
}

/** Does memory at p hold the ASCII signature `sig` (len bytes)? */
export function sig_matches(p: usize, sig: string, len: u32): bool {
  const s: usize = addr(sig);
  for (let i: u32 = 0; i < len; i++) if (load<u8>(p + i) != load<u8>(s + i)) return false;
  return true;
}

function rsdp_scan(start: usize, len: u32): usize {
  for (let off: u32 = 0; off + 20 <= len; off += 16) {
    const p: usize = start + off;
    if (sig_matches(p, "RSD PTR ", 8) && checksum_ok(p, 20)) return p;
  }
  return 0;
}

export function acpi_find_rsdp(): usize {
  const ebda: usize = load<u16>(0x40e) << 4;
  if (ebda >= 0x80000 && ebda < 0xa0000) {
    const p: usize = rsdp_scan(ebda, 1024);
    if (p != 0) return p;
  }
  return rsdp_scan(0xe0000, 0x20000);
}

/** The address of the table with signature `sig` listed by the RSDT/XSDT, or 0. */
export function acpi_find_table(rsdp: usize, sig: string): usize {
  const revision: u32 = load<u8>(rsdp + 15);
  let root: usize = load<u32>(rsdp + 16);
  let entry_size: u32 = 4;
  if (revision >= 2 && load<u32>(rsdp + 28) == 0 && load<u32>(rsdp + 24) != 0) {
    root = load<u32>(rsdp + 24); // XSDT below 4 GiB
    entry_size = 8;
  }
  if (root == 0) return 0;
  const len: u32 = load<u32>(root + 4);
  if (len < 36 || len > 0x10000 || !checksum_ok(root, len)) return 0;
  for (let off: u32 = 36; off + entry_size <= len; off += entry_size) {
    if (entry_size == 8 && load<u32>(root + off + 4) != 0) continue;
    const t: usize = load<u32>(root + off);
    if (t != 0 && sig_matches(t, sig, 4)) {
      const tlen: u32 = load<u32>(t + 4);
      if (tlen >= 36 && tlen <= 0x10000 && checksum_ok(t, tlen)) return t;
    }
  }
  return 0;
}

/** Fill apicinfo from the MADT. Returns false if there is no valid MADT. */
export function acpi_madt_parse(): bool {
  const rsdp: usize = acpi_find_rsdp();
  if (rsdp == 0) return false;
  const madt: usize = acpi_find_table(rsdp, "APIC");
  if (madt == 0) return false;
  const len: u32 = load<u32>(madt + 4);
  apicinfo.lapic_addr = load<u32>(madt + 36);
  let off: u32 = 44;
  while (off + 2 <= len) {
    const p: usize = madt + off;
    const type: u32 = load<u8>(p);
    const elen: u32 = load<u8>(p + 1);
    if (elen < 2 || off + elen > len) break;
    switch (type) {
      case MADT_LAPIC: {
        // Only ENABLED CPUs run; "online capable" ones are hot-plug slots, not started here.
        const flags: u32 = load<u32>(p + 4);
        if ((flags & MADT_LAPIC_ENABLED) != 0) apicinfo_add_cpu(load<u8>(p + 3));
        break;
      }
      case MADT_IOAPIC:
        apicinfo_add_ioapic(load<u8>(p + 2), load<u32>(p + 4), load<u32>(p + 8));
        break;
      case MADT_ISO: {
        const irq: u32 = load<u8>(p + 3);
        if (load<u8>(p + 2) == 0 && irq < 16) { // bus 0 = ISA
          apicinfo.isa_gsi[irq] = load<u32>(p + 4);
          apicinfo.isa_flags[irq] = load<u16>(p + 8);
        }
        break;
      }
      case MADT_LAPIC_ADDR_OVERRIDE:
        if (load<u32>(p + 8) == 0) apicinfo.lapic_addr = load<u32>(p + 4);
        break;
      case MADT_X2APIC: {
        // An x2APIC ID that fits in 8 bits is reachable in xAPIC mode too.
        const id: u32 = load<u32>(p + 4);
        if ((load<u32>(p + 8) & MADT_LAPIC_ENABLED) != 0 && id < 255) apicinfo_add_cpu(id);
        break;
      }
      default:
        break;
    }
    off += elen;
  }
  if (apicinfo.ncpu == 0) return false;
  apicinfo.source = addr("acpi");
  return true;
}

export const MADT_ONLINE_CAPABLE_FLAG: u32 = MADT_LAPIC_ONLINE_CAPABLE;
