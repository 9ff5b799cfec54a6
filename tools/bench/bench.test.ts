// The harness's own arithmetic: steady-state timing from line marks, ratios and goals.
import { describe, expect, test } from "vitest";
import type { LineMark, RunResult } from "../../test/reference/run-result.ts";
import { cpubenchTiming, headlineMips, v86JitProblem } from "./benchmarks/cpubench.ts";
import { formatResult } from "./main.ts";

const EXPECTED = ["I aaaaaaaa", "I bbbbbbbb", "I cccccccc"];

function run(serial: string, marks: [number, number][] | LineMark[]): RunResult {
  const lineMarks = marks.map((m) => (Array.isArray(m) ? { atMs: m[0], instructions: m[1] } : m));
  return { serial, exitStatus: 33, timedOut: false, wallMs: 0, diagnostics: "", lineMarks };
}

const OUTPUT = "BOOT\nI aaaaaaaa\nI bbbbbbbb\nI cccccccc\nDONE\n";

describe("cpubench steady state", () => {
  test("times iterations 2..n from the newline marks, by wall time when no CPU time was read", () => {
    // BOOT at 0 ms; iteration ends at 100, 150, 200 ms, 10M instructions each.
    const r = run(OUTPUT, [[0, 1e5], [100, 10.1e6], [150, 20.1e6], [200, 30.1e6], [201, 30.1e6]]);
    const t = cpubenchTiming(r, 3, EXPECTED);
    if (typeof t === "string") throw new Error(t);
    expect(t.steady).toEqual({ instructions: 20e6, wallMs: 100 });
    expect(t.all).toEqual({ instructions: 30e6, wallMs: 200 });
    expect(headlineMips(t.steady)).toBe(200);
  });

  test("the headline is per second of the emulator thread's CPU time; process time, waiting and JIT work are differences too", () => {
    const mark = (atMs: number, instructions: number, processMs: number, threadMs: number, threadWaitMs: number, modules: number): LineMark => ({
      atMs,
      instructions,
      cpu: { processMs, threadMs, threadWaitMs },
      jit: { modules, wasmBytes: modules * 1000, dropped: Math.max(0, modules - 2) },
    });
    // The last 2 iterations: 20M instructions in 400 ms of wall time, of which the thread ran
    // 80 ms and waited 300 ms; the process (with its compiler threads) used 125 ms.
    const r = run(OUTPUT, [mark(0, 0, 10, 9, 1, 0), mark(100, 10e6, 60, 40, 50, 5), mark(300, 20e6, 110, 80, 200, 9), mark(500, 30e6, 185, 120, 350, 13), mark(501, 30e6, 185, 120, 350, 13)]);
    const t = cpubenchTiming(r, 3, EXPECTED, 2);
    if (typeof t === "string") throw new Error(t);
    expect(t.steady).toEqual({ instructions: 20e6, wallMs: 400, cpuMs: 125, threadMs: 80, waitMs: 300, jit: { modules: 8, wasmBytes: 8000, dropped: 8 } });
    expect(headlineMips(t.steady)).toBe(250);
  });

  test("refuses to time a run whose checksums are wrong, naming the line", () => {
    const r = run("BOOT\nI aaaaaaaa\nI 00000000\nI cccccccc\nDONE\n", [[0, 0], [1, 1], [2, 2], [3, 3], [4, 4]]);
    expect(cpubenchTiming(r, 3, EXPECTED)).toBe('output line 3 is "I 00000000", expected "I bbbbbbbb"');
  });

  test("refuses a v86 run whose JIT was not in the state its subject names", () => {
    const on = { enabled: true, modules: 12, wasmBytes: 300_000, dropped: 11 };
    expect(v86JitProblem(true, { jit: on })).toBeUndefined();
    expect(v86JitProblem(true, { jit: { ...on, modules: 0, wasmBytes: 0, dropped: 0 } })).toBe("v86's JIT compiled nothing");
    expect(v86JitProblem(true, { jit: { ...on, enabled: false } })).toBe("v86 ran with its JIT off");
    expect(v86JitProblem(false, { jit: { enabled: false, modules: 0, wasmBytes: 0, dropped: 0 } })).toBeUndefined();
    expect(v86JitProblem(false, { jit: on })).toBe("v86 ran with its JIT on");
    expect(v86JitProblem(true, {})).toBe("v86's JIT state could not be read");
  });
});

describe("bench table", () => {
  test("prints measurements, ratios and whether a goal is met", () => {
    const text = formatResult(
      { name: "demo", description: "a demo", run: async () => ({ measurements: [], ratios: [] }) },
      {
        measurements: [
          { subject: "ours", value: 300, unit: "guest MIPS" },
          { subject: "ref", value: 100, unit: "guest MIPS" },
          { subject: "fast", value: 1000, unit: "guest MIPS" },
        ],
        ratios: [
          { subject: "ours", reference: "ref", goal: 1.5 },
          { subject: "ours", reference: "fast", goal: 1 },
          { subject: "ours", reference: "missing" },
        ],
      },
    );
    expect(text).toContain("ours / ref = 3.00x   goal >= 1.5x: met");
    expect(text).toContain("ours / fast = 0.30x   goal >= 1x: NOT MET");
    expect(text).toContain("ours / missing: not available");
  });
});
