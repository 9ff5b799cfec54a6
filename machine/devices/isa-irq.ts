// ISA interrupt wiring: each ISA IRQ line goes to both the 8259 pair and the IOAPIC, with
// IRQ0 (the PIT) on IOAPIC pin 2 — the interrupt source override QEMU's MADT and MP table
// publish, and that ours publish too (boot/firmware).

import type { IoApic } from "./ioapic.ts";
import type { Pic } from "./pic.ts";

/** One interrupt line a device drives: true = asserted. */
export type IrqLine = (level: boolean) => void;

/** The IOAPIC pin an ISA IRQ arrives on. */
export function isaIrqToIoApicPin(irq: number): number {
  return irq === 0 ? 2 : irq;
}

export class IsaIrqRouter {
  constructor(
    private readonly pic: Pic,
    private readonly ioapic: IoApic,
  ) {}

  setIrq(irq: number, level: boolean): void {
    this.pic.setIrq(irq, level);
    this.ioapic.setIrq(isaIrqToIoApicPin(irq), level);
  }

  line(irq: number): IrqLine {
    return (level) => this.setIrq(irq, level);
  }
}
