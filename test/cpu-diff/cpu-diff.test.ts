// The differential CPU test. v86, QEMU and our machine run the same generated images. The
// judges must agree with each other on every case except where one has a documented deviation
// (judge-deviations.ts) — that keeps the generator's undefined-flag masks honest — and our CPU
// must agree with v86, or with QEMU on the cases where v86 is known to be wrong.
import { describe, expect, test } from "vitest";
import { FAMILIES, generateCases, type TestCase } from "./cases.ts";
import { compareRuns, memoryDifferences, parseDumps, parseMemoryDumps } from "./compare.ts";
import { CASES_DONE_EXIT, buildCaseImage, buildImage, imageSource, skipCases } from "./image.ts";
import { JUDGE_DEVIATIONS, deviationsFor } from "./judge-deviations.ts";
import { runOnQemu } from "../reference/qemu.ts";
import { runOnV86 } from "../reference/v86.ts";
import { runOnDamselfly } from "../reference/damselfly.ts";
import type { DamselflyResult } from "../reference/damselfly.ts";
import type { RunResult } from "../reference/run-result.ts";
import { DIFF_IMAGES, casesForImage, type DiffImageSpec } from "./suite.ts";

describe("cpu-diff generator", () => {
  test("the same seed gives the same image source; another seed a different one", () => {
    const a = imageSource(generateCases(7, 50), 7);
    expect(imageSource(generateCases(7, 50), 7)).toBe(a);
    expect(imageSource(generateCases(8, 50), 8)).not.toBe(a);
  });

  test("every instruction family appears in one image's cases", () => {
    const seen = new Set(casesForImage(DIFF_IMAGES[0]!).flatMap((c) => c.families));
    const missing = FAMILIES.map((f) => f.name).filter((n) => !seen.has(n));
    expect(missing, `families never generated`).toEqual([]);
  });

  test("every judge deviation still matches generated cases (its pattern has not gone stale)", () => {
    const many = generateCases(12345, 4000);
    const stale = JUDGE_DEVIATIONS.filter((d) => !many.some((c) => d.applies(c))).map((d) => `${d.judge}: ${d.reason}`);
    expect(stale, "deviations that match no case").toEqual([]);
  });

  test("the comparison reports a changed defined flag and ignores a changed undefined one", () => {
    const [c] = generateCases(1, 1);
    const base = { eax: 1, ecx: 2, edx: 3, ebx: 4, esp: 5, ebp: 6, esi: 7, edi: 8, eflags: 0x2, vector: 0xffffffff, errcode: 0, faultEip: 0, memory: 9 };
    const case0 = { ...c!, undefinedFlags: 0x10, undefinedRegs: [] };
    const run = (d: typeof base) => new Map([[0, d]]);
    expect(compareRuns([case0], run(base), run({ ...base, eflags: 0x12 }), { expected: "a", actual: "b" })).toEqual([]);
    const diffs = compareRuns([case0], run(base), run({ ...base, eflags: 0x3 }), { expected: "a", actual: "b" });
    expect(diffs.map((d) => d.fields)).toEqual([["eflags"]]);
    expect(diffs[0]!.report).toContain("differ in CF");
  });
});

/** Judges run in child processes; on a loaded 2-core host an image can take a while. */
const IMAGE_TEST_TIMEOUT_MS = 240_000;

/** Each image runs once on each machine; the tests below share the runs. */
const runs = new Map<number, Promise<{ cases: TestCase[]; qemu: RunResult; v86: RunResult; ours: DamselflyResult }>>();
function runImage(spec: DiffImageSpec) {
  let r = runs.get(spec.seed);
  if (r === undefined) {
    r = (async () => {
      const cases = casesForImage(spec);
      const built = buildCaseImage(cases, spec.seed, { repeat: spec.repeat, codeSize: spec.codeSize, paging: spec.paging });
      // Each judge skips the cases it is known to get wrong: a wrong answer can derail the rest
      // of its run (QEMU's CMPXCHG8B can set TF). Skipping patches a jump, so no address moves.
      const [qemu, v86, ours] = await Promise.all([
        runOnQemu(skipCases(built, cases, (c) => deviationsFor(c, "qemu").length > 0), { timeoutMs: 60_000 }),
        runOnV86(skipCases(built, cases, (c) => deviationsFor(c, "v86").length > 0), { timeoutMs: 60_000, jit: false }),
        runOnDamselfly(built.image, { timeoutMs: 120_000, isolate: true }),
      ]);
      return { cases, qemu, v86, ours };
    })();
    runs.set(spec.seed, r);
  }
  return r;
}

const FINISHED = (CASES_DONE_EXIT << 1) | 1;

test("our machine is deterministic: an image run twice gives the same output and instruction count", async () => {
  const cases = generateCases(99, 150);
  const image = buildImage(cases, 99, { repeat: 50, paging: true });
  const [a, b] = [await runOnDamselfly(image, { timeoutMs: 60_000 }), await runOnDamselfly(image, { timeoutMs: 60_000 })];
  expect(a.exitStatus).toBe(FINISHED);
  expect(b.serial === a.serial, "the two runs printed different output").toBe(true);
  expect(b.instructions).toBe(a.instructions);
}, IMAGE_TEST_TIMEOUT_MS);

describe("cpu-diff judges: v86 and QEMU agree", () => {
  for (const spec of DIFF_IMAGES) {
    test(`seed ${spec.seed}: ${spec.cases} cases, ${spec.codeSize}-bit code${spec.paging ? ", paging" : ""}, each run ${spec.repeat}x`, async () => {
      const { cases, qemu, v86 } = await runImage(spec);
      expect(qemu.exitStatus, `QEMU did not finish the image: ${qemu.diagnostics}`).toBe(FINISHED);
      expect(v86.exitStatus, `v86 did not finish the image: ${v86.diagnostics}`).toBe(FINISHED);
      const trusted = cases.filter((c) => deviationsFor(c, "v86").length === 0 && deviationsFor(c, "qemu").length === 0);
      const diffs = compareRuns(trusted, parseDumps(v86.serial), parseDumps(qemu.serial), { expected: "v86", actual: "qemu" });
      expect(diffs.length, diffs.length > 0 ? `${diffs.length} cases differ; the first:\n${diffs[0]!.report}` : "").toBe(0);
      // Most cases must be judged by both, or the deviation list has grown too broad.
      expect(trusted.length).toBeGreaterThan(cases.length * 0.9);
    }, IMAGE_TEST_TIMEOUT_MS);
  }
});

describe("cpu-diff: our CPU agrees with the judges", () => {
  for (const spec of DIFF_IMAGES) {
    test(`seed ${spec.seed}: ${spec.cases} cases, ${spec.codeSize}-bit code${spec.paging ? ", paging" : ""}, each run ${spec.repeat}x (v86 is the reference; QEMU where v86 is known wrong)`, async () => {
      const { cases, qemu, v86, ours } = await runImage(spec);
      expect(ours.exitStatus, `our machine did not finish the image (${ours.exit?.kind ?? "no exit"}): ${ours.diagnostics}\nlast output: ${ours.serial.slice(-300)}`).toBe(FINISHED);
      const oursDumps = parseDumps(ours.serial);
      const byV86 = cases.filter((c) => deviationsFor(c, "v86").length === 0);
      const byQemu = cases.filter((c) => deviationsFor(c, "v86").length > 0 && deviationsFor(c, "qemu").length === 0);
      const diffs = [
        ...compareRuns(byV86, parseDumps(v86.serial), oursDumps, { expected: "v86", actual: "ours" }),
        ...compareRuns(byQemu, parseDumps(qemu.serial), oursDumps, { expected: "qemu", actual: "ours" }),
      ].sort((a, b) => a.index - b.index);
      const summary = diffs.map((d) => d.index).slice(0, 20).join(", ");
      const first = diffs[0];
      const memory = first?.fields.includes("memory") === true ? await scratchDifferences(cases, spec, first.index, byQemu.some((c) => c.index === first.index)) : "";
      // A third opinion: what QEMU printed for the same case (unless it is the reference already).
      const third = first !== undefined && !byQemu.some((c) => c.index === first.index) ? parseDumps(qemu.serial).get(first.index) : undefined;
      const thirdLine = third === undefined ? "" : `\n  qemu: ${Object.entries(third).map(([k, v]) => `${k}=0x${(v >>> 0).toString(16)}`).join(" ")}`;
      expect(
        diffs.length,
        first !== undefined ? `${diffs.length} of ${cases.length} cases differ (seed ${spec.seed}; cases ${summary}); the first:\n${first.report}${thirdLine}${memory}` : "",
      ).toBe(0);
    }, IMAGE_TEST_TIMEOUT_MS);
  }
});

/** For a memory difference: rerun the case alone with full scratch dumps and list the differing dwords. */
async function scratchDifferences(cases: TestCase[], spec: DiffImageSpec, index: number, qemuIsReference: boolean): Promise<string> {
  const only = cases.filter((c) => c.index === index);
  const image = buildImage(only, spec.seed, { fullMemory: true, repeat: spec.repeat, codeSize: spec.codeSize, paging: spec.paging });
  const [reference, ours] = await Promise.all([
    qemuIsReference ? runOnQemu(image, { timeoutMs: 30_000 }) : runOnV86(image, { timeoutMs: 30_000, jit: false }),
    runOnDamselfly(image, { timeoutMs: 30_000, isolate: true }),
  ]);
  const e = parseMemoryDumps(reference.serial).get(index);
  const a = parseMemoryDumps(ours.serial).get(index);
  if (e === undefined || a === undefined) return "\n  (the scratch area could not be dumped)";
  const name = qemuIsReference ? "qemu" : "v86";
  return `\n  scratch dwords that differ (offset: ${name} vs ours; scratch = 0x2f00, the case's stack starts at +448):\n    ${memoryDifferences(e, a).join("\n    ")}`;
}
