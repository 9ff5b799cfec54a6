// The multi-core platform's costs (issue 4): what halted CPUs cost the host, and how long a
// machine takes from process start to the guest's first serial line, against QEMU and v86.
//
// idle cost: test/platform/images/idle-aps.S starts every AP (they halt with IF=0), then the
//   BSP alone runs 20M loop iterations between two lines; the loop's host time with -smp 4
//   and with -smp 1 (deterministic mode, seed 1). Ideal: equal.
// first line: test/platform/images/first-line.S prints one line. Ours and QEMU are spawned as
//   commands (`damselfly -kernel`, `qemu-system-i386 -kernel`) and timed from spawn to the
//   first newline on stdout; v86 runs in its child process and is timed from that process's
//   start (its own clock) to the newline.
import { spawn } from "node:child_process";
import path from "node:path";
import { requireTool } from "../../../test/host-tools.ts";
import { buildPlatformImage } from "../../../test/platform/images/build.ts";
import { runOnDamselfly } from "../../../test/reference/damselfly.ts";
import { repoRoot } from "../../../test/reference/repo-root.ts";
import { runOnV86 } from "../../../test/reference/v86.ts";
import type { Benchmark, BenchmarkContext, BenchmarkResult, Measurement } from "../benchmark.ts";

/** Spawn a command and return ms from spawn to the first newline on its stdout (then kill it). */
function msToFirstLine(command: string, args: string[], timeoutMs: number): Promise<number | string> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(command, args, { stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let result: number | string | undefined;
    const timer = setTimeout(() => {
      result ??= `no line within ${timeoutMs} ms`;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.stdout.on("data", (b: Buffer) => {
      out += b.toString("latin1");
      if (result === undefined && out.includes("\n")) {
        result = out.startsWith("first line\n") ? performance.now() - started : `first line was ${JSON.stringify(out.split("\n")[0])}`;
        child.kill("SIGKILL");
      }
    });
    child.on("close", () => {
      clearTimeout(timer);
      resolve(result ?? `exited before a line: ${JSON.stringify(out)}`);
    });
  });
}

async function idleLoopMs(smp: number): Promise<number | string> {
  const r = await runOnDamselfly(buildPlatformImage("idle-aps"), { smp, timeoutMs: 300_000 });
  if (r.serial !== "work start\nwork done\n" || r.exitStatus !== 0x21) return `-smp ${smp}: output ${JSON.stringify(r.serial)}, exit ${r.exitStatus}`;
  const marks = r.lineMarks ?? [];
  if (marks.length < 2) return `-smp ${smp}: no timing marks`;
  return marks[1]!.atMs - marks[0]!.atMs;
}

export const platform: Benchmark = {
  name: "platform",
  description: "idle cost of halted CPUs (-smp 4 vs -smp 1) and process start to first serial line vs QEMU and v86",
  async run(ctx: BenchmarkContext): Promise<BenchmarkResult> {
    const rounds = ctx.quick ? 1 : 3;
    const best = new Map<string, Measurement>();
    const failures: string[] = [];
    const keep = (subject: string, v: number | string, unit: string, note: string) => {
      if (typeof v === "string") {
        failures.push(`${subject}: not timed: ${v}`);
        return;
      }
      const prev = best.get(subject);
      if (prev === undefined || v < prev.value) best.set(subject, { subject, value: v, unit, lowerIsBetter: true, note });
    };
    const qemu = requireTool("qemu-system-i386");
    const firstLine = path.join(repoRoot(), "build", "platform", "first-line.elf");
    buildPlatformImage("first-line");
    for (let round = 1; round <= rounds; round++) {
      ctx.progress(`platform: idle cost, round ${round} of ${rounds} ...`);
      keep("damselfly -smp 1", await idleLoopMs(1), "ms", "BSP loop of 20M iterations");
      keep("damselfly -smp 4", await idleLoopMs(4), "ms", "same loop, 3 APs halted");
      ctx.progress(`platform: first serial line, round ${round} of ${rounds} ...`);
      keep("damselfly (first line)", await msToFirstLine(process.execPath, [path.join(repoRoot(), "bin", "damselfly.mjs"), "-kernel", firstLine, "-smp", "4", "-nographic"], 60_000), "ms", "spawn to first line, -smp 4");
      keep("qemu (first line)", await msToFirstLine(qemu, ["-kernel", firstLine, "-smp", "4", "-m", "128", "-display", "none", "-serial", "stdio", "-monitor", "none", "-no-reboot"], 60_000), "ms", "spawn to first line, TCG, -smp 4");
      const v = await runOnV86(firstLine, { timeoutMs: 60_000 });
      const mark = v.lineMarks?.[0];
      keep("v86 (first line)", v.serial.startsWith("first line\n") && mark !== undefined ? mark.atMs : `output ${JSON.stringify(v.serial)} ${v.diagnostics}`, "ms", "child process start to first line, 1 CPU");
    }
    return {
      measurements: [...best.values()],
      ratios: [
        { subject: "damselfly -smp 4", reference: "damselfly -smp 1", goal: 0.9 },
        { subject: "damselfly (first line)", reference: "qemu (first line)" },
        { subject: "damselfly (first line)", reference: "v86 (first line)" },
      ],
      notes: [`best of ${rounds} round(s); ratios are reference time / our time (above 1: we are faster)`, ...failures],
    };
  },
};
