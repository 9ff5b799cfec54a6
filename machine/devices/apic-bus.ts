// The APIC bus: how interrupt messages travel between LAPICs and from the IOAPIC.
// Follows Intel SDM vol. 3A §10.6 (issuing IPIs: destination modes, shorthands) and §10.8.4
// (broadcast EOI to the I/O APIC for level-triggered interrupts).

import type { AccessSize, MmioHandler } from "../bus/bus.ts";
import type { Lapic } from "./lapic.ts";

export const enum DeliveryMode {
  Fixed = 0,
  LowestPriority = 1,
  Smi = 2,
  Nmi = 4,
  Init = 5,
  StartUp = 6,
  ExtInt = 7,
}

export const enum Shorthand {
  None = 0,
  Self = 1,
  AllIncludingSelf = 2,
  AllExcludingSelf = 3,
}

export interface ApicMessage {
  vector: number;
  deliveryMode: DeliveryMode;
  /** Logical destination mode (ICR bit 11 / redirection entry bit 11). */
  logical: boolean;
  /** Destination field: an APIC ID (physical) or a message destination address (logical). */
  dest: number;
  levelTriggered: boolean;
  /** Level bit: 0 only for the INIT level de-assert message. */
  assert: boolean;
}

/** The 0xFEE00000 window: every CPU reaches its own LAPIC at the same address. */
export class ApicBus implements MmioHandler {
  readonly lapics: Lapic[] = [];
  /** Listeners for EOIs of level-triggered vectors (the IOAPIC clears Remote IRR). */
  readonly eoiListeners: ((vector: number) => void)[] = [];
  /** IPIs sent through an ICR, counted [source CPU][target CPU] since power-on. */
  ipiCounts: number[][] = [];

  attach(lapic: Lapic): void {
    this.lapics.push(lapic);
    this.ipiCounts = this.lapics.map(() => this.lapics.map(() => 0));
  }

  read(offset: number, size: AccessSize, cpuId: number): number {
    const l = this.lapics[cpuId];
    return l === undefined ? 0xffffffff : l.read(offset, size);
  }

  write(offset: number, size: AccessSize, value: number, cpuId: number): void {
    this.lapics[cpuId]?.write(offset, size, value);
  }

  broadcastEoi(vector: number): void {
    for (const l of this.eoiListeners) l(vector);
  }

  /** Which LAPICs a message addresses, before lowest-priority arbitration. */
  targets(msg: ApicMessage, shorthand: Shorthand, source: Lapic | undefined): Lapic[] {
    switch (shorthand) {
      case Shorthand.Self:
        return source === undefined ? [] : [source];
      case Shorthand.AllIncludingSelf:
        return this.lapics.slice();
      case Shorthand.AllExcludingSelf:
        return this.lapics.filter((l) => l !== source);
      default:
        break;
    }
    if (!msg.logical) {
      if (msg.dest === 0xff) return this.lapics.slice();
      return this.lapics.filter((l) => l.apicId === msg.dest);
    }
    return this.lapics.filter((l) => l.matchesLogical(msg.dest));
  }

  /** Deliver a message; `source` is the sending LAPIC for IPIs, undefined for the IOAPIC. */
  send(msg: ApicMessage, shorthand: Shorthand, source: Lapic | undefined): void {
    let targets = this.targets(msg, shorthand, source);
    if (msg.deliveryMode === DeliveryMode.LowestPriority && targets.length > 1) {
      // Arbitration by task priority; ties go to the lowest APIC ID so runs stay repeatable.
      let best = targets[0]!;
      for (const t of targets) {
        if (t.taskPriority < best.taskPriority || (t.taskPriority === best.taskPriority && t.apicId < best.apicId)) best = t;
      }
      targets = [best];
    }
    for (const t of targets) {
      if (source !== undefined) {
        const row = this.ipiCounts[source.index];
        if (row !== undefined) row[t.index] = (row[t.index] ?? 0) + 1;
      }
      t.receive(msg);
    }
  }
}
