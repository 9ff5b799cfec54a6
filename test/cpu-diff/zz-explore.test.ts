import { test } from "vitest";
import { generateCases, FAMILIES } from "./cases.ts";
import { buildImage } from "./image.ts";
import { compareRuns, parseDumps } from "./compare.ts";
import { deviationsFor } from "./judge-deviations.ts";
import { runOnQemu } from "../reference/qemu.ts";
import { runOnV86 } from "../reference/v86.ts";
import { runOnDamselfly } from "../reference/damselfly.ts";
test("explore", async () => {
  const fams = FAMILIES.filter(f => (process.env.FAM ?? "string").split(",").includes(f.name));
  for (const seed of (process.env.SEEDS ?? "1").split(",").map(Number)) {
    const cases = generateCases(seed, 400, fams);
    const img = buildImage(cases, seed);
    const [q, v, o] = await Promise.all([runOnQemu(img, { timeoutMs: 30000 }), runOnV86(img, { timeoutMs: 30000, jit: false }), runOnDamselfly(img, { timeoutMs: 30000 })]);
    console.log("seed", seed, q.exitStatus, v.exitStatus, o.exitStatus, v.diagnostics.slice(-200));
    const ok = cases.filter(c => deviationsFor(c, "v86").length === 0 && deviationsFor(c, "qemu").length === 0);
    const d1 = compareRuns(ok, parseDumps(v.serial), parseDumps(q.serial), { expected: "v86", actual: "qemu" });
    const d2 = compareRuns(cases.filter(c => deviationsFor(c, "v86").length === 0), parseDumps(v.serial), parseDumps(o.serial), { expected: "v86", actual: "ours" });
    console.log("v86/qemu", d1.length, "v86/ours", d2.length);
    for (const d of [...d1.slice(0, 2), ...d2.slice(0, 2)]) console.log(d.report);
  }
}, 300000);
