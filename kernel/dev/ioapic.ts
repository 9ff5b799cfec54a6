// ioapic.ts: the I/O APIC: routes device interrupt inputs (GSIs) to a vector on a CPU.
// Registers are reached through IOREGSEL (+0x00) and IOWIN (+0x10); redirection entry n is
// registers 0x10+2n (low: vector, mode, polarity, trigger, mask) and 0x11+2n (destination
// in bits 31:24). 82093AA data sheet §3.2.
import { apicinfo } from "./apicinfo.ts";

const IOAPIC_REGSEL: u32 = 0x00;
const IOAPIC_WIN: u32 = 0x10;
const IOAPIC_VER: u32 = 0x01;
const IOAPIC_REDTBL: u32 = 0x10;
const RED_MASKED: u32 = 0x10000;
const RED_LEVEL: u32 = 0x8000;
const RED_ACTIVE_LOW: u32 = 0x2000;

let ioapic_base: u32 = 0;
let ioapic_pins: u32 = 0;

function ioapic_read(reg: u32): u32 {
  mmio_write32(ioapic_base + IOAPIC_REGSEL, reg);
  return mmio_read32(ioapic_base + IOAPIC_WIN);
}

function ioapic_write(reg: u32, value: u32): void {
  mmio_write32(ioapic_base + IOAPIC_REGSEL, reg);
  mmio_write32(ioapic_base + IOAPIC_WIN, value);
}

/** Is there an IOAPIC at `base`? (Its version register reads as neither 0 nor all-ones.) */
export function ioapic_probe(base: u32): bool {
  mmio_write32(base + IOAPIC_REGSEL, IOAPIC_VER);
  const v: u32 = mmio_read32(base + IOAPIC_WIN);
  return v != 0 && v != 0xffffffff && (v & 0xff) >= 0x10;
}

/** Mask every input. Returns false when the tables listed no IOAPIC. */
export function ioapic_init(): bool {
  if (apicinfo.nioapic == 0) return false;
  ioapic_base = apicinfo.ioapic_addr;
  ioapic_pins = ((ioapic_read(IOAPIC_VER) >>> 16) & 0xff) + 1;
  for (let i: u32 = 0; i < ioapic_pins; i++) {
    ioapic_write(IOAPIC_REDTBL + 2 * i, RED_MASKED);
    ioapic_write(IOAPIC_REDTBL + 2 * i + 1, 0);
  }
  return true;
}

export function ioapic_npins(): u32 {
  return ioapic_pins;
}

export function ioapic_version(): u32 {
  return ioapic_base == 0 ? 0 : ioapic_read(IOAPIC_VER);
}

/**
 * Route ISA IRQ `irq` to `vector` on the CPU with LAPIC ID `apicid`, following the MADT's
 * interrupt source overrides (ISA default: edge, active high). Returns the GSI used.
 */
export function ioapic_route_isa(irq: u32, vector: u32, apicid: u32): u32 {
  const gsi: u32 = apicinfo.isa_gsi[irq];
  const flags: u32 = apicinfo.isa_flags[irq];
  let low: u32 = vector & 0xff;
  if ((flags & 3) == 3) low |= RED_ACTIVE_LOW;
  if (((flags >>> 2) & 3) == 3) low |= RED_LEVEL;
  const pin: u32 = gsi - apicinfo.ioapic_gsi_base;
  if (ioapic_base == 0 || pin >= ioapic_pins) return 0xffffffff;
  ioapic_write(IOAPIC_REDTBL + 2 * pin + 1, apicid << 24);
  ioapic_write(IOAPIC_REDTBL + 2 * pin, low);
  return gsi;
}

/** Mask or unmask the input that ISA IRQ `irq` arrives on (after ioapic_route_isa). */
export function ioapic_mask_isa(irq: u32, masked: bool): void {
  const pin: u32 = apicinfo.isa_gsi[irq] - apicinfo.ioapic_gsi_base;
  if (ioapic_base == 0 || pin >= ioapic_pins) return;
  const low: u32 = ioapic_read(IOAPIC_REDTBL + 2 * pin);
  ioapic_write(IOAPIC_REDTBL + 2 * pin, masked ? low | RED_MASKED : low & ~RED_MASKED);
}

/** The 8259 PICs: remap away from the exception vectors, then mask every line. */
export function pic_disable(): void {
  outb(0x20, 0x11); outb(0xa0, 0x11); // ICW1: init, ICW4 follows
  outb(0x21, 0x70); outb(0xa1, 0x78); // ICW2: vectors 0x70/0x78, never used
  outb(0x21, 0x04); outb(0xa1, 0x02); // ICW3: cascade on IR2
  outb(0x21, 0x01); outb(0xa1, 0x01); // ICW4: 8086 mode
  outb(0x21, 0xff); outb(0xa1, 0xff);
}
