// The machine's public face: build a PC with N CPUs from a MachineConfig, boot it through the
// firmware the front end supplies (or a -bios ROM), run it, and report how it ended. Front
// ends (terminal, browser worker), the gdb stub and the tests use only this API.
//
// Events (v86-style): "serial0-output-byte" (byte), "debug-stop" (cpu, reason), "log"
// (category, text: the -d categories int, cpu_reset, guest_errors, unimp).

import type { Bus } from "./bus/bus.ts";
import { VirtualClock } from "./clock.ts";
import { MachineConfigError, type MachineConfig } from "./config.ts";
import { StopReason, type CpuCore, type CpuFactory } from "./cpu/interface.ts";
import { defaultCpuFactory } from "./default-cpu.ts";
import { PcBoard } from "./pc-board.ts";
import { dumpRegisters } from "./register-dump.ts";
import { RunLoop, yieldToHost } from "./run-loop.ts";

export { MachineConfigError, type MachineConfig, type Firmware, type FirmwareTarget } from "./config.ts";

export type MachineExit =
  | { kind: "debug-exit"; status: number }
  | { kind: "triple-fault"; cpu: number; report: string }
  | { kind: "stopped" };

export interface MachineStats {
  cpus: { id: number; state: "running" | "halted" | "wait-sipi"; eip: number; instructions: number; interrupts: number }[];
  /** IPIs sent through an ICR, [source CPU][target CPU], since power-on. */
  ipis: number[][];
  /** Virtual time in nanoseconds (= TSC, 1 GHz nominal). */
  virtualNs: number;
}

export interface RunLimits {
  /** Stop after this many instructions, summed over all CPUs. */
  maxInstructions?: number;
  /** Stop after this much host time. */
  wallMs?: number;
}

type EventMap = {
  "serial0-output-byte": (byte: number) => void;
  "debug-stop": (cpu: number, reason: StopReason) => void;
  log: (category: string, text: string) => void;
};

export const DEFAULT_MEMORY_MB = 128;
export const DEFAULT_QUANTUM = 2000;
/** RTC time at power-on in deterministic runs: 2026-01-01 00:00:00 UTC. */
export const DETERMINISTIC_RTC_EPOCH = 1767225600;
const MAX_CPUS = 16;

export class Machine {
  readonly cpus: CpuCore[];
  readonly bus: Bus;
  readonly board: PcBoard;
  readonly clock = new VirtualClock();
  readonly deterministic: boolean;
  private readonly loop: RunLoop;
  private readonly listeners = new Map<keyof EventMap, ((...args: never[]) => void)[]>();
  private pendingExit: MachineExit | undefined;
  private stopRequested = false;
  private paused = false;
  private resumeWaiter: (() => void) | undefined;
  private readonly waitingForSipi: boolean[];
  private running = false;

  private constructor(private readonly config: MachineConfig, cpuFactory: CpuFactory) {
    const cpus = config.cpus;
    const memoryMB = config.memoryMB ?? DEFAULT_MEMORY_MB;
    if (!Number.isInteger(cpus) || cpus < 1 || cpus > MAX_CPUS) throw new MachineConfigError(`the CPU count must be an integer from 1 to ${MAX_CPUS}, not ${cpus}`);
    if (!Number.isInteger(memoryMB) || memoryMB < 2 || memoryMB > 3072) throw new MachineConfigError(`the memory size must be an integer number of MiB from 2 to 3072, not ${memoryMB}`);
    if (config.kernel !== undefined && config.bios !== undefined) throw new MachineConfigError("give either a kernel or a BIOS ROM, not both");
    if (config.kernel !== undefined && config.firmware === undefined) {
      throw new MachineConfigError("a kernel needs a firmware to load it: pass `firmware: multibootFirmware` from boot/firmware");
    }
    const rom = config.bios;
    if (rom !== undefined && (rom.length === 0 || rom.length % 65536 !== 0 || rom.length > 16 << 20)) {
      throw new MachineConfigError(`the BIOS ROM must be a multiple of 64 KiB and at most 16 MiB, not ${rom.length} bytes`);
    }
    const shift = config.icountShift ?? 0;
    if (!Number.isInteger(shift) || shift < 0 || shift > 10) throw new MachineConfigError(`the icount shift must be an integer from 0 to 10, not ${shift}`);
    this.deterministic = config.deterministic === true || config.seed !== undefined || config.icountShift !== undefined;
    this.waitingForSipi = new Array<boolean>(cpus).fill(false);
    const log = (category: string, text: string) => this.emit("log", category, text);
    this.board = new PcBoard({
      cpus,
      ramBytes: memoryMB << 20,
      rtcEpochSeconds: config.rtcEpochSeconds ?? (this.deterministic ? DETERMINISTIC_RTC_EPOCH : Math.floor(Date.now() / 1000)),
      clock: this.clock,
      cpuFactory,
      log,
      onInit: (i) => {
        this.waitingForSipi[i] = true;
        if (this.listeners.has("log")) log("cpu_reset", `INIT on CPU ${i}\n${dumpRegisters(this.board.cpus[i]!)}`);
      },
      onSipi: (i) => {
        this.waitingForSipi[i] = false;
      },
      onWake: (i) => this.loop?.kick(i),
    });
    this.cpus = this.board.cpus;
    this.bus = this.board.bus;
    for (const plug of config.devices ?? []) plug({ bus: this.bus, clock: this.clock, pci: this.board.pci, irqs: this.board.irqs, log });
    this.board.uart.onOutput = (b) => this.emit("serial0-output-byte", b);
    this.board.debugExit.onExit = (status) => {
      this.pendingExit ??= { kind: "debug-exit", status };
      this.requestStopOfCurrent();
    };
    this.loop = new RunLoop(this.cpus, this.clock, { deterministic: this.deterministic, seed: config.seed, quantum: config.quantum ?? DEFAULT_QUANTUM, nsPerInstruction: 2 ** shift }, {
      onStop: (cpu, reason) => this.onCpuStop(cpu, reason),
      interrupted: () => this.pendingExit !== undefined || this.stopRequested || this.paused,
    }, this.board.lapics);
    if (config.bios !== undefined) this.mapBiosAtTop(config.bios);
    this.powerOn();
  }

  /** Build a machine; throws MachineConfigError (one sentence) for bad input. */
  static create(config: MachineConfig, cpuFactory: CpuFactory = defaultCpuFactory): Machine {
    return new Machine(config, cpuFactory);
  }

  private powerOn(): void {
    const { config } = this;
    if (config.bios !== undefined) {
      this.shadowBiosBelow1M(config.bios);
      this.cpus[0]!.reset();
      for (const ap of this.cpus.slice(1)) ap.init();
      this.waitingForSipi.fill(true, 1);
    } else if (config.kernel !== undefined) {
      config.firmware!.boot({ bus: this.bus, cpus: this.cpus, lapics: this.board.lapics, ioapicId: this.board.ioapic.id }, config);
      this.waitingForSipi.fill(true, 1);
    } else {
      throw new MachineConfigError("nothing to boot: give a kernel (-kernel FILE) or a BIOS ROM (-bios FILE)");
    }
  }

  /** -bios: the ROM's last 128 KiB appear below 1 MiB (copied again at every reset). */
  private shadowBiosBelow1M(rom: Uint8Array): void {
    const low = rom.subarray(Math.max(0, rom.length - 0x20000));
    this.bus.writeBytes(0x100000 - low.length, low);
  }

  /** -bios: the whole ROM just below 4 GiB, where the reset vector is fetched (as QEMU). */
  private mapBiosAtTop(rom: Uint8Array): void {
    const copy = rom.slice();
    this.bus.claimMmio(0x100000000 - rom.length, rom.length, "bios-rom", {
      read: (offset, size) => {
        let v = 0;
        for (let i = 0; i < size; i++) v |= (copy[offset + i] ?? 0xff) << (8 * i);
        return v >>> 0;
      },
      write: () => {},
    });
  }

  // ---- events -----------------------------------------------------------------------------

  on<K extends keyof EventMap>(event: K, fn: EventMap[K]): void {
    const list = this.listeners.get(event) ?? [];
    list.push(fn as (...args: never[]) => void);
    this.listeners.set(event, list);
  }

  private emit<K extends keyof EventMap>(event: K, ...args: Parameters<EventMap[K]>): void {
    const list = this.listeners.get(event);
    if (list === undefined) return;
    for (const fn of list) (fn as unknown as (...a: Parameters<EventMap[K]>) => void)(...args);
  }

  // ---- input and control ------------------------------------------------------------------

  serialInput(bytes: Uint8Array | Iterable<number>): void {
    this.board.uart.receive(bytes);
    this.loop.wake();
  }

  pause(): void {
    this.paused = true;
    this.requestStopOfCurrent();
  }

  resume(): void {
    this.paused = false;
    const w = this.resumeWaiter;
    this.resumeWaiter = undefined;
    w?.();
  }

  stop(): void {
    this.stopRequested = true;
    this.requestStopOfCurrent();
    this.loop.wake();
    this.resume();
  }

  get isPaused(): boolean {
    return this.paused;
  }

  private requestStopOfCurrent(): void {
    const c = this.loop.current;
    if (c >= 0) this.cpus[c]!.requestStop();
  }

  private onCpuStop(cpu: number, reason: StopReason): "continue" | "exit" {
    switch (reason) {
      case StopReason.TripleFault: {
        const fault = this.cpus[cpu]!.lastFault;
        const report = `CPU ${cpu}: triple fault${fault !== undefined ? ` (${fault.text})` : ""}\n${dumpRegisters(this.cpus[cpu]!)}`;
        if (this.config.noReboot === true) {
          this.pendingExit ??= { kind: "triple-fault", cpu, report };
          return "exit";
        }
        this.emit("log", "cpu_reset", `${report}\nresetting the machine`);
        this.reboot();
        return "continue";
      }
      case StopReason.Breakpoint:
      case StopReason.Watchpoint:
      case StopReason.Step:
        this.paused = true;
        this.emit("debug-stop", cpu, reason);
        return "continue";
      default:
        return "continue";
    }
  }

  /**
   * System reset (a triple fault without -no-reboot, the monitor's system_reset): CPUs and
   * LAPICs back to power-on and the image booted again. Other devices keep their state.
   */
  reset(): void {
    this.emit("log", "cpu_reset", "system reset");
    this.reboot();
  }

  private reboot(): void {
    for (const l of this.board.lapics) l.resetRegisters();
    for (const c of this.cpus) c.reset();
    this.powerOn();
  }

  // ---- running ----------------------------------------------------------------------------

  /** Run until the guest exits, stop() is called or a limit is reached. Yields to the host regularly. */
  async run(limits: RunLimits = {}): Promise<MachineExit> {
    if (this.running) throw new Error("Machine.run() is already running");
    this.running = true;
    try {
      return await this.runInner(limits);
    } finally {
      this.running = false;
    }
  }

  private async runInner(limits: RunLimits): Promise<MachineExit> {
    const start = performance.now();
    const wallDeadline = limits.wallMs === undefined ? Infinity : start + limits.wallMs;
    const instructionLimit = limits.maxInstructions === undefined ? Infinity : this.loop.totalInstructions + limits.maxInstructions;
    this.loop.startPacing();
    let lastYield = performance.now();
    for (;;) {
      if (this.pendingExit !== undefined) return this.pendingExit;
      if (this.stopRequested) {
        this.stopRequested = false;
        return { kind: "stopped" };
      }
      if (this.paused) {
        await new Promise<void>((r) => (this.resumeWaiter = r));
        this.loop.startPacing();
        continue;
      }
      const remaining = instructionLimit - this.loop.totalInstructions;
      if (remaining <= 0 || performance.now() >= wallDeadline) return { kind: "stopped" };
      // idle() need not wait for the host (a seeded run jumps to the next timer at once), so
      // both paths count towards the next yield: a guest that sleeps between timer ticks
      // must not starve signals, input and gdb.
      if (this.loop.allAsleep()) await this.loop.idle(wallDeadline);
      else this.loop.runRound(remaining);
      const now = performance.now();
      if (now - lastYield >= RunLoop.yieldEveryMs) {
        await yieldToHost();
        lastYield = performance.now();
      }
    }
  }

  // ---- inspection -------------------------------------------------------------------------

  stats(): MachineStats {
    return {
      cpus: this.cpus.map((c, i) => ({
        id: i,
        state: !c.sleeping ? "running" : this.waitingForSipi[i] === true || this.loop.lastReason[i] === StopReason.WaitForSipi ? "wait-sipi" : "halted",
        eip: c.getRegisters().eip,
        instructions: c.instructionCount,
        interrupts: this.board.lapics[i]!.delivered,
      })),
      ipis: this.board.apicBus.ipiCounts.map((row) => row.slice()),
      virtualNs: this.clock.now(),
    };
  }

  /** Total instructions retired by all CPUs since power-on. */
  get instructions(): number {
    return this.cpus.reduce((n, c) => n + c.instructionCount, 0);
  }
}
