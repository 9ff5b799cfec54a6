// Runs a Multiboot image on our machine and returns the same RunResult shape the reference
// judges (test/reference) return, so tests compare field by field.
import { multibootFirmware } from "../../boot/firmware/index.ts";
import { Machine, type MachineConfig } from "../../machine/machine.ts";
import type { RunResult } from "../reference/run-result.ts";

export interface DamselflyRunOptions {
  cpus?: number;
  memoryMB?: number;
  seed?: number;
  /** Default true: tests run in deterministic mode. */
  deterministic?: boolean;
  wallMs?: number;
  maxInstructions?: number;
  /** Send `input` on the serial port once the output contains `after`. */
  input?: { after: string; bytes: string };
  extra?: Partial<MachineConfig>;
}

export interface DamselflyRunResult extends RunResult {
  machine: Machine;
}

export async function runOnDamselfly(image: Uint8Array, o: DamselflyRunOptions = {}): Promise<DamselflyRunResult> {
  const started = performance.now();
  const deterministic = o.deterministic ?? true;
  const machine = Machine.create({
    cpus: o.cpus ?? 4,
    memoryMB: o.memoryMB ?? 128,
    kernel: image,
    firmware: multibootFirmware,
    deterministic,
    noReboot: true,
    ...(o.seed !== undefined ? { seed: o.seed } : {}),
    ...o.extra,
  });
  let serial = "";
  let sent = false;
  machine.on("serial0-output-byte", (b) => {
    serial += String.fromCharCode(b);
    if (o.input !== undefined && !sent && serial.includes(o.input.after)) {
      sent = true;
      machine.serialInput(new TextEncoder().encode(o.input.bytes));
    }
  });
  const exit = await machine.run({ wallMs: o.wallMs ?? 120_000, ...(o.maxInstructions !== undefined ? { maxInstructions: o.maxInstructions } : {}) });
  return {
    serial,
    exitStatus: exit.kind === "debug-exit" ? exit.status : exit.kind === "triple-fault" ? 0 : undefined,
    timedOut: exit.kind === "stopped",
    wallMs: performance.now() - started,
    instructions: machine.instructions,
    diagnostics: exit.kind === "triple-fault" ? exit.report : "",
    machine,
  };
}
