// The harness's own arithmetic: steady-state timing from line marks, ratios and goals.
import { describe, expect, test } from "vitest";
import type { RunResult } from "../../test/reference/run-result.ts";
import { steadyStateMips } from "./benchmarks/cpubench.ts";
import { formatResult } from "./main.ts";

const EXPECTED = ["I aaaaaaaa", "I bbbbbbbb", "I cccccccc"];

function run(serial: string, marks: [number, number][]): RunResult {
  return { serial, exitStatus: 33, timedOut: false, wallMs: 0, diagnostics: "", lineMarks: marks.map(([atMs, instructions]) => ({ atMs, instructions })) };
}

describe("cpubench steady state", () => {
  test("times iterations 2..n from the newline marks", () => {
    // BOOT at 0 ms; iteration ends at 100, 150, 200 ms, 10M instructions each.
    const r = run("BOOT\nI aaaaaaaa\nI bbbbbbbb\nI cccccccc\nDONE\n", [[0, 1e5], [100, 10.1e6], [150, 20.1e6], [200, 30.1e6], [201, 30.1e6]]);
    const m = steadyStateMips(r, 3, EXPECTED);
    expect(m).toEqual({ mips: 200, instructions: 20e6, ms: 100 });
  });

  test("refuses to time a run whose checksums are wrong, naming the line", () => {
    const r = run("BOOT\nI aaaaaaaa\nI 00000000\nI cccccccc\nDONE\n", [[0, 0], [1, 1], [2, 2], [3, 3], [4, 4]]);
    expect(steadyStateMips(r, 3, EXPECTED)).toBe('output line 3 is "I 00000000", expected "I bbbbbbbb"');
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
