// Boots a Multiboot image on our own machine (machine/machine.ts with boot/firmware), in this
// process or (isolate) in a worker thread, and reports in the same shape as runOnQemu and
// runOnV86 so tests compare the three.
import { readFileSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { bundleHostScript } from "./host-bundle.ts";
import { sampleHostCpu } from "./host-cpu.ts";
import { multibootFirmware } from "../../boot/firmware/index.ts";
import type { CpuFactory } from "../../machine/cpu/interface.ts";
import { Machine, type MachineExit } from "../../machine/machine.ts";
import type { ImageSource, LineMark, RunResult } from "./run-result.ts";

export interface DamselflyOptions {
  /** Number of CPUs. Default 1. */
  smp?: number;
  /** RAM in MiB. Default 128. */
  memMB?: number;
  /** Multiboot command line. */
  append?: string;
  /** Multiboot modules (each a path or bytes; the module string is its file name or "module<i>"). */
  initrd?: ImageSource[];
  /** Stop after this much host time. Default 30 s. */
  timeoutMs?: number;
  /** Stop after this many instructions (all CPUs). */
  maxInstructions?: number;
  /** Interleaving seed (implies deterministic mode). Default 1: tests are deterministic. */
  seed?: number;
  /** A CPU implementation other than the machine's default (for tests of alternatives). */
  cpuFactory?: CpuFactory;
  /**
   * Run in a worker thread that is terminated if it has not answered 10 s after timeoutMs:
   * for guests that may find a CPU bug that hangs the interpreter (random instruction tests).
   * Costs a worker start (tens of ms); not combinable with cpuFactory.
   */
  isolate?: boolean;
}

/** How long past timeoutMs an isolated run may take before its worker is terminated. */
const ISOLATE_GRACE_MS = 10_000;

export interface DamselflyResult extends RunResult {
  /** How the machine's run ended. */
  exit: MachineExit | undefined;
}

/** Run `image` on our machine until it writes the debug-exit port, stops, or a limit is hit. */
export async function runOnDamselfly(image: ImageSource, options: DamselflyOptions = {}): Promise<DamselflyResult> {
  if (options.isolate === true) return runIsolated(image, options);
  const started = performance.now();
  const kernel = typeof image === "string" ? new Uint8Array(readFileSync(image)) : image;
  const modules = (options.initrd ?? []).map((m, i) => ({
    string: typeof m === "string" ? m : `module${i}`,
    data: typeof m === "string" ? new Uint8Array(readFileSync(m)) : m,
  }));
  const serial: number[] = [];
  let machine: Machine;
  try {
    machine = Machine.create(
      {
        cpus: options.smp ?? 1,
        memoryMB: options.memMB ?? 128,
        kernel,
        modules,
        cmdline: options.append,
        seed: options.seed ?? 1,
        noReboot: true,
        firmware: multibootFirmware,
      },
      ...(options.cpuFactory !== undefined ? [options.cpuFactory] : []),
    );
  } catch (e) {
    return {
      serial: "",
      exitStatus: undefined,
      timedOut: false,
      wallMs: performance.now() - started,
      diagnostics: `the machine could not be built: ${e instanceof Error ? e.message : String(e)}`,
      exit: undefined,
    };
  }
  const lineMarks: LineMark[] = [];
  machine.on("serial0-output-byte", (b) => {
    serial.push(b);
    if (b === 0x0a) lineMarks.push({ atMs: performance.now(), instructions: machine.instructions, cpu: sampleHostCpu() });
  });
  const timeoutMs = options.timeoutMs ?? 30_000;
  const exit = await machine.run({ wallMs: timeoutMs, maxInstructions: options.maxInstructions });
  const wallMs = performance.now() - started;
  return {
    serial: Buffer.from(serial).toString("latin1"),
    exitStatus: exit.kind === "debug-exit" ? exit.status : exit.kind === "triple-fault" ? 0 : undefined,
    timedOut: exit.kind === "stopped" && wallMs >= timeoutMs,
    wallMs,
    instructions: machine.instructions,
    diagnostics: exit.kind === "triple-fault" ? exit.report : "",
    lineMarks,
    exit,
  };
}

function runIsolated(image: ImageSource, options: DamselflyOptions): Promise<DamselflyResult> {
  if (options.cpuFactory !== undefined) throw new Error("runOnDamselfly: isolate cannot be combined with cpuFactory (a function cannot cross into a worker)");
  const started = performance.now();
  const bytes = typeof image === "string" ? new Uint8Array(readFileSync(image)) : image;
  const initrd = (options.initrd ?? []).map((m) => (typeof m === "string" ? m : m.slice()));
  const timeoutMs = options.timeoutMs ?? 30_000;
  const worker = new Worker(bundleHostScript("test/reference/damselfly-worker.ts"), {
    workerData: { image: bytes, options: { ...options, initrd, isolate: false } },
  });
  return new Promise((resolve) => {
    let settled = false;
    const finish = (r: DamselflyResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(r);
    };
    const failed = (why: string, timedOut: boolean): DamselflyResult => ({
      serial: "",
      exitStatus: undefined,
      timedOut,
      wallMs: performance.now() - started,
      diagnostics: why,
      exit: undefined,
    });
    const timer = setTimeout(
      () => finish(failed(`our machine did not return within ${timeoutMs + ISOLATE_GRACE_MS} ms (the interpreter may be stuck); its worker was terminated`, true)),
      timeoutMs + ISOLATE_GRACE_MS,
    );
    worker.on("message", (r: DamselflyResult) => finish({ ...r, wallMs: performance.now() - started }));
    worker.on("error", (e) => finish(failed(`our machine threw in its worker: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`, false)));
    worker.on("exit", (code) => finish(failed(`the worker running our machine exited (code ${code}) without a result`, false)));
  });
}
