// The differential CPU test, judges' half: v86 and QEMU run the same generated images and must
// agree on every case except where a judge has a documented deviation (judge-deviations.ts).
// This keeps the generator's undefined-flag masks honest before our CPU is compared with them.
import { describe, expect, test } from "vitest";
import { FAMILIES, generateCases } from "./cases.ts";
import { compareRuns, parseDumps } from "./compare.ts";
import { CASES_DONE_EXIT, buildImage, imageSource } from "./image.ts";
import { deviationsFor } from "./judge-deviations.ts";
import { runOnQemu } from "../reference/qemu.ts";
import { runOnV86 } from "../reference/v86.ts";
import { DIFF_IMAGES, casesForImage } from "./suite.ts";

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

describe("cpu-diff judges: v86 and QEMU agree", () => {
  for (const spec of DIFF_IMAGES) {
    test(`seed ${spec.seed}: ${spec.cases} cases`, async () => {
      const cases = casesForImage(spec);
      const image = buildImage(cases, spec.seed);
      const [qemu, v86] = await Promise.all([
        runOnQemu(image, { timeoutMs: 60_000 }),
        runOnV86(image, { timeoutMs: 60_000, jit: false }),
      ]);
      expect(qemu.exitStatus, `QEMU did not finish the image: ${qemu.diagnostics}`).toBe((CASES_DONE_EXIT << 1) | 1);
      expect(v86.exitStatus, `v86 did not finish the image: ${v86.diagnostics}`).toBe((CASES_DONE_EXIT << 1) | 1);
      const trusted = cases.filter((c) => deviationsFor(c, "v86").length === 0 && deviationsFor(c, "qemu").length === 0);
      const diffs = compareRuns(trusted, parseDumps(v86.serial), parseDumps(qemu.serial), { expected: "v86", actual: "qemu" });
      expect(diffs.length, diffs.length > 0 ? `${diffs.length} cases differ; the first:\n${diffs[0]!.report}` : "").toBe(0);
      // Most cases must be judged by both, or the deviation list has grown too broad.
      expect(trusted.length).toBeGreaterThan(cases.length * 0.9);
    });
  }
});
