// What running an image on any judge (QEMU, v86, our machine) produces, in one shape so tests
// compare them field by field.
import type { HostCpuSample } from "./host-cpu.ts";

export interface RunResult {
  /** Every byte the guest wrote to COM1, as latin1 text (one char per byte). */
  serial: string;
  /**
   * QEMU's convention for the isa-debug-exit port: a guest write of v to port 0xF4 gives
   * (v << 1) | 1. For QEMU this is the process exit status (0 after a triple fault with
   * -no-reboot); v86 and our machine report the same number. Undefined when the run ended
   * any other way (timeout, crash).
   */
  exitStatus: number | undefined;
  /** The run was stopped by the harness after `timeoutMs`. */
  timedOut: boolean;
  /** Host wall-clock time of the whole run, process start included. */
  wallMs: number;
  /** Guest instructions retired, where the judge counts them (v86 does, QEMU does not). */
  instructions?: number;
  /** Anything the judge itself said on stderr, or why it stopped abnormally. */
  diagnostics: string;
  /**
   * When each COM1 newline was written (host ms, on the judge's own clock) and the guest
   * instruction count then, where the judge counts instructions: benchmarks use it to time
   * steady-state phases of a guest.
   */
  lineMarks?: LineMark[];
}

export interface LineMark {
  atMs: number;
  instructions: number;
  /** Host CPU time consumed so far by the judge's process and its emulator thread (host-cpu.ts). */
  cpu?: HostCpuSample;
  /** v86 with its JIT: what the JIT had done so far (see v86-child.ts). */
  jit?: JitSample;
}

/**
 * Counters of v86's x86-to-wasm JIT, from the hooks v86 calls itself: a module is compiled
 * for a group of hot pages; a module is dropped when a page it covers is written (v86
 * invalidates whole 4 KiB pages) or when a recompile of the page replaces it.
 */
export interface JitSample {
  /** Wasm modules v86 generated and V8 instantiated. */
  modules: number;
  /** Their total size in bytes. */
  wasmBytes: number;
  /** Modules dropped from v86's function table. */
  dropped: number;
}

/** Path of a file on disk, or the image bytes themselves. */
export type ImageSource = Uint8Array | string;

/** The value the guest wrote to the debug-exit port, recovered from a QEMU-style status. */
export function debugExitValue(status: number | undefined): number | undefined {
  return status !== undefined && (status & 1) === 1 ? status >>> 1 : undefined;
}
