// The PC board: RAM, the devices at their QEMU `pc` addresses, and N CPUs each wired to its
// own LAPIC. Nothing here runs; the run loop (run-loop.ts) drives it and machine.ts is the
// public face.

import { Bus } from "./bus/bus.ts";
import type { VirtualClock } from "./clock.ts";
import type { CpuCore, CpuFactory, CpuHost } from "./cpu/interface.ts";
import { ApicBus } from "./devices/apic-bus.ts";
import { DebugExit } from "./devices/debug-exit.ts";
import { FwCfg } from "./devices/fw-cfg.ts";
import { IOAPIC_BASE, IOAPIC_MMIO_SIZE, IoApic } from "./devices/ioapic.ts";
import { IsaIrqRouter } from "./devices/isa-irq.ts";
import { LAPIC_BASE, Lapic, type DeviceLog } from "./devices/lapic.ts";
import { PciHostBridge } from "./devices/pci.ts";
import { Pic } from "./devices/pic.ts";
import { Pit } from "./devices/pit.ts";
import { Rtc } from "./devices/rtc.ts";
import { Uart16550 } from "./devices/uart16550.ts";

export interface BoardOptions {
  cpus: number;
  ramBytes: number;
  rtcEpochSeconds: number;
  clock: VirtualClock;
  cpuFactory: CpuFactory;
  log: DeviceLog;
  /** Called when a CPU is reset by INIT (for `-d cpu_reset` and the stats' wait-for-SIPI state). */
  onInit: (cpu: number) => void;
  onSipi: (cpu: number) => void;
  /** Something may have ended this CPU's HLT (an accepted interrupt, NMI, SIPI): schedule it. */
  onWake: (cpu: number) => void;
}

export class PcBoard {
  readonly bus: Bus;
  readonly apicBus = new ApicBus();
  readonly lapics: Lapic[] = [];
  readonly cpus: CpuCore[] = [];
  readonly ioapic: IoApic;
  readonly pic: Pic;
  readonly pit: Pit;
  readonly rtc: Rtc;
  readonly uart: Uart16550;
  readonly pci: PciHostBridge;
  readonly debugExit: DebugExit;
  readonly fwCfg: FwCfg;
  readonly irqs: IsaIrqRouter;

  constructor(o: BoardOptions) {
    const clock = o.clock;
    this.bus = new Bus(o.ramBytes);
    this.bus.claimMmio(LAPIC_BASE, 0x1000, "lapic", this.apicBus);
    this.ioapic = new IoApic(this.apicBus, o.log);
    this.bus.claimMmio(IOAPIC_BASE, IOAPIC_MMIO_SIZE, "ioapic", this.ioapic);
    this.pic = new Pic(this.bus);
    this.irqs = new IsaIrqRouter(this.pic, this.ioapic);
    this.pit = new Pit(this.bus, clock, this.irqs.line(0), o.log);
    this.rtc = new Rtc(this.bus, clock, this.irqs.line(8), { epochSeconds: o.rtcEpochSeconds, ramBytes: o.ramBytes, cpus: o.cpus });
    this.uart = new Uart16550(this.bus, this.irqs.line(4));
    this.pci = new PciHostBridge(this.bus, o.log);
    this.debugExit = new DebugExit(this.bus);
    this.fwCfg = new FwCfg(this.bus, { ramBytes: o.ramBytes, cpus: o.cpus });

    const host: CpuHost = {
      readTsc: () => BigInt(clock.now()),
      readMsr: (cpu, msr) => this.lapics[cpu]?.readMsr(msr),
      writeMsr: (cpu, msr, value) => this.lapics[cpu]?.writeMsr(msr, value) ?? false,
      log: o.log,
    };
    for (let i = 0; i < o.cpus; i++) {
      const cpu = o.cpuFactory(i, this.bus, host);
      const lapic = new Lapic(
        i,
        this.apicBus,
        clock,
        {
          wake: () => {
            cpu.wake();
            o.onWake(i);
          },
          nmi: () => {
            cpu.nmi();
            o.onWake(i);
          },
          init: () => {
            o.onInit(i);
            cpu.init();
          },
          sipi: (vector) => {
            o.onSipi(i);
            cpu.sipi(vector);
            o.onWake(i);
          },
        },
        o.log,
      );
      cpu.setInterruptSource(lapic);
      this.cpus.push(cpu);
      this.lapics.push(lapic);
    }
    // The 8259's INTR reaches the BSP through LINT0 (virtual wire) or directly when the APIC is off.
    this.lapics[0]!.extInt = this.pic;
    this.pic.onRequest = () => {
      this.cpus[0]!.wake();
      o.onWake(0);
    };
  }
}
