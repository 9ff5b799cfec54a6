// Boots a Multiboot image in v86 (npm, one CPU, no BIOS) in a child process and collects COM1
// output, the debug-exit value and v86's instruction counter. See v86-child.ts for why v86
// never runs inside the calling process.
import { fork } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { bundleHostScript } from "./host-bundle.ts";
import { repoRoot } from "./repo-root.ts";
import type { V86ChildMessage, V86ChildRequest } from "./v86-child.ts";
import type { ImageSource, JitSample, RunResult } from "./run-result.ts";

export interface V86Options {
  /** Multiboot command line. */
  append?: string;
  /** RAM in MiB; v86 wants a power of two. Default 128. */
  memMB?: number;
  /** Kill v86 after this long. Default 30 s. */
  timeoutMs?: number;
  /** Use v86's x86-to-wasm JIT (its normal mode). Default true; false sets `disable_jit`. */
  jit?: boolean;
}

export interface V86Result extends RunResult {
  /**
   * Whether v86's JIT was on (its JIT_DISABLED setting read back from its wasm) and its
   * counters at the end of the run; undefined when the child could not read them.
   */
  jit?: JitSample & { enabled: boolean };
}

/** Run `image` under v86 until it writes the debug-exit port, stops, or times out. */
export function runOnV86(image: ImageSource, options: V86Options = {}): Promise<V86Result> {
  const root = repoRoot();
  const memMB = options.memMB ?? 128;
  if (!Number.isInteger(memMB) || memMB < 1 || (memMB & (memMB - 1)) !== 0) {
    throw new RangeError(`runOnV86: memMB must be a power of two (v86 sizes its memory that way), not ${memMB}`);
  }
  const bytes = typeof image === "string" ? new Uint8Array(readFileSync(image)) : image;
  const request: V86ChildRequest = {
    image: bytes,
    wasmPath: path.join(root, "node_modules", "v86", "build", "v86.wasm"),
    memoryBytes: memMB * 1024 * 1024,
    cmdline: options.append,
    jit: options.jit ?? true,
  };
  const timeoutMs = options.timeoutMs ?? 30_000;
  const started = performance.now();
  const child = fork(bundleHostScript("test/reference/v86-child.ts"), [], {
    cwd: root,
    serialization: "advanced",
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  return new Promise((resolve) => {
    const serial: Buffer[] = [];
    const stderr: Buffer[] = [];
    let done: Extract<V86ChildMessage, { kind: "done" }> | undefined;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.stdout?.on("data", (b: Buffer) => stderr.push(b));
    child.stderr?.on("data", (b: Buffer) => stderr.push(b));
    child.on("message", (msg: V86ChildMessage) => {
      if (msg.kind === "serial") serial.push(Buffer.from(msg.bytes));
      else {
        done = msg;
        clearTimeout(timer);
      }
    });
    child.on("error", (e) => stderr.push(Buffer.from(`could not start the v86 child process: ${e.message}\n`)));
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const notes = [Buffer.concat(stderr).toString("utf8")];
      if (done?.error !== undefined) notes.push(done.error);
      if (done === undefined && !timedOut) notes.push(`v86 child process ended (code ${code}, signal ${signal}) without a result`);
      if (done !== undefined && done.log.length > 0) notes.push(done.log);
      const value = done?.debugExitValue;
      resolve({
        serial: Buffer.concat(serial).toString("latin1"),
        exitStatus: value === undefined ? undefined : ((value << 1) | 1) >>> 0,
        timedOut,
        wallMs: performance.now() - started,
        instructions: done?.instructions,
        lineMarks: done?.lineMarks,
        jit: done?.jit,
        diagnostics: notes.filter((n) => n.length > 0).join("\n"),
      });
    });
    child.send(request);
  });
}
