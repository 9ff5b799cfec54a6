// The 8259A programmable interrupt controller pair (master 0x20/0x21, slave 0xA0/0xA1,
// cascaded on IRQ2), following the Intel 8259A datasheet. Enough for what PC kernels do with
// it: remap (ICW1-4), mask (OCW1), EOI (OCW2), read IRR/ISR (OCW3), and supply vectors to the
// BSP through LINT0 in ExtINT (virtual-wire) mode. Lines are edge-triggered unless their bit
// in the PIIX3's ELCR (ports 0x4D0/0x4D1) makes them level-triggered (PCI interrupts).
//
// Ports (per chip, base = 0x20 or 0xA0):
//   base+0 write: ICW1 (bit 4 set) | OCW2 (bits 3,4 = 0) | OCW3 (bit 3 set, bit 4 clear)
//          read:  IRR or ISR, as selected by OCW3
//   base+1 write: ICW2 (vector base), ICW3, ICW4 during init; OCW1 (mask) afterwards
//          read:  IMR

import type { AccessSize, Bus, PortHandler } from "../bus/bus.ts";
import type { ExtIntSource } from "./lapic.ts";

class Pic8259 {
  irr = 0;
  isr = 0;
  imr = 0xff;
  vectorBase = 0;
  /** ELCR bits: 1 = level-triggered line. */
  elcr = 0;
  private lastLevels = 0;
  private initStep = 0; // 0 = operational, 2..4 = expecting ICW2..ICW4
  private needIcw4 = false;
  autoEoi = false;
  private readIsr = false;

  constructor(readonly isMaster: boolean) {}

  setLine(line: number, level: boolean): void {
    const bit = 1 << line;
    if (level && (this.lastLevels & bit) === 0) this.irr |= bit; // edge-triggered
    if (level) this.lastLevels |= bit;
    else this.lastLevels &= ~bit;
  }

  /** Requests: latched edges, plus level-triggered lines for as long as they are asserted. */
  requests(): number {
    return (this.irr & ~this.elcr) | (this.lastLevels & this.elcr);
  }

  /** The highest-priority requested line that beats everything in service, or -1. */
  pendingLine(): number {
    const req = this.requests() & ~this.imr;
    for (let line = 0; line < 8; line++) {
      const bit = 1 << line;
      if ((this.isr & bit) !== 0) return -1; // a higher-priority line is in service
      if ((req & bit) !== 0) return line;
    }
    return -1;
  }

  writeCommand(v: number): void {
    if ((v & 0x10) !== 0) {
      // ICW1: start initialization.
      this.imr = 0;
      this.isr = 0;
      this.irr = 0;
      this.readIsr = false;
      this.needIcw4 = (v & 1) !== 0;
      this.autoEoi = false;
      this.initStep = 2;
      return;
    }
    if ((v & 0x08) !== 0) {
      if ((v & 0x02) !== 0) this.readIsr = (v & 1) !== 0; // OCW3
      return;
    }
    // OCW2
    const op = v >> 5;
    if (op === 1) {
      // non-specific EOI: clear the highest-priority in-service bit
      for (let line = 0; line < 8; line++) {
        if ((this.isr & (1 << line)) !== 0) {
          this.isr &= ~(1 << line);
          break;
        }
      }
    } else if (op === 3) {
      this.isr &= ~(1 << (v & 7)); // specific EOI
    }
  }

  writeData(v: number): void {
    switch (this.initStep) {
      case 2:
        this.vectorBase = v & 0xf8;
        this.initStep = 3;
        return;
      case 3:
        this.initStep = this.needIcw4 ? 4 : 0;
        return;
      case 4:
        this.autoEoi = (v & 2) !== 0;
        this.initStep = 0;
        return;
      default:
        this.imr = v & 0xff;
    }
  }

  readCommand(): number {
    return this.readIsr ? this.isr : this.requests();
  }
}

export class Pic implements ExtIntSource, PortHandler {
  readonly master = new Pic8259(true);
  readonly slave = new Pic8259(false);

  constructor(bus: Bus) {
    bus.claimPorts(0x20, 2, "pic-master", this);
    bus.claimPorts(0xa0, 2, "pic-slave", this);
    bus.claimPorts(0x4d0, 2, "pic-elcr", this);
  }

  /** Notified when the INTR output may have risen (the machine wakes the BSP). */
  onRequest: () => void = () => {};

  setIrq(irq: number, level: boolean): void {
    if (irq < 8) this.master.setLine(irq, level);
    else this.slave.setLine(irq - 8, level);
    this.cascade();
    if (this.hasInterrupt()) this.onRequest();
  }

  private cascade(): void {
    this.master.setLine(2, this.slave.pendingLine() >= 0);
  }

  hasInterrupt(): boolean {
    return this.master.pendingLine() >= 0;
  }

  /** Lines for the monitor's `info pic` (QEMU's layout). */
  describe(): string[] {
    const hex = (v: number) => v.toString(16).padStart(2, "0");
    return [this.master, this.slave].map(
      (c, i) => `pic${i}: irr=${hex(c.requests())} imr=${hex(c.imr)} isr=${hex(c.isr)} irq_base=${hex(c.vectorBase)} elcr=${hex(c.elcr)}${c.autoEoi ? " auto_eoi" : ""}`,
    );
  }

  acknowledge(): number {
    const line = this.master.pendingLine();
    if (line < 0) return this.master.vectorBase + 7; // spurious IRQ7
    this.master.irr &= ~(1 << line);
    if (!this.master.autoEoi) this.master.isr |= 1 << line;
    if (line !== 2) return this.master.vectorBase + line;
    const sline = this.slave.pendingLine();
    if (sline < 0) return this.slave.vectorBase + 7; // spurious IRQ15
    this.slave.irr &= ~(1 << sline);
    if (!this.slave.autoEoi) this.slave.isr |= 1 << sline;
    this.cascade();
    return this.slave.vectorBase + sline;
  }

  read(port: number, _size: AccessSize): number {
    switch (port) {
      case 0x20: return this.master.readCommand();
      case 0x21: return this.master.imr;
      case 0xa0: return this.slave.readCommand();
      case 0xa1: return this.slave.imr;
      case 0x4d0: return this.master.elcr;
      default: return this.slave.elcr;
    }
  }

  write(port: number, _size: AccessSize, value: number): void {
    value &= 0xff;
    switch (port) {
      case 0x20: this.master.writeCommand(value); break;
      case 0x21: this.master.writeData(value); break;
      case 0xa0: this.slave.writeCommand(value); break;
      case 0xa1: this.slave.writeData(value); break;
      case 0x4d0: this.master.elcr = value & 0xf8; break; // IRQ0-2 are always edge
      default: this.slave.elcr = value & 0xde; break; // IRQ8 and IRQ13 are always edge
    }
    this.cascade();
    if (this.hasInterrupt()) this.onRequest();
  }
}
