// cpubench guest MIPS: the shared benchmark image (../shared/bench/cpubench/ from the repository
// root) on our machine, on v86 with its JIT and on v86 with `disable_jit`, one after another in
// this run; and a variant of the image with its data on a page of its own (cpubench-image.ts)
// on our machine and v86 with its JIT, to show what v86's JIT does when the guest leaves it
// warm.
//
// Every subject runs in a fresh V8 (v86 in a child process, our machine in a worker thread),
// counts its own guest instructions and reads the same clocks at each COM1 newline. Speed is
// the steady state: instructions over the last iterations, between their "I <checksum>"
// lines, per second of CPU time of the thread that runs the emulator. Not wall time: this
// host's 2 cores are shared, under a load of 8 the emulator waits for a CPU most of the time
// and wall-time MIPS of one image vary 5x between runs. On an idle machine an emulator's wall
// time is its thread's CPU time (V8's compiler and GC helpers run on other cores), so the
// thread's CPU time is the figure an idle machine's wall clock would show. Wall time, the
// process's CPU time (helpers included: what v86's JIT costs the host in compile work) and
// the share of the window spent waiting for a CPU are printed beside it.
// A run whose checksums differ from QEMU's, or a v86 whose JIT was not in the state asked
// for, is reported, not timed.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { runOnDamselfly } from "../../../test/reference/damselfly.ts";
import { repoRoot } from "../../../test/reference/repo-root.ts";
import type { JitSample, LineMark, RunResult } from "../../../test/reference/run-result.ts";
import { runOnV86, type V86Result } from "../../../test/reference/v86.ts";
import type { Benchmark, BenchmarkContext, BenchmarkResult, Measurement } from "../benchmark.ts";
import { buildDataPageVariant } from "./cpubench-image.ts";

/** As many as expected-iters20.txt has checksums for. */
const ITERATIONS = 20;
/**
 * The timed tail: the last this-many iterations. Measured per iteration, our machine and v86
 * on the data-page variant reach their steady speed within the first 8 iterations (v86's
 * last module there is compiled in iteration 5 or so); v86 on the shared image recompiles in
 * every iteration, so no window makes it warmer.
 */
const TIMED_ITERATIONS = 10;
const QUICK_ITERATIONS = 4;
/** Rounds over all subjects, interleaved; each subject's best round counts (load on a shared host only slows runs down). */
const ROUNDS = 3;
/** The goal: our interpreter at least 1.5x v86 with its JIT disabled. */
const GOAL_VS_V86_NOJIT = 1.5;

function cpubenchDir(): string {
  return path.join(repoRoot(), "..", "shared", "bench", "cpubench");
}

type Variant = "shared" | "datapage";

interface Subject {
  name: string;
  variant: Variant;
  /** For v86: the JIT state the run must have had to count. */
  v86Jit?: boolean;
  run(image: string, iterations: number): Promise<RunResult & { jit?: V86Result["jit"] }>;
}

const TIMEOUT_MS = 600_000;
const onDamselfly = (image: string, n: number) => runOnDamselfly(image, { append: `iters=${n}`, timeoutMs: TIMEOUT_MS, isolate: true });
const onV86 = (jit: boolean) => (image: string, n: number) => runOnV86(image, { append: `iters=${n}`, jit, timeoutMs: TIMEOUT_MS });

const SUBJECTS: Subject[] = [
  { name: "damselfly", variant: "shared", run: onDamselfly },
  { name: "v86 (jit)", variant: "shared", v86Jit: true, run: onV86(true) },
  { name: "v86 (no jit)", variant: "shared", v86Jit: false, run: onV86(false) },
  { name: "damselfly [data page]", variant: "datapage", run: onDamselfly },
  { name: "v86 (jit) [data page]", variant: "datapage", v86Jit: true, run: onV86(true) },
];

/** A stretch of a run between two line marks, in every clock the judge read. */
export interface Window {
  instructions: number;
  wallMs: number;
  /** CPU time of the emulator's process, all threads. */
  cpuMs?: number;
  /** CPU time of the emulator's own thread. */
  threadMs?: number;
  /** Time that thread spent runnable but waiting for a CPU. */
  waitMs?: number;
  /** v86's JIT work within the window. */
  jit?: JitSample;
}

export function windowBetween(a: LineMark, b: LineMark): Window {
  const w: Window = { instructions: b.instructions - a.instructions, wallMs: b.atMs - a.atMs };
  if (a.cpu !== undefined && b.cpu !== undefined) {
    w.cpuMs = b.cpu.processMs - a.cpu.processMs;
    if (a.cpu.threadMs !== undefined && b.cpu.threadMs !== undefined) w.threadMs = b.cpu.threadMs - a.cpu.threadMs;
    if (a.cpu.threadWaitMs !== undefined && b.cpu.threadWaitMs !== undefined) w.waitMs = b.cpu.threadWaitMs - a.cpu.threadWaitMs;
  }
  if (a.jit !== undefined && b.jit !== undefined) {
    w.jit = { modules: b.jit.modules - a.jit.modules, wasmBytes: b.jit.wasmBytes - a.jit.wasmBytes, dropped: b.jit.dropped - a.jit.dropped };
  }
  return w;
}

/** Million instructions per second of `ms`. */
export function mips(instructions: number, ms: number): number {
  return instructions / ms / 1000;
}

export interface Timing {
  /** The last `timed` iterations. */
  steady: Window;
  /** BOOT to the last iteration: all of the warm-up included. */
  all: Window;
}

/**
 * The steady-state window over the last `timed` iterations (default all but the first) and the
 * whole BOOT..last-iteration window, from the newline marks of BOOT, I x N, DONE; or why
 * they cannot be had.
 */
export function cpubenchTiming(r: RunResult, iterations: number, expectedLines: string[], timed = iterations - 1): Timing | string {
  const lines = r.serial.split("\n");
  const want = ["BOOT", ...expectedLines.slice(0, iterations), "DONE", ""];
  const bad = want.findIndex((l, i) => lines[i] !== l);
  if (bad >= 0) return `output line ${bad + 1} is ${JSON.stringify(lines[bad] ?? "(missing)")}, expected ${JSON.stringify(want[bad])}${r.timedOut ? " (timed out)" : ""}`;
  const marks = r.lineMarks ?? [];
  // marks[0] = after BOOT, marks[i] = after iteration i.
  const boot = marks[0];
  const first = marks[iterations - timed];
  const last = marks[iterations];
  if (boot === undefined || first === undefined || last === undefined || last.atMs <= first.atMs) return "no usable timing marks";
  const steady = windowBetween(first, last);
  if (steady.threadMs !== undefined && steady.threadMs <= 0) return "no CPU time in the timed window";
  return { steady, all: windowBetween(boot, last) };
}

/** The headline figure of a window: MIPS per second of the emulator thread's CPU time where known, else of wall time. */
export function headlineMips(w: Window): number {
  return mips(w.instructions, w.threadMs ?? w.wallMs);
}

/** Why a v86 run is not the JIT state its subject names, or undefined if it is. */
export function v86JitProblem(jitWanted: boolean, r: { jit?: V86Result["jit"] }): string | undefined {
  const j = r.jit;
  if (j === undefined) return "v86's JIT state could not be read";
  if (j.enabled !== jitWanted) return `v86 ran with its JIT ${j.enabled ? "on" : "off"}`;
  if (jitWanted && j.modules === 0) return "v86's JIT compiled nothing";
  if (!jitWanted && j.modules !== 0) return `v86 compiled ${j.modules} wasm modules with its JIT off`;
  return undefined;
}

function fmt(v: number): string {
  return v >= 100 ? v.toFixed(0) : v.toFixed(1);
}

interface Best {
  timing: Timing;
  value: number;
  rounds: number[];
}

function describe(b: Best, timedIterations: number): string {
  const s = b.timing.steady;
  const parts = [`${(s.instructions / 1e6).toFixed(1)}M instructions`];
  if (s.threadMs !== undefined) parts.push(`${(s.threadMs / 1000).toFixed(2)} s thread CPU`);
  parts.push(`wall ${(s.wallMs / 1000).toFixed(2)} s = ${fmt(mips(s.instructions, s.wallMs))} MIPS`);
  if (s.waitMs !== undefined) parts.push(`waited for a CPU ${Math.round((100 * s.waitMs) / s.wallMs)}% of it`);
  if (s.cpuMs !== undefined) parts.push(`process CPU (all threads) ${fmt(mips(s.instructions, s.cpuMs))} MIPS`);
  const all = b.timing.all;
  parts.push(`from BOOT on ${fmt(headlineMips(all))}`);
  if (s.jit !== undefined) parts.push(`JIT per timed iteration: ${fmt(s.jit.modules / timedIterations)} modules (${fmt(s.jit.wasmBytes / timedIterations / 1024)} KB) compiled, ${fmt(s.jit.dropped / timedIterations)} dropped`);
  if (b.rounds.length > 1) parts.push(`rounds ${b.rounds.map(fmt).join(" / ")}`);
  return parts.join("; ");
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
    const variant = buildDataPageVariant(repoRoot(), dir, path.join(repoRoot(), "build", "bench", "cpubench"));
    const images: Record<Variant, string | undefined> = { shared: image, datapage: "image" in variant ? variant.image : undefined };
    const expected = readFileSync(expectedFile, "latin1").split("\n").filter((l) => l.startsWith("I "));
    const iterations = ctx.quick ? QUICK_ITERATIONS : ITERATIONS;
    const timed = Math.min(TIMED_ITERATIONS, iterations - 1);
    const rounds = ctx.quick ? 1 : ROUNDS;
    const best = new Map<string, Best>();
    const failures: string[] = [];
    for (let round = 1; round <= rounds; round++) {
      for (const s of SUBJECTS) {
        const img = images[s.variant];
        if (img === undefined) continue;
        ctx.progress(`cpubench: ${s.name}, iters=${iterations}, round ${round} of ${rounds} ...`);
        const r = await s.run(img, iterations);
        const t = cpubenchTiming(r, iterations, expected, timed);
        const jitProblem = s.v86Jit === undefined ? undefined : v86JitProblem(s.v86Jit, r);
        if (typeof t === "string" || jitProblem !== undefined) {
          failures.push(`${s.name}: not timed: ${typeof t === "string" ? t : jitProblem}`);
          continue;
        }
        const value = headlineMips(t.steady);
        const previous = best.get(s.name);
        const seen = [...(previous?.rounds ?? []), value];
        if (previous === undefined || value > previous.value) best.set(s.name, { timing: t, value, rounds: seen });
        else previous.rounds = seen;
      }
    }
    const measurements: Measurement[] = [];
    for (const s of SUBJECTS) {
      const b = best.get(s.name);
      if (b === undefined) continue;
      const cpu = b.timing.steady.threadMs !== undefined;
      measurements.push({ subject: s.name, value: b.value, unit: cpu ? "guest MIPS (thread CPU)" : "guest MIPS (wall)", note: describe(b, timed) });
    }
    const wallRatio = (a: string, b: string): string => {
      const x = best.get(a)?.timing.steady;
      const y = best.get(b)?.timing.steady;
      return x === undefined || y === undefined ? `${a} / ${b}: n/a` : `${a} / ${b} = ${(mips(x.instructions, x.wallMs) / mips(y.instructions, y.wallMs)).toFixed(2)}x`;
    };
    return {
      measurements,
      ratios: [
        { subject: "damselfly", reference: "v86 (no jit)", goal: GOAL_VS_V86_NOJIT },
        { subject: "damselfly", reference: "v86 (jit)" },
        { subject: "damselfly [data page]", reference: "v86 (jit) [data page]" },
      ],
      notes: [
        `steady state: the last ${timed} iterations of iters=${iterations} (one iteration is about 28.65M instructions), per second of CPU time of the emulator's thread (what an idle host's wall clock shows); best of ${rounds} interleaved round(s); each machine counts its own instructions`,
        `the shared image stores its random seed on its code page once per iteration: v86 drops the JIT code of a written page, so "v86 (jit)" recompiles in every iteration; "[data page]" is the same code with .data on its own page (see tools/bench/README.md)`,
        `wall-clock ratios of the same rounds (they move with the host's load): ${wallRatio("damselfly", "v86 (jit)")}, ${wallRatio("damselfly", "v86 (no jit)")}, ${wallRatio("damselfly [data page]", "v86 (jit) [data page]")}`,
        ...("why" in variant ? [`[data page] variant not measured: ${variant.why}`] : []),
        ...failures,
      ],
    };
  },
};
