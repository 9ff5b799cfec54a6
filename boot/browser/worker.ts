// The Web Worker that owns the machine, so a busy guest never freezes the page. It boots what
// the page sends, streams COM1 output back in batches (one message per ~16 ms, not per byte)
// and samples per-CPU statistics a few times a second for the live panel.
import { Machine, MachineConfigError } from "../../machine/machine.ts";
import { multibootFirmware } from "../firmware/index.ts";
import type { BootRequest, PageToWorker, WorkerToPage } from "./protocol.ts";

const OUTPUT_BATCH_MS = 16;
const STATS_PERIOD_MS = 250;

interface WorkerScope {
  postMessage(message: WorkerToPage, transfer?: Transferable[]): void;
  onmessage: ((ev: MessageEvent<PageToWorker>) => void) | null;
}
const scope = globalThis as unknown as WorkerScope;

let machine: Machine | undefined;
let lastBoot: BootRequest | undefined;
let pendingOutput: number[] = [];
let flushTimer: ReturnType<typeof setTimeout> | undefined;
let statsTimer: ReturnType<typeof setInterval> | undefined;

function post(message: WorkerToPage, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}

function flushOutput(): void {
  flushTimer = undefined;
  if (pendingOutput.length === 0) return;
  const bytes = Uint8Array.from(pendingOutput);
  pendingOutput = [];
  post({ type: "serial", bytes }, [bytes.buffer]);
}

function postStats(m: Machine): void {
  const s = m.stats();
  post({ type: "stats", stats: { hostMs: performance.now(), cpus: s.cpus, ipis: s.ipis, paused: m.isPaused } });
}

function describeExit(exit: Awaited<ReturnType<Machine["run"]>>): string {
  switch (exit.kind) {
    case "debug-exit":
      return `the guest exited through isa-debug-exit with status ${exit.status}`;
    case "triple-fault":
      return `CPU ${exit.cpu} triple-faulted; the machine stopped.\n${exit.report}`;
    case "stopped":
      return "the machine stopped";
  }
}

function boot(req: BootRequest): void {
  machine?.stop();
  machine = undefined;
  if (statsTimer !== undefined) clearInterval(statsTimer);
  lastBoot = req;
  let m: Machine;
  try {
    m = Machine.create({
      cpus: req.cpus,
      memoryMB: req.memoryMB,
      kernel: new Uint8Array(req.kernel),
      modules: req.modules.map((x) => ({ string: x.string, data: new Uint8Array(x.data) })),
      cmdline: req.cmdline,
      seed: req.seed,
      firmware: multibootFirmware,
    });
  } catch (e) {
    const why = e instanceof MachineConfigError ? e.message : `an unexpected error: ${String(e)}`;
    post({ type: "error", message: `cannot boot ${req.kernelName}: ${why}` });
    return;
  }
  machine = m;
  m.on("serial0-output-byte", (b) => {
    pendingOutput.push(b);
    flushTimer ??= setTimeout(flushOutput, OUTPUT_BATCH_MS);
  });
  post({ type: "booted", cpus: req.cpus, memoryMB: req.memoryMB, kernelName: req.kernelName });
  statsTimer = setInterval(() => postStats(m), STATS_PERIOD_MS);
  m.run().then(
    (exit) => {
      if (machine !== m) return; // replaced by a newer boot
      flushOutput();
      postStats(m);
      if (statsTimer !== undefined) clearInterval(statsTimer);
      post({ type: "exit", text: describeExit(exit) });
    },
    (e: unknown) => post({ type: "error", message: `the machine stopped on an internal error: ${String(e)}` }),
  );
}

scope.onmessage = (ev) => {
  const msg = ev.data;
  switch (msg.type) {
    case "boot":
      boot(msg);
      break;
    case "input":
      machine?.serialInput(msg.bytes);
      break;
    case "pause":
      machine?.pause();
      if (machine !== undefined) postStats(machine);
      break;
    case "resume":
      machine?.resume();
      break;
    case "reset":
      // A full power cycle: a new machine from the same image, so devices start clean too.
      if (lastBoot !== undefined) boot(lastBoot);
      break;
  }
};
