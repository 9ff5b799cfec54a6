// A GdbTarget with no CPU behind it, for testing the protocol core: registers are plain
// records, memory is a small array, and "paging" is a fixed offset so virtual and physical
// reads differ. Run control is scripted: a test says which stop the next resume produces.

import type { GdbTarget, NamedValue, ResumeAction, StopEvent, TargetRegisters, TlbView, WatchKind } from "../target.ts";

/** Virtual addresses from here map to physical ones VIRT_OFFSET lower. */
export const VIRT_BASE = 0xc0000000;
export const PHYS_SIZE = 0x10000;

function zeroRegisters(cpu: number): TargetRegisters {
  return {
    eax: 0, ecx: 0, edx: 0, ebx: 0, esp: 0x8000, ebp: 0, esi: 0, edi: 0,
    eip: 0x1000 + cpu * 0x10, eflags: 0x2,
    cs: 0x08, ss: 0x10, ds: 0x10, es: 0x10, fs: 0x10, gs: 0x10,
    cr0: 0x80000011, cr2: 0, cr3: 0x2000, cr4: 0x10,
  };
}

export class FakeTarget implements GdbTarget {
  readonly regs: TargetRegisters[];
  readonly memory = new Uint8Array(PHYS_SIZE);
  readonly halted: boolean[];
  readonly breakpoints = new Set<number>();
  readonly watchpoints = new Set<string>();
  readonly log: string[] = [];
  /**
   * The stop the next resume reports (asynchronously); undefined: a step action advances that
   * CPU's eip by one and reports the step, anything else runs until halted.
   */
  nextStop: StopEvent | undefined;
  lastActions: ResumeAction[] | undefined;
  running = false;
  killed = false;
  detached = false;
  /** Make readRegisters throw, to check that a target bug does not escape the session. */
  failRegisters = false;

  constructor(readonly cpuCount = 4) {
    this.regs = Array.from({ length: cpuCount }, (_, i) => zeroRegisters(i));
    this.halted = Array.from({ length: cpuCount }, (_, i) => i >= 2);
    for (let i = 0; i < PHYS_SIZE; i++) this.memory[i] = i & 0xff;
  }

  /** Physical address of `address`, undefined when unmapped. */
  private translate(address: number, physical: boolean): number | undefined {
    const a = physical ? address : address - VIRT_BASE;
    return a >= 0 && a < PHYS_SIZE ? a : undefined;
  }

  readRegisters(cpu: number): TargetRegisters {
    if (this.failRegisters) throw new Error("fake register file exploded");
    return { ...this.regs[cpu]! };
  }

  writeRegisters(cpu: number, values: Partial<TargetRegisters>): void {
    Object.assign(this.regs[cpu]!, values);
  }

  readMemory(_cpu: number, address: number, length: number, physical: boolean): Uint8Array {
    const out: number[] = [];
    for (let i = 0; i < length; i++) {
      const p = this.translate(address + i, physical);
      if (p === undefined) break;
      out.push(this.memory[p]!);
    }
    return new Uint8Array(out);
  }

  writeMemory(_cpu: number, address: number, bytes: Uint8Array, physical: boolean): boolean {
    for (let i = 0; i < bytes.length; i++) {
      const p = this.translate(address + i, physical);
      if (p === undefined) return false;
      this.memory[p] = bytes[i]!;
    }
    return true;
  }

  isHalted(cpu: number): boolean {
    return this.halted[cpu]!;
  }

  addBreakpoint(address: number): boolean {
    this.breakpoints.add(address);
    return true;
  }
  removeBreakpoint(address: number): boolean {
    return this.breakpoints.delete(address);
  }
  addWatchpoint(address: number, length: number, kind: WatchKind): boolean {
    this.watchpoints.add(`${kind}@${address.toString(16)}/${length}`);
    return true;
  }
  removeWatchpoint(address: number, length: number, kind: WatchKind): boolean {
    return this.watchpoints.delete(`${kind}@${address.toString(16)}/${length}`);
  }

  private pending: ReturnType<typeof setTimeout> | undefined;

  halt(): void {
    this.log.push("halt");
    this.running = false;
    if (this.pending !== undefined) clearTimeout(this.pending);
    this.pending = undefined;
  }

  resume(actions: ResumeAction[], onStop: (event: StopEvent) => void): void {
    this.log.push(`resume ${actions.join(",")}`);
    this.lastActions = actions;
    this.running = true;
    let stop = this.nextStop;
    this.nextStop = undefined;
    const stepping = actions.indexOf("step");
    if (stop === undefined && stepping >= 0) {
      // An unscripted step "executes" a one-byte instruction.
      this.regs[stepping]!.eip += 1;
      stop = { reason: "step", cpu: stepping };
    }
    if (stop !== undefined) {
      this.pending = setTimeout(() => {
        this.pending = undefined;
        this.running = false;
        onStop(stop);
      }, 0);
    }
  }

  kill(): void {
    this.killed = true;
    this.halt();
  }

  detach(): void {
    this.detached = true;
    this.running = true;
  }

  tlbEntries(cpu: number): TlbView[] {
    return [{ linear: VIRT_BASE + cpu * 0x1000, physical: cpu * 0x1000, writable: true, user: false, global: cpu === 0 }];
  }

  lapicRegisters(cpu: number): NamedValue[] {
    return [
      { name: "ID", value: cpu << 24 },
      { name: "VERSION", value: 0x00050014 },
    ];
  }
}
