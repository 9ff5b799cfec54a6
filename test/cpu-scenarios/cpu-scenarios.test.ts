// Paging and exception scenarios (scenarios.S) on QEMU, v86 and our machine, each line checked
// against the SDM-derived expectation in expected.ts. Judges that are known to be wrong on a
// scenario are checked to still be wrong (so a fixed judge gets its deviation removed).
import { describe, expect, test } from "vitest";
import { runOnDamselfly } from "../reference/damselfly.ts";
import { runOnQemu } from "../reference/qemu.ts";
import type { RunResult } from "../reference/run-result.ts";
import { runOnV86 } from "../reference/v86.ts";
import { SCENARIOS, type Judge, type ScenarioExpectation } from "./expected.ts";
import { buildScenarioImage, parseScenarioLines, readScenarioSource } from "./scenario-image.ts";

type Machine = Judge | "ours";
const FINISHED = (0x42 << 1) | 1;

function crashesOn(s: ScenarioExpectation, m: Machine): boolean {
  return (s.deviations ?? []).some((d) => d.judge === m && d.crashes === true);
}

const runs = new Map<Machine, Promise<RunResult>>();
function run(m: Machine): Promise<RunResult> {
  let r = runs.get(m);
  if (r === undefined) {
    const image = buildScenarioImage(SCENARIOS.filter((s) => !crashesOn(s, m)).map((s) => s.name));
    r = m === "qemu" ? runOnQemu(image, { timeoutMs: 30_000 }) : m === "v86" ? runOnV86(image, { timeoutMs: 30_000, jit: false }) : runOnDamselfly(image, { timeoutMs: 30_000, isolate: true });
    runs.set(m, r);
  }
  return r;
}

test("scenarios.S and expected.ts name the same scenarios in the same order", () => {
  expect(readScenarioSource().scenarios.map((s) => s.name)).toEqual(SCENARIOS.map((s) => s.name));
});

for (const machine of ["ours", "qemu", "v86"] as const) {
  describe(`cpu-scenarios on ${machine === "ours" ? "our machine" : machine}`, () => {
    test("the image runs to its end", async () => {
      const r = await run(machine);
      expect(r.exitStatus, `${machine} stopped early (${r.diagnostics.slice(-600)}); output:\n${r.serial}`).toBe(FINISHED);
    }, 120_000);
    for (const s of SCENARIOS) {
      const deviation = (s.deviations ?? []).find((d) => d.judge === machine);
      if (deviation?.crashes === true) {
        test(`${s.name}: still crashes ${machine} (${deviation.reason})`, async () => {
          const r = await runOnV86(buildScenarioImage([s.name]), { timeoutMs: 10_000, jit: false });
          expect(r.diagnostics, `${machine} no longer crashes on ${s.name}: check it against the SDM and drop the deviation`).toMatch(/v86 stopped with an error/);
        });
        continue;
      }
      test(s.name, async () => {
        const got = parseScenarioLines((await run(machine)).serial).get(s.name);
        if (deviation !== undefined) {
          expect(got, `${machine} now prints the SDM's answer for ${s.name}; drop its deviation (${deviation.reason})`).not.toBe(s.line);
        } else if (machine !== "ours" && s.judgesMayPrint !== undefined) {
          expect(got, `${s.name} on ${machine}: expected ${s.judgesMayPrint}`).toMatch(s.judgesMayPrint);
        } else {
          expect(got, `${s.name} on ${machine}: expected "${s.line}", got "${got ?? "(no line)"}"`).toBe(s.line);
        }
      });
    }
  });
}
