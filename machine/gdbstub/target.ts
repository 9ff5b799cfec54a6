// What the protocol core needs from the thing being debugged. The real machine is adapted to
// this in machine-target.ts; unit tests use a fake. Keeping the core behind this interface is
// what lets the protocol be tested without a CPU, and served to a browser later.
//
// CPUs are numbered by index 0..cpuCount-1 here; the protocol shows them as threads 1..N
// (thread ids 0 and -1 mean "any" and "all" in the protocol, so a CPU cannot be thread 0).

/** The registers the stub exposes, as 32-bit values (the core i386 set plus control registers). */
export interface TargetRegisters {
  eax: number; ecx: number; edx: number; ebx: number;
  esp: number; ebp: number; esi: number; edi: number;
  eip: number; eflags: number;
  cs: number; ss: number; ds: number; es: number; fs: number; gs: number;
  cr0: number; cr2: number; cr3: number; cr4: number;
}

export type WatchKind = "write" | "read" | "access";

/** How the target last stopped, as reported to gdb. */
export type StopEvent =
  | { reason: "breakpoint"; cpu: number }
  | { reason: "watchpoint"; cpu: number; kind: WatchKind; address: number }
  | { reason: "step"; cpu: number }
  /** Stopped because the stub asked (Ctrl-C from gdb, or attach). */
  | { reason: "interrupt"; cpu: number }
  /** The guest ended the machine (debug-exit port, or shutdown); `status` as the process would exit. */
  | { reason: "exited"; status: number }
  /** Triple fault or another condition the guest cannot continue from. */
  | { reason: "fault"; cpu: number; text: string };

/** What a CPU should do when the target resumes: gdb's vCont actions, reduced. */
export type ResumeAction = "continue" | "step" | "stay";

/** One entry of a CPU's TLB, for `monitor info tlb`. */
export interface TlbView {
  linear: number;
  physical: number;
  writable: boolean;
  user: boolean;
  global: boolean;
}

/** A named 32-bit register of some device, for `monitor info lapic`. */
export interface NamedValue {
  name: string;
  value: number;
}

export interface GdbTarget {
  readonly cpuCount: number;

  // ---- state of a stopped target ----
  readRegisters(cpu: number): TargetRegisters;
  writeRegisters(cpu: number, values: Partial<TargetRegisters>): void;
  /**
   * Read memory as `cpu` sees it: through its current page tables (`physical` false) or at
   * physical addresses. Returns the bytes readable from `address` on, which may be fewer than
   * asked (an unmapped page ends the read) or none.
   */
  readMemory(cpu: number, address: number, length: number, physical: boolean): Uint8Array;
  /** Write memory; false when any part could not be written (nothing is promised about partial writes). */
  writeMemory(cpu: number, address: number, bytes: Uint8Array, physical: boolean): boolean;
  /** True when the CPU sits in HLT or waits for SIPI (shown as `[halted ]`). */
  isHalted(cpu: number): boolean;

  // ---- breakpoints: on every CPU, by linear address ----
  /** Returns false when the target cannot set this one (the reply is then an error). */
  addBreakpoint(address: number): boolean;
  removeBreakpoint(address: number): boolean;
  addWatchpoint(address: number, length: number, kind: WatchKind): boolean;
  removeWatchpoint(address: number, length: number, kind: WatchKind): boolean;

  // ---- run control (all-stop: one CPU stopping stops them all) ----
  /**
   * Stop every CPU now. Called when gdb attaches and on Ctrl-C. Cancels a pending resume:
   * its `onStop` is then never called.
   */
  halt(): void;
  /**
   * Let the CPUs run, each as `actions[cpu]` says, and call `onStop` once, after every CPU has
   * stopped again, naming the CPU (or event) that caused the stop. A step action ends after
   * one instruction of that CPU. May call `onStop` before returning.
   */
  resume(actions: ResumeAction[], onStop: (event: StopEvent) => void): void;
  /** gdb's `k`: end the machine. */
  kill(): void;
  /** gdb detached: remove nothing here (the stub clears breakpoints itself), just run freely. */
  detach(): void;

  // ---- monitor (qRcmd) views; optional because not every target has them ----
  tlbEntries?(cpu: number): TlbView[];
  lapicRegisters?(cpu: number): NamedValue[] | undefined;
}
