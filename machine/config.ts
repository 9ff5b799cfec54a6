// What a machine is built from (MachineConfig), how it reports bad input (MachineConfigError),
// and the contract of the firmware role that prepares memory and CPUs before the first
// instruction. The built-in Multiboot firmware lives in boot/firmware and is passed in by the
// front end (`config.firmware`), so machine/ never imports boot/: front ends import both.

import type { Bus } from "./bus/bus.ts";
import type { CpuCore } from "./cpu/interface.ts";
import type { VirtualClock } from "./clock.ts";
import type { IsaIrqRouter } from "./devices/isa-irq.ts";
import type { Lapic } from "./devices/lapic.ts";
import type { PciHostBridge } from "./devices/pci.ts";

export interface MachineConfig {
  /** Number of CPUs, 1..16. */
  cpus: number;
  /** RAM in MiB; default 128. */
  memoryMB?: number;
  /** A Multiboot v1 image, loaded by `firmware`. */
  kernel?: Uint8Array;
  /** Multiboot modules (-initrd a,b): `string` is the module's command line. */
  modules?: { string: string; data: Uint8Array }[];
  /** Kernel command line (-append). */
  cmdline?: string;
  /** A firmware ROM (-bios): mapped below 1 MiB and at the top of 4 GiB; the BSP starts at the reset vector. */
  bios?: Uint8Array;
  /** Seed for the interleaving; implies deterministic mode. */
  seed?: number;
  /** -icount: the virtual clock is driven only by instructions and jumps when all CPUs halt. */
  deterministic?: boolean;
  /** -icount shift=N: each instruction is 2^N virtual nanoseconds (default 0); implies deterministic. */
  icountShift?: number;
  /** -no-reboot: a triple fault ends the run instead of resetting. */
  noReboot?: boolean;
  /** Instructions per CPU per round (default 2000); seeds vary it by up to +-50%. */
  quantum?: number;
  /** RTC time at power-on, seconds since 1970. Default: the host clock, or 2026-01-01 in deterministic mode. */
  rtcEpochSeconds?: number;
  /** Prepares memory and CPUs from `kernel`/`modules`/`cmdline` (boot/firmware's `multibootFirmware`). */
  firmware?: Firmware;
  /**
   * Extra devices (a NIC, a disk), each plugged into the board after the standard devices and
   * before the firmware runs: claim ports/MMIO on `board.bus`, attach PCI functions with
   * `board.pci.attach`, raise interrupts with `board.irqs.line(irq)`.
   */
  devices?: ((board: BoardSlots) => void)[];
}

/** What a pluggable device may use of the board (see pc-board.ts). */
export interface BoardSlots {
  readonly bus: Bus;
  readonly clock: VirtualClock;
  readonly pci: PciHostBridge;
  readonly irqs: IsaIrqRouter;
  readonly log: (category: string, text: string) => void;
}

/** One clear sentence about bad input (a malformed kernel, an impossible CPU count). */
export class MachineConfigError extends Error {
  override name = "MachineConfigError";
}

/** The parts of an assembled machine the firmware role may touch before the first instruction. */
export interface FirmwareTarget {
  readonly bus: Bus;
  readonly cpus: readonly CpuCore[];
  readonly lapics: readonly Lapic[];
  readonly ioapicId: number;
}

export interface Firmware {
  /** Load the image and leave the CPUs as a boot loader would; throws MachineConfigError for bad input. */
  boot(target: FirmwareTarget, config: MachineConfig): void;
}
