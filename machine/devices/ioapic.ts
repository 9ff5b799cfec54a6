// I/O APIC at 0xFEC00000 (82093AA datasheet; 24 pins, version 0x20 as QEMU's).
//
// Register map (indirect: write the index to IOREGSEL, then access IOWIN):
//   0x00 IOREGSEL   index of the register IOWIN shows
//   0x10 IOWIN      the selected register
//   0x40 EOI        (version 0x20) write a vector: clear Remote IRR of level entries using it
// Indexed registers:
//   0x00 IOAPICID   bits 24-27 ID
//   0x01 IOAPICVER  0x00170020: version 0x20, 24 redirection entries (max index 0x17)
//   0x02 IOAPICARB  arbitration ID (= ID)
//   0x10+2n, 0x11+2n  redirection entry n (low, high dword)
//     bits 0-7 vector, 8-10 delivery mode, 11 logical destination, 12 delivery status (RO),
//     13 polarity (1 = active low), 14 remote IRR (RO), 15 trigger (1 = level), 16 mask,
//     bits 56-63 destination

import type { AccessSize, MmioHandler } from "../bus/bus.ts";
import { ApicBus, DeliveryMode, Shorthand } from "./apic-bus.ts";
import type { DeviceLog } from "./lapic.ts";

export const IOAPIC_BASE = 0xfec00000;
export const IOAPIC_VERSION = 0x00170020;
export const IOAPIC_PINS = 24;
/** Size of the MMIO window, as QEMU's. */
export const IOAPIC_MMIO_SIZE = 0x1000;

const RTE_MASKED = 1 << 16;
const RTE_LEVEL = 1 << 15;
const RTE_REMOTE_IRR = 1 << 14;
const RTE_WRITABLE_LOW = 0x1afff; // delivery status and remote IRR are read-only

export class IoApic implements MmioHandler {
  id = 0;
  private select = 0;
  private readonly low = new Uint32Array(IOAPIC_PINS).fill(RTE_MASKED);
  private readonly high = new Uint32Array(IOAPIC_PINS);
  /** Current input level of each pin. */
  private readonly levels = new Uint8Array(IOAPIC_PINS);
  /** Edges seen while masked, delivered on unmask (as QEMU does). */
  private readonly latchedEdges = new Uint8Array(IOAPIC_PINS);
  /** Messages sent per pin (for tests and the monitor). */
  readonly deliveries = new Uint32Array(IOAPIC_PINS);

  constructor(
    private readonly apicBus: ApicBus,
    private readonly log: DeviceLog = () => {},
  ) {
    apicBus.eoiListeners.push((vector) => this.eoi(vector));
  }

  /** Drive input pin `pin` to `level` (true = asserted). */
  setIrq(pin: number, level: boolean): void {
    if (pin < 0 || pin >= IOAPIC_PINS) return;
    const was = this.levels[pin] !== 0;
    this.levels[pin] = level ? 1 : 0;
    if ((this.low[pin]! & RTE_LEVEL) !== 0) {
      if (level) this.service(pin);
    } else if (level && !was) {
      this.latchedEdges[pin] = 1;
      this.service(pin);
    }
  }

  private service(pin: number): void {
    const lo = this.low[pin]!;
    if ((lo & RTE_MASKED) !== 0) return;
    if ((lo & RTE_LEVEL) !== 0) {
      if (this.levels[pin] === 0 || (lo & RTE_REMOTE_IRR) !== 0) return;
      this.low[pin] = (lo | RTE_REMOTE_IRR) >>> 0;
    } else {
      if (this.latchedEdges[pin] === 0) return;
      this.latchedEdges[pin] = 0;
    }
    this.deliveries[pin]!++;
    const mode = ((lo >> 8) & 7) as DeliveryMode;
    this.apicBus.send(
      {
        vector: lo & 0xff,
        deliveryMode: mode,
        logical: (lo & (1 << 11)) !== 0,
        dest: this.high[pin]! >>> 24,
        levelTriggered: (lo & RTE_LEVEL) !== 0,
        assert: true,
      },
      Shorthand.None,
      undefined,
    );
  }

  private eoi(vector: number): void {
    for (let pin = 0; pin < IOAPIC_PINS; pin++) {
      const lo = this.low[pin]!;
      if ((lo & RTE_LEVEL) !== 0 && (lo & RTE_REMOTE_IRR) !== 0 && (lo & 0xff) === vector) {
        this.low[pin] = (lo & ~RTE_REMOTE_IRR) >>> 0;
        this.service(pin); // still asserted: the device wants another interrupt
      }
    }
  }

  read(offset: number, size: AccessSize): number {
    if (offset === 0x00) return this.select;
    if (offset >= 0x10 && offset < 0x14) {
      const v = this.readIndexed(this.select);
      const shift = (offset - 0x10) * 8;
      return size === 4 ? v : (v >>> shift) & (size === 1 ? 0xff : 0xffff);
    }
    return 0;
  }

  write(offset: number, size: AccessSize, value: number): void {
    if (offset === 0x00) {
      this.select = value & 0xff;
      return;
    }
    if (offset === 0x10 && size === 4) {
      this.writeIndexed(this.select, value >>> 0);
      return;
    }
    if (offset === 0x40) {
      this.eoi(value & 0xff);
      return;
    }
    this.log("guest_errors", `ioapic: ${size}-byte write at offset 0x${offset.toString(16)} ignored`);
  }

  private readIndexed(index: number): number {
    if (index === 0x00 || index === 0x02) return (this.id << 24) >>> 0;
    if (index === 0x01) return IOAPIC_VERSION;
    const pin = (index - 0x10) >> 1;
    if (index >= 0x10 && pin < IOAPIC_PINS) return (index & 1) === 0 ? this.low[pin]! : this.high[pin]!;
    return 0;
  }

  private writeIndexed(index: number, value: number): void {
    if (index === 0x00) {
      this.id = (value >>> 24) & 0x0f;
      return;
    }
    const pin = (index - 0x10) >> 1;
    if (index < 0x10 || pin >= IOAPIC_PINS) return;
    if ((index & 1) === 1) {
      this.high[pin] = (value & 0xff000000) >>> 0;
      return;
    }
    const keep = this.low[pin]! & ~RTE_WRITABLE_LOW;
    this.low[pin] = (keep | (value & RTE_WRITABLE_LOW)) >>> 0;
    if ((value & RTE_LEVEL) === 0) this.low[pin] = (this.low[pin]! & ~RTE_REMOTE_IRR) >>> 0;
    this.service(pin); // an unmask delivers a latched edge or a still-asserted level
  }

  /** Lines for the monitor's `info ioapic`. */
  describe(): string[] {
    const out = [`ioapic: id ${this.id} version 0x${IOAPIC_VERSION.toString(16)}`];
    for (let pin = 0; pin < IOAPIC_PINS; pin++) {
      const lo = this.low[pin]!;
      if ((lo & RTE_MASKED) !== 0 && this.deliveries[pin] === 0) continue;
      out.push(`  pin ${pin}: vector ${lo & 0xff} mode ${(lo >> 8) & 7} ${lo & (1 << 11) ? "logical" : "physical"} dest ${this.high[pin]! >>> 24} ${lo & RTE_LEVEL ? "level" : "edge"}${lo & RTE_MASKED ? " masked" : ""} delivered ${this.deliveries[pin]}`);
    }
    return out;
  }
}
