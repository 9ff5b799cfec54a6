// The real machine as a GdbTarget: registers and memory through each CpuCore's debugger view,
// breakpoints and watchpoints set on every CPU (gdb's breakpoints are per address space, and
// all CPUs share one), and run control through Machine.pause()/resume() and its
// "debug-stop" event.
//
// All-stop: a CPU stopping for a breakpoint, watchpoint or the end of a step pauses the whole
// machine (Machine does that before it emits "debug-stop"); this file turns the first such
// stop after a resume into the StopEvent gdb is waiting for.

import { StopReason, type CpuCore } from "../cpu/interface.ts";
import type { Machine, MachineExit } from "../machine.ts";
import type { GdbTarget, NamedValue, ResumeAction, StopEvent, TargetRegisters, TlbView, WatchKind } from "./target.ts";

/** LAPIC registers shown by `monitor info lapic`, by MMIO offset (Intel SDM vol. 3A, 10.4.1). */
const LAPIC_VIEW: [string, number][] = [
  ["ID", 0x20], ["VERSION", 0x30], ["TPR", 0x80], ["PPR", 0xa0], ["LDR", 0xd0], ["DFR", 0xe0], ["SVR", 0xf0],
  ["ESR", 0x280], ["ICR", 0x300], ["ICR2", 0x310], ["LVTT", 0x320], ["LVTTHMR", 0x330], ["LVTPC", 0x340],
  ["LVT0", 0x350], ["LVT1", 0x360], ["LVTERR", 0x370], ["TMICT", 0x380], ["TMCCT", 0x390], ["TDCR", 0x3e0],
  ...Array.from({ length: 8 }, (_, i): [string, number] => [`ISR${i}`, 0x100 + i * 0x10]),
  ...Array.from({ length: 8 }, (_, i): [string, number] => [`IRR${i}`, 0x200 + i * 0x10]),
];

const PAGE = 4096;

export interface MachineTargetOptions {
  /** gdb sent `k`: the front end decides what ending the machine means (QEMU exits). */
  onKill?: () => void;
}

interface Watch {
  address: number;
  length: number;
  kind: WatchKind;
}

export class MachineTarget implements GdbTarget {
  readonly cpuCount: number;
  private onStop: ((event: StopEvent) => void) | undefined;
  private readonly watches: Watch[] = [];
  private readonly breakpoints = new Set<number>();
  /**
   * A watchpoint hit nobody was waiting for: a CPU's last instruction after another CPU
   * stopped the machine touched a watched word. Reported at the next continue, as gdbserver
   * reports pending events, instead of being lost.
   */
  private strayWatch: number | undefined;

  constructor(
    private readonly machine: Machine,
    private readonly options: MachineTargetOptions = {},
  ) {
    this.cpuCount = machine.cpus.length;
    machine.on("debug-stop", (cpu, reason) => {
      // The run loop finishes its round before it honours the pause: without this, the CPUs
      // after `cpu` in the round would run on for up to a quantum each, and gdb would find a
      // watched word already changed by them. requestStop() lets each run one instruction.
      this.machine.cpus.forEach((c, i) => {
        if (i !== cpu) c.requestStop();
      });
      this.debugStop(cpu, reason);
    });
  }

  private cpu(i: number): CpuCore {
    return this.machine.cpus[i]!;
  }

  // ---- state ----------------------------------------------------------------------------

  readRegisters(cpu: number): TargetRegisters {
    const r = this.cpu(cpu).getRegisters();
    return {
      eax: r.eax, ecx: r.ecx, edx: r.edx, ebx: r.ebx, esp: r.esp, ebp: r.ebp, esi: r.esi, edi: r.edi,
      eip: r.eip, eflags: r.eflags, cs: r.cs, ss: r.ss, ds: r.ds, es: r.es, fs: r.fs, gs: r.gs,
      cr0: r.cr0, cr2: r.cr2, cr3: r.cr3, cr4: r.cr4,
    };
  }

  writeRegisters(cpu: number, values: Partial<TargetRegisters>): void {
    this.cpu(cpu).setRegisters(values);
  }

  readMemory(cpu: number, address: number, length: number, physical: boolean): Uint8Array {
    const out = new Uint8Array(length);
    let done = 0;
    // Page by page, so a read running into an unmapped page still returns what came before it.
    while (done < length) {
      const at = (address + done) >>> 0;
      const n = Math.min(length - done, PAGE - (at & (PAGE - 1)));
      const chunk = physical ? this.readPhysical(cpu, at, n) : this.cpu(cpu).debugRead(at, n);
      if (chunk === undefined) break;
      out.set(chunk, done);
      done += n;
      if (at + n > 0xffffffff) break;
    }
    return out.subarray(0, done);
  }

  /**
   * Physical reads see RAM and device registers (as `cpu` sees them: each CPU has its own
   * LAPIC), like the virtual reads of CpuCore.debugRead and like QEMU. Addresses nothing
   * decodes are an error rather than the all-ones a CPU would read, so gdb says so.
   */
  private readPhysical(cpu: number, at: number, n: number): Uint8Array | undefined {
    const bus = this.machine.bus;
    if (bus.isRam(at) && bus.isRam(at + n - 1)) return bus.ram.slice(at, at + n);
    const region = bus.findMmio(at);
    if (region === undefined || at + n > region.end) return undefined;
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = bus.read(at + i, 1, cpu);
    return out;
  }

  writeMemory(cpu: number, address: number, bytes: Uint8Array, physical: boolean): boolean {
    if (!physical) return this.cpu(cpu).debugWrite(address, bytes);
    const bus = this.machine.bus;
    if (!bus.isRam(address) || !bus.isRam(address + bytes.length - 1)) return false;
    bus.writeBytes(address, bytes); // tells the decoded-instruction caches
    return true;
  }

  isHalted(cpu: number): boolean {
    return this.cpu(cpu).sleeping;
  }

  // ---- breakpoints ----------------------------------------------------------------------

  addBreakpoint(address: number): boolean {
    for (const c of this.machine.cpus) c.setBreakpoint(address);
    this.breakpoints.add(address >>> 0);
    return true;
  }

  removeBreakpoint(address: number): boolean {
    for (const c of this.machine.cpus) c.clearBreakpoint(address);
    this.breakpoints.delete(address >>> 0);
    return true;
  }

  addWatchpoint(address: number, length: number, kind: WatchKind): boolean {
    for (const c of this.machine.cpus) c.setWatchpoint(address, length, kind);
    this.watches.push({ address, length, kind });
    return true;
  }

  removeWatchpoint(address: number, length: number, kind: WatchKind): boolean {
    for (const c of this.machine.cpus) c.clearWatchpoint(address, length, kind);
    const i = this.watches.findIndex((w) => w.address === address && w.length === length && w.kind === kind);
    if (i >= 0) this.watches.splice(i, 1);
    return true;
  }

  // ---- run control ----------------------------------------------------------------------

  halt(): void {
    this.onStop = undefined;
    this.strayWatch = undefined;
    this.clearSteps();
    this.machine.pause();
  }

  resume(actions: ResumeAction[], onStop: (event: StopEvent) => void): void {
    this.clearSteps();
    this.onStop = onStop;
    const stepping = actions.indexOf("step");
    if (stepping >= 0) {
      const cpu = this.cpu(stepping);
      cpu.singleStep = true;
      if (!cpu.sleeping) {
        // Step just this CPU, right here, with the machine paused: the others do not move,
        // which all-stop allows and which keeps a stepped spin loop from racing its partner.
        const { executed, reason } = cpu.run(1);
        if (executed > 0 || reason !== StopReason.Halted) {
          const kept = reason === StopReason.Watchpoint || reason === StopReason.TripleFault;
          this.debugStop(stepping, kept ? reason : StopReason.Step);
          return;
        }
      }
      // A halted CPU finishes its step only once something wakes it: let the machine run,
      // and the CPU's single-step flag ends the run after its next instruction.
    } else if (this.reportPendingStop()) {
      return;
    }
    this.machine.resume();
  }

  /**
   * Before continuing: a pending watchpoint hit, or a CPU that sits on an inserted breakpoint,
   * stops the machine at once, as a hardware breakpoint fires before its instruction runs.
   * (gdb steps the thread that reported a breakpoint off it before continuing; any other CPU
   * found on one has not reported it yet. CpuCore.run() does not check the first instruction
   * it executes, so without this such a hit would be lost.)
   */
  private reportPendingStop(): boolean {
    const watch = this.strayWatch;
    this.strayWatch = undefined;
    if (watch !== undefined) {
      this.debugStop(watch, StopReason.Watchpoint);
      return true;
    }
    if (this.breakpoints.size === 0) return false;
    for (let i = 0; i < this.cpuCount; i++) {
      if (!this.cpu(i).sleeping && this.breakpoints.has(this.linearEip(i))) {
        this.debugStop(i, StopReason.Breakpoint);
        return true;
      }
    }
    return false;
  }

  /** The linear address of the next instruction (breakpoints are by linear address). */
  private linearEip(cpu: number): number {
    // CS base + EIP: an AP's real-mode trampoline runs with CS = vector << 8, not 0.
    const c = this.cpu(cpu);
    return c.linearEip !== undefined ? c.linearEip() : c.getRegisters().eip >>> 0;
  }

  private debugStop(cpu: number, reason: StopReason): void {
    this.machine.pause();
    const report = this.onStop;
    this.onStop = undefined;
    this.clearSteps();
    if (report === undefined) {
      // Breakpoint strays need no record: that CPU still sits on the breakpoint.
      if (reason === StopReason.Watchpoint) this.strayWatch ??= cpu;
      return;
    }
    report(this.stopEvent(cpu, reason));
  }

  private stopEvent(cpu: number, reason: StopReason): StopEvent {
    if (reason === StopReason.Breakpoint) return { reason: "breakpoint", cpu };
    // Only a step run outside the run loop gets here with a triple fault: show gdb the wreck.
    if (reason === StopReason.TripleFault) return { reason: "fault", cpu, text: this.cpu(cpu).lastFault?.text ?? "triple fault" };
    if (reason === StopReason.Watchpoint) {
      const hit = this.cpu(cpu).lastWatch;
      if (hit !== undefined) return { reason: "watchpoint", cpu, kind: hit.kind, address: this.watchedAddress(hit.linear, hit.kind) };
    }
    return { reason: "step", cpu };
  }

  /**
   * The CPU reports the address of the access; gdb matches the reported address against the
   * watched ranges, so an access starting just below a range must be reported inside it.
   */
  private watchedAddress(access: number, kind: WatchKind): number {
    const inside = this.watches.find((w) => w.kind === kind && access >= w.address && access < w.address + w.length);
    if (inside !== undefined) return access;
    const near = this.watches.find((w) => w.kind === kind && w.address > access && w.address - access < 16);
    return near !== undefined ? near.address : access;
  }

  private clearSteps(): void {
    for (const c of this.machine.cpus) c.singleStep = false;
  }

  kill(): void {
    this.onStop = undefined;
    this.clearSteps();
    this.machine.stop();
    this.options.onKill?.();
  }

  detach(): void {
    this.onStop = undefined;
    this.strayWatch = undefined;
    this.clearSteps();
    this.machine.resume();
  }

  /**
   * The front end saw `machine.run()` end. If the guest ended it (debug-exit, or a triple
   * fault with -no-reboot, which QEMU turns into exit status 0) while gdb waited for a stop,
   * gdb is told the "process" exited with that status, as QEMU's stub does.
   */
  machineEnded(exit: MachineExit): void {
    if (exit.kind === "stopped") return; // the host stopped it; gdb sees the connection close
    const report = this.onStop;
    this.onStop = undefined;
    report?.({ reason: "exited", status: exit.kind === "debug-exit" ? exit.status : 0 });
  }

  // ---- monitor views --------------------------------------------------------------------

  tlbEntries(cpu: number): TlbView[] {
    return this.cpu(cpu).tlbEntries();
  }

  lapicRegisters(cpu: number): NamedValue[] | undefined {
    const lapic = this.machine.board.lapics[cpu];
    if (lapic === undefined) return undefined;
    return LAPIC_VIEW.map(([name, offset]) => ({ name, value: lapic.readRegister(offset) }));
  }
}
