// The v86 side of runOnV86, run in its own Node process. v86 leaves its run loop by throwing
// the string "HALT" when the guest writes the debug-exit port, keeps global state, and cannot
// be interrupted from outside while its wasm runs; a child process contains all three and
// can simply be killed at the timeout.
//
// Protocol (IPC, advanced serialization): the parent sends one V86ChildRequest; the child
// answers with any number of {serial} batches and one final {done}.
import { V86 } from "v86";
import { sampleHostCpu } from "./host-cpu.ts";
import type { JitSample, LineMark } from "./run-result.ts";

export interface V86ChildRequest {
  image: Uint8Array;
  wasmPath: string;
  memoryBytes: number;
  cmdline?: string;
  jit: boolean;
}

export type V86ChildMessage =
  | { kind: "serial"; bytes: Uint8Array }
  | {
      kind: "done";
      debugExitValue: number | undefined;
      instructions: number;
      error?: string;
      log: string;
      lineMarks: LineMark[];
      /** v86's own JIT_DISABLED setting read back from its wasm, and the JIT's counters at the end. */
      jit?: JitSample & { enabled: boolean };
    };

const FLUSH_INTERVAL_MS = 20;

let emulator: V86 | undefined;
let pending: number[] = [];
let log = "";
/** v86's counter is 32 bits; sampling it often enough lets us count past 2^32. */
let instructionsBefore = 0;
let lastCounter = 0;
let finished = false;
const lineMarks: LineMark[] = [];
/** The value the guest wrote to port 0xF4, parsed from v86's log line. */
let exitValueSeen: number | undefined;
const jit: JitSample = { modules: 0, wasmBytes: 0, dropped: 0 };
let jitHooked = false;
/** v86's JIT_DISABLED read back (undefined if this v86 does not export its JIT settings). */
let jitEnabled: boolean | undefined;

/** The parts of v86's internal CPU object the JIT counters hook into (present in the release build). */
interface V86CpuInternals {
  test_hook_did_finalize_wasm?: (code: Uint8Array) => void;
  jit_clear_func: (index: number) => void;
  wm: { exports: { get_jit_config?: (index: number) => number } };
}

/**
 * Count v86's JIT work through the hooks its CPU object calls: `test_hook_did_finalize_wasm`
 * after V8 instantiated a generated module, `jit_clear_func` when a module's table slot is
 * freed. Both are looked up on the object at every call, so wrapping them here sees every
 * event; the cost is one extra call per module, nothing per guest instruction.
 */
function hookJit(): void {
  if (jitHooked || emulator === undefined) return;
  const cpu = (emulator as unknown as { v86?: { cpu?: V86CpuInternals } }).v86?.cpu;
  if (cpu === undefined) return;
  jitHooked = true;
  const config = cpu.wm.exports.get_jit_config;
  jitEnabled = typeof config === "function" ? config(0) === 0 : undefined;
  const previousHook = cpu.test_hook_did_finalize_wasm;
  cpu.test_hook_did_finalize_wasm = (code) => {
    jit.modules++;
    jit.wasmBytes += code.byteLength;
    previousHook?.(code);
  };
  const clear = cpu.jit_clear_func.bind(cpu);
  cpu.jit_clear_func = (index) => {
    jit.dropped++;
    clear(index);
  };
}

function sampleInstructions(): number {
  const now = emulator?.get_instruction_counter() ?? 0;
  if (now < lastCounter) instructionsBefore += 2 ** 32;
  lastCounter = now;
  return instructionsBefore + now;
}

function send(msg: V86ChildMessage): void {
  process.send?.(msg);
}

function flushSerial(): void {
  if (pending.length > 0) {
    send({ kind: "serial", bytes: Uint8Array.from(pending) });
    pending = [];
  }
}

function finish(debugExitValue: number | undefined, error?: string): void {
  if (finished) return;
  finished = true;
  flushSerial();
  const instructions = sampleInstructions();
  try {
    emulator?.stop();
  } catch {
    // The emulator may already be unusable (it threw); we only need the process to end.
  }
  // Exit once the result is on its way: v86 keeps timers alive, so exiting is the only
  // reliable way to stop it.
  const done: V86ChildMessage = {
    kind: "done",
    debugExitValue,
    instructions,
    error,
    log,
    lineMarks,
    jit: jitEnabled === undefined ? undefined : { ...jit, enabled: jitEnabled },
  };
  if (process.send === undefined) process.exit(0);
  else process.send(done, () => process.exit(0));
}

// v86 announces the debug-exit value only through console.log ("Test exited with code 0x..").
// Everything v86 prints goes to the log the parent receives, none to our stdout.
console.log = (...args: unknown[]) => {
  const text = args.map(String).join(" ");
  log += text + "\n";
  const m = /Test exited with code (?:0x)?([0-9a-fA-F]+)/.exec(text);
  if (m !== null) exitValueSeen = parseInt(m[1]!, 16);
};
console.warn = console.log;
console.error = console.log;

process.on("uncaughtException", (e: unknown) => {
  if (e === "HALT") finish(exitValueSeen);
  else finish(undefined, `v86 stopped with an error: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
});
process.on("unhandledRejection", (e: unknown) => {
  finish(undefined, `v86 stopped with an error: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
});

process.once("message", (req: V86ChildRequest) => {
  const image = req.image;
  emulator = new V86({
    wasm_path: req.wasmPath,
    memory_size: req.memoryBytes,
    multiboot: { buffer: image.buffer.slice(image.byteOffset, image.byteOffset + image.byteLength) as ArrayBuffer },
    cmdline: req.cmdline,
    autostart: true,
    acpi: true,
    disable_jit: !req.jit,
  });
  emulator.add_listener("emulator-ready", hookJit);
  emulator.add_listener("serial0-output-byte", (byte: number) => {
    pending.push(byte);
    if (byte === 0x0a) {
      hookJit();
      lineMarks.push({ atMs: performance.now(), instructions: sampleInstructions(), cpu: sampleHostCpu(), jit: { ...jit } });
    }
  });
  setInterval(() => {
    sampleInstructions();
    flushSerial();
  }, FLUSH_INTERVAL_MS);
});
