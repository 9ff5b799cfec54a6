// cpubench guest MIPS: the shared benchmark image (../shared/bench/cpubench/ from the repository
// root) on our machine, on v86 with its JIT and on v86 with `disable_jit`, one after another in
// this run. Speed is the steady state: instructions over host time across the last
// iterations, between their "I <checksum>" lines. v86's JIT needs about 15 iterations (430M
// instructions) before it has compiled the hot code, so the runs are long and only their
// tail is timed. A run whose checksums differ from QEMU's is reported, not timed.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { runOnDamselfly } from "../../../test/reference/damselfly.ts";
import { repoRoot } from "../../../test/reference/repo-root.ts";
import type { RunResult } from "../../../test/reference/run-result.ts";
import { runOnV86 } from "../../../test/reference/v86.ts";
import type { Benchmark, BenchmarkContext, BenchmarkResult, Measurement } from "../benchmark.ts";

/** As many as expected-iters20.txt has checksums for. */
const ITERATIONS = 20;
/** The timed tail: the last this-many iterations. */
const TIMED_ITERATIONS = 5;
const QUICK_ITERATIONS = 4;
/** Rounds over all subjects, interleaved; each subject's best round counts (load on a shared host only slows runs down). */
const ROUNDS = 3;
/** The goal: our interpreter at least 1.5x v86 with its JIT disabled. */
const GOAL_VS_V86_NOJIT = 1.5;

function cpubenchDir(): string {
  return path.join(repoRoot(), "..", "shared", "bench", "cpubench");
}

interface Subject {
  name: string;
  run(image: string, iterations: number): Promise<RunResult>;
}

const SUBJECTS: Subject[] = [
  { name: "damselfly", run: (image, n) => runOnDamselfly(image, { append: `iters=${n}`, timeoutMs: 600_000 }) },
  { name: "v86 (jit)", run: (image, n) => runOnV86(image, { append: `iters=${n}`, jit: true, timeoutMs: 600_000 }) },
  { name: "v86 (no jit)", run: (image, n) => runOnV86(image, { append: `iters=${n}`, jit: false, timeoutMs: 600_000 }) },
];

/**
 * MIPS over the last `timed` iterations (default all but the first) from the newline marks of
 * BOOT, I x N, DONE; or why it cannot be had.
 */
export function steadyStateMips(r: RunResult, iterations: number, expectedLines: string[], timed = iterations - 1): { mips: number; instructions: number; ms: number } | string {
  const lines = r.serial.split("\n");
  const want = ["BOOT", ...expectedLines.slice(0, iterations), "DONE", ""];
  const bad = want.findIndex((l, i) => lines[i] !== l);
  if (bad >= 0) return `output line ${bad + 1} is ${JSON.stringify(lines[bad] ?? "(missing)")}, expected ${JSON.stringify(want[bad])}${r.timedOut ? " (timed out)" : ""}`;
  const marks = r.lineMarks ?? [];
  // marks[0] = after BOOT, marks[i] = after iteration i.
  const first = marks[iterations - timed];
  const last = marks[iterations];
  if (first === undefined || last === undefined || last.atMs <= first.atMs) return "no usable timing marks";
  const instructions = last.instructions - first.instructions;
  const ms = last.atMs - first.atMs;
  return { mips: instructions / ms / 1000, instructions, ms };
}

export const cpubench: Benchmark = {
  name: "cpubench",
  description: "guest MIPS of the cpubench image: our machine vs v86 with and without its JIT",
  async run(ctx: BenchmarkContext): Promise<BenchmarkResult> {
    const dir = cpubenchDir();
    const image = path.join(dir, "cpubench.elf");
    const expectedFile = path.join(dir, "expected-iters20.txt");
    if (!existsSync(image) || !existsSync(expectedFile)) {
      throw new Error(`cpubench: ${image} or ${expectedFile} is missing (the shared folder ../shared/bench/cpubench/ next to the repository)`);
    }
    const expected = readFileSync(expectedFile, "latin1").split("\n").filter((l) => l.startsWith("I "));
    const iterations = ctx.quick ? QUICK_ITERATIONS : ITERATIONS;
    const rounds = ctx.quick ? 1 : ROUNDS;
    const best = new Map<string, Measurement>();
    const failures: string[] = [];
    for (let round = 1; round <= rounds; round++) {
      for (const s of SUBJECTS) {
        ctx.progress(`cpubench: ${s.name}, iters=${iterations}, round ${round} of ${rounds} ...`);
        const r = await s.run(image, iterations);
        const m = steadyStateMips(r, iterations, expected, Math.min(TIMED_ITERATIONS, iterations - 1));
        if (typeof m === "string") {
          failures.push(`${s.name}: not timed: ${m}`);
          continue;
        }
        const previous = best.get(s.name);
        if (previous === undefined || m.mips > previous.value) {
          best.set(s.name, {
            subject: s.name,
            value: m.mips,
            unit: "guest MIPS",
            note: `${(m.instructions / 1e6).toFixed(1)}M instructions in ${(m.ms / 1000).toFixed(2)} s`,
          });
        }
      }
    }
    const measurements = SUBJECTS.map((s) => best.get(s.name)).filter((m): m is Measurement => m !== undefined);
    return {
      measurements,
      ratios: [
        { subject: "damselfly", reference: "v86 (no jit)", goal: GOAL_VS_V86_NOJIT },
        { subject: "damselfly", reference: "v86 (jit)" },
      ],
      notes: [
        `steady state: the last ${Math.min(TIMED_ITERATIONS, iterations - 1)} iterations of iters=${iterations} (one iteration is about 28.65M instructions; v86's JIT warms up for about 15), best of ${rounds} interleaved round(s); each machine counts its own instructions`,
        ...failures,
      ],
    };
  },
};
