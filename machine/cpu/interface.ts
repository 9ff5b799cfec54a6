// The contract between one emulated CPU and the rest of the machine (SMP run loop, LAPIC,
// gdb stub, monitor, browser panel). The CPU implementation lives beside this file; nothing
// outside machine/cpu/ should depend on more than what is declared here.

import type { Bus } from "../bus/bus.ts";

/** Why `run()` returned before using up its instruction budget. */
export const enum StopReason {
  /** The budget ran out (the normal case). */
  Budget = 0,
  /** HLT with no interrupt pending; the run loop should not schedule the CPU until woken. */
  Halted = 1,
  /** Waiting for SIPI after INIT (APs at power-on, or after an INIT IPI). */
  WaitForSipi = 2,
  /** Triple fault (shutdown). `lastFault` describes it. */
  TripleFault = 3,
  /** An execution breakpoint set through `setBreakpoint` was reached (before executing it). */
  Breakpoint = 4,
  /** A data watchpoint fired (after the access completed). `lastWatch` describes it. */
  Watchpoint = 5,
  /** Single step finished (`run(1)` with `singleStep` set). */
  Step = 6,
  /** Something outside asked the CPU to stop early (`requestStop()`), e.g. a device wrote to debug-exit. */
  Requested = 7,
}

/** Who delivers maskable interrupts to this CPU: its LAPIC (or the 8259 in virtual-wire mode). */
export interface InterruptSource {
  /** True when an interrupt would be delivered if EFLAGS.IF were 1. */
  hasPending(): boolean;
  /** Called when the CPU takes the interrupt; returns the vector (IRR -> ISR in the LAPIC). */
  acknowledge(): number;
}

/** The hooks the machine gives a CPU. */
export interface CpuHost {
  /** Current value of the time stamp counter (virtual cycles). */
  readTsc(cpuId: number): bigint;
  /** WRMSR/RDMSR for MSRs the CPU core does not keep itself (IA32_APIC_BASE lives in the LAPIC). */
  readMsr?(cpuId: number, msr: number): bigint | undefined;
  writeMsr?(cpuId: number, msr: number, value: bigint): boolean;
  /** Log line for `-d int,cpu_reset,guest_errors,unimp` (category is one of those words). */
  log?(category: string, text: string): void;
}

export type Reg32 = "eax" | "ecx" | "edx" | "ebx" | "esp" | "ebp" | "esi" | "edi";
export type SegReg = "es" | "cs" | "ss" | "ds" | "fs" | "gs";

/** A register view for debuggers and monitors (the gdb i386 layout order). */
export interface CpuRegisters {
  eax: number; ecx: number; edx: number; ebx: number;
  esp: number; ebp: number; esi: number; edi: number;
  eip: number; eflags: number;
  cs: number; ss: number; ds: number; es: number; fs: number; gs: number;
  cr0: number; cr2: number; cr3: number; cr4: number;
}

export interface FaultReport {
  vector: number;
  errorCode?: number;
  eip: number;
  text: string;
}

export interface CpuCore {
  readonly id: number;
  /** Retired instructions since power-on (the virtual clock is built on this). */
  readonly instructionCount: number;

  /** Execute up to `budget` instructions; returns how many retired and why it stopped. */
  run(budget: number): { executed: number; reason: StopReason };

  /** True when the CPU is in HLT or wait-for-SIPI (the run loop skips it until woken). */
  readonly sleeping: boolean;

  // ---- pins ----
  setInterruptSource(src: InterruptSource): void;
  /** Nudge a halted CPU: a pending interrupt (if IF=1) or an NMI ends HLT. */
  wake(): void;
  nmi(): void;
  /** INIT: reset to the INIT state and wait for SIPI (APs) — the BSP resets likewise. */
  init(): void;
  /** SIPI: leave wait-for-SIPI and start in real mode at CS = vector << 8, IP = 0. */
  sipi(vector: number): void;
  /** Power-on reset: real mode at F000:FFF0. */
  reset(): void;
  requestStop(): void;

  // ---- state for firmware, debuggers and monitors ----
  getRegisters(): CpuRegisters;
  setRegisters(r: Partial<CpuRegisters>): void;
  /**
   * Put the CPU into 32-bit protected mode with flat 4 GiB code (selector `cs`) and data
   * (selector `ds`) segments, paging off, IF=0 — the state the Multiboot spec promises.
   */
  enterFlatProtectedMode(eip: number, cs: number, ds: number): void;
  /** Translate a linear address through the current page tables without touching A/D bits or the TLB. */
  debugTranslate(linear: number): number | undefined;
  /** Read/write linear memory for a debugger (no faults raised; undefined when unmapped). */
  debugRead(linear: number, length: number): Uint8Array | undefined;
  debugWrite(linear: number, bytes: Uint8Array): boolean;
  /** Valid TLB entries: for `info tlb`. */
  tlbEntries(): { linear: number; physical: number; writable: boolean; user: boolean; global: boolean }[];

  // ---- debugging ----
  singleStep: boolean;
  /**
   * CS base + EIP: the linear address of the next instruction, which is what breakpoints
   * are keyed by. Optional for CPUs that only run flat code (there it equals EIP).
   */
  linearEip?(): number;
  setBreakpoint(linear: number): void;
  clearBreakpoint(linear: number): void;
  setWatchpoint(linear: number, length: number, kind: "write" | "read" | "access"): void;
  clearWatchpoint(linear: number, length: number, kind: "write" | "read" | "access"): void;
  readonly lastWatch: { linear: number; kind: "write" | "read" | "access" } | undefined;
  readonly lastFault: FaultReport | undefined;
}

/** How the machine constructs a CPU. */
export type CpuFactory = (id: number, bus: Bus, host: CpuHost) => CpuCore;
