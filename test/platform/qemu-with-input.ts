// QEMU with serial input: like test/reference's runOnQemu, but writes `input` to the guest's
// COM1 (QEMU's stdin) once the output contains `after` — for the UART receive-interrupt test.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { requireTool } from "../host-tools.ts";
import type { RunResult } from "../reference/run-result.ts";

export async function runOnQemuWithInput(image: Uint8Array, o: { smp: string; after: string; input: string; timeoutMs?: number }): Promise<RunResult> {
  const qemu = requireTool("qemu-system-i386");
  const dir = mkdtempSync(path.join(tmpdir(), "damselfly-qemu-input-"));
  const kernel = path.join(dir, "kernel.elf");
  writeFileSync(kernel, image);
  const started = performance.now();
  try {
    return await new Promise<RunResult>((resolve) => {
      const child = spawn(qemu, ["-kernel", kernel, "-smp", o.smp, "-m", "128", "-display", "none", "-serial", "stdio", "-monitor", "none", "-no-reboot", "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"], { stdio: ["pipe", "pipe", "pipe"] });
      let serial = "";
      let diagnostics = "";
      let sent = false;
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill("SIGKILL");
      }, o.timeoutMs ?? 30_000);
      child.stdout.on("data", (b: Buffer) => {
        serial += b.toString("latin1");
        if (!sent && serial.includes(o.after)) {
          sent = true;
          child.stdin.write(o.input);
        }
      });
      child.stderr.on("data", (b: Buffer) => (diagnostics += b.toString()));
      child.on("close", (code) => {
        clearTimeout(timer);
        resolve({ serial, exitStatus: timedOut || code === null ? undefined : code, timedOut, wallMs: performance.now() - started, diagnostics });
      });
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
