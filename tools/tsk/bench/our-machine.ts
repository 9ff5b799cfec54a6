// Boots a Multiboot image on Damselfly's own machine (machine/ with boot/firmware's
// Multiboot loader), in deterministic mode, and reports what QEMU's runner reports plus the
// exact count of retired guest instructions.
import { multibootFirmware } from "../../../boot/firmware/index.ts";
import { Machine } from "../../../machine/machine.ts";
import type { RunResult } from "../../../test/reference/run-result.ts";

export interface OurMachineOptions {
  /** Give up after this much host time. Default 60 s. */
  timeoutMs?: number;
  /** Give up after this many guest instructions. Default 4e9. */
  maxInstructions?: number;
  memoryMB?: number;
}

export async function runOnOurMachine(image: Uint8Array, options: OurMachineOptions = {}): Promise<RunResult & { instructions: number }> {
  const started = performance.now();
  const machine = Machine.create({ cpus: 1, memoryMB: options.memoryMB ?? 32, kernel: image, firmware: multibootFirmware, deterministic: true, noReboot: true });
  const bytes: number[] = [];
  machine.on("serial0-output-byte", (b) => void bytes.push(b));
  const exit = await machine.run({ maxInstructions: options.maxInstructions ?? 4e9, wallMs: options.timeoutMs ?? 60_000 });
  const serial = Buffer.from(bytes).toString("latin1");
  return {
    serial,
    exitStatus: exit.kind === "debug-exit" ? exit.status : exit.kind === "triple-fault" ? 0 : undefined,
    timedOut: exit.kind === "stopped",
    wallMs: performance.now() - started,
    instructions: machine.instructions,
    diagnostics: exit.kind === "triple-fault" ? exit.report : "",
  };
}
