// Runs the real gdb in batch mode against a stub on localhost, asynchronously (the stub under
// test lives in this same process and must keep serving while gdb runs), with a timeout.

import { spawn } from "node:child_process";
import { requireTool } from "../../../test/host-tools.ts";

export interface GdbRun {
  stdout: string;
  stderr: string;
  code: number | null;
  timedOut: boolean;
}

export interface GdbBatchOptions {
  port: number;
  /** gdb commands run after `target remote`, one `-ex` each. */
  commands: string[];
  /** ELF whose symbols gdb loads. */
  file?: string;
  timeoutMs?: number;
}

export function runGdbBatch(options: GdbBatchOptions): Promise<GdbRun> {
  const gdb = requireTool("gdb");
  const args = ["-batch", "-nx", "-q"];
  if (options.file !== undefined) args.push(options.file);
  const pre = ["set pagination off", "set confirm off", "set width 0", "set remotetimeout 10", `target remote 127.0.0.1:${options.port}`];
  for (const c of [...pre, ...options.commands]) args.push("-ex", c);
  return new Promise((resolve) => {
    const child = spawn(gdb, args, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, options.timeoutMs ?? 20_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code, timedOut });
    });
  });
}

/** A readable description of a gdb run, for assertion messages. */
export function describeRun(run: GdbRun): string {
  return `gdb exit ${run.code}${run.timedOut ? " (timed out)" : ""}\n--- stdout ---\n${run.stdout}\n--- stderr ---\n${run.stderr}`;
}
