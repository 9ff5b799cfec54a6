// A stand-in CpuCore for tests of the firmware and the run loop that must not depend on the
// real interpreter: it records what the machine did to it and "executes" by counting.
import type { Bus } from "../../machine/bus/bus.ts";
import { StopReason, type CpuCore, type CpuHost, type CpuRegisters, type InterruptSource } from "../../machine/cpu/interface.ts";

export class FakeCpu implements CpuCore {
  instructionCount = 0;
  state: "reset" | "running" | "halted" | "wait-sipi" = "reset";
  regs: CpuRegisters = { eax: 0, ecx: 0, edx: 0, ebx: 0, esp: 0, ebp: 0, esi: 0, edi: 0, eip: 0xfff0, eflags: 2, cs: 0xf000, ss: 0, ds: 0, es: 0, fs: 0, gs: 0, cr0: 0x60000010, cr2: 0, cr3: 0, cr4: 0 };
  protectedMode = false;
  readonly log: string[] = [];
  src: InterruptSource | undefined;
  /** Halt after this many more instructions (undefined: never). */
  haltAfter: number | undefined;
  singleStep = false;
  lastWatch = undefined;
  lastFault = undefined;

  constructor(readonly id: number, readonly bus: Bus, readonly host: CpuHost) {}

  get sleeping(): boolean {
    return this.state === "halted" || this.state === "wait-sipi";
  }
  run(budget: number): { executed: number; reason: StopReason } {
    if (this.state === "wait-sipi") return { executed: 0, reason: StopReason.WaitForSipi };
    if (this.state === "halted") return { executed: 0, reason: StopReason.Halted };
    this.state = "running";
    let n = budget;
    if (this.haltAfter !== undefined && this.haltAfter <= budget) {
      n = this.haltAfter;
      this.haltAfter = undefined;
      this.state = "halted";
    } else if (this.haltAfter !== undefined) this.haltAfter -= budget;
    this.instructionCount += n;
    return { executed: n, reason: this.state === "halted" ? StopReason.Halted : StopReason.Budget };
  }
  setInterruptSource(src: InterruptSource): void {
    this.src = src;
  }
  wake(): void {
    if (this.state === "halted" && this.src?.hasPending()) this.state = "running";
  }
  nmi(): void {
    this.log.push("nmi");
  }
  init(): void {
    this.log.push("init");
    this.state = "wait-sipi";
  }
  sipi(vector: number): void {
    this.log.push(`sipi ${vector}`);
    if (this.state === "wait-sipi") {
      this.state = "running";
      this.regs.cs = vector << 8;
      this.regs.eip = 0;
    }
  }
  reset(): void {
    this.log.push("reset");
    this.state = "running";
  }
  requestStop(): void {}
  getRegisters(): CpuRegisters {
    return { ...this.regs };
  }
  setRegisters(r: Partial<CpuRegisters>): void {
    Object.assign(this.regs, r);
  }
  enterFlatProtectedMode(eip: number, cs: number, ds: number): void {
    this.log.push(`pm ${eip.toString(16)}`);
    this.protectedMode = true;
    this.state = "running";
    Object.assign(this.regs, { eip, cs, ds, es: ds, ss: ds, fs: ds, gs: ds, cr0: 0x11 });
  }
  debugTranslate(linear: number): number | undefined {
    return linear;
  }
  debugRead(linear: number, length: number): Uint8Array | undefined {
    return this.bus.readBytes(linear, length);
  }
  debugWrite(linear: number, bytes: Uint8Array): boolean {
    this.bus.writeBytes(linear, bytes);
    return true;
  }
  tlbEntries() {
    return [];
  }
  setBreakpoint(): void {}
  clearBreakpoint(): void {}
  setWatchpoint(): void {}
  clearWatchpoint(): void {}
}
