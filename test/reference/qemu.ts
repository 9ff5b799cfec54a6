// Boots a Multiboot image in qemu-system-i386 (TCG, never KVM) and collects COM1 output and
// the isa-debug-exit status. QEMU is the project's main outside judge; see
// ../shared/design/references.md for the flags and exit conventions used here.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { requireTool } from "../host-tools.ts";
import type { ImageSource, RunResult } from "./run-result.ts";

export interface QemuOptions {
  /** Number of CPUs (-smp). Default 1. */
  smp?: number;
  /** RAM in MiB (-m). Default 128. */
  memMB?: number;
  /** Multiboot command line (-append). */
  append?: string;
  /** Multiboot modules (-initrd), each a path or the module's bytes. */
  initrd?: ImageSource[];
  /** Kill QEMU after this long. Default 30 s. */
  timeoutMs?: number;
  /** Extra arguments appended to the command line (e.g. ["-d", "int"]). */
  extraArgs?: string[];
}

/** Run `image` under QEMU until it writes the debug-exit port, stops, or times out. */
export async function runOnQemu(image: ImageSource, options: QemuOptions = {}): Promise<RunResult> {
  const qemu = requireTool("qemu-system-i386");
  for (const [name, v, lo, hi] of [["smp", options.smp ?? 1, 1, 255], ["memMB", options.memMB ?? 128, 2, 3072]] as const) {
    if (!Number.isInteger(v) || v < lo || v > hi) throw new RangeError(`runOnQemu: ${name} must be an integer from ${lo} to ${hi}, not ${v}`);
  }
  const dir = mkdtempSync(path.join(tmpdir(), "damselfly-qemu-"));
  try {
    const kernel = materialize(image, dir, "kernel.elf");
    const modules = (options.initrd ?? []).map((m, i) => materialize(m, dir, `module${i}`));
    if (modules.some((m) => m.includes(","))) {
      throw new Error(`runOnQemu: module paths may not contain a comma (QEMU splits -initrd on commas): ${modules.join(" ")}`);
    }
    const args = [
      "-kernel", kernel,
      "-smp", String(options.smp ?? 1),
      "-m", String(options.memMB ?? 128),
      "-display", "none",
      "-serial", "stdio",
      "-monitor", "none",
      "-no-reboot",
      "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
    ];
    if (options.append !== undefined) args.push("-append", options.append);
    if (modules.length > 0) args.push("-initrd", modules.join(","));
    args.push(...(options.extraArgs ?? []));
    return await runProcess(qemu, args, options.timeoutMs ?? 30_000);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function materialize(source: ImageSource, dir: string, name: string): string {
  if (typeof source === "string") return path.resolve(source);
  const file = path.join(dir, name);
  writeFileSync(file, source);
  return file;
}

function runProcess(command: string, args: string[], timeoutMs: number): Promise<RunResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", (e) => err.push(Buffer.from(`could not start ${command}: ${e.message}\n`)));
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({
        serial: Buffer.concat(out).toString("latin1"),
        exitStatus: timedOut || code === null ? undefined : code,
        timedOut,
        wallMs: performance.now() - started,
        diagnostics: Buffer.concat(err).toString("utf8"),
      });
    });
  });
}
