// A long differential sweep outside `make test`: `make cpu-diff-sweep IMAGES=50 FROM=1000`
// runs images with seeds FROM, FROM+1, ... (600 cases each, 200 in 16-bit code) on v86 (QEMU where v86 is known
// wrong) and our machine, and prints every differing case, grouped by instruction family.
import { runOnDamselfly } from "../reference/damselfly.ts";
import { runOnQemu } from "../reference/qemu.ts";
import { runOnV86 } from "../reference/v86.ts";
import { compareRuns, parseDumps, type CaseDifference } from "./compare.ts";
import { CASES_DONE_EXIT, buildCaseImage, skipCases } from "./image.ts";
import { deviationsFor } from "./judge-deviations.ts";
import { casesForImage } from "./suite.ts";

function option(argv: string[], name: string, fallback: number): number | string {
  const i = argv.indexOf(name);
  if (i < 0) return fallback;
  const v = Number(argv[i + 1]);
  return Number.isInteger(v) && v >= 0 ? v : `${name} needs a non-negative integer, not ${JSON.stringify(argv[i + 1] ?? "")}`;
}

export async function main(argv: string[]): Promise<number> {
  const images = option(argv, "--images", 20);
  const from = option(argv, "--from", 1000);
  const show = option(argv, "--show", 3);
  for (const v of [images, from, show]) {
    if (typeof v === "string") {
      console.error(`cpu-diff-sweep: ${v}`);
      return 2;
    }
  }
  const all: CaseDifference[] = [];
  const families = new Map<string, number>();
  let total = 0;
  for (let n = 0; n < (images as number); n++) {
    const seed = (from as number) + n;
    // Alternate interpreter and compiled-block runs; every third image in a 16-bit segment.
    const repeat = n % 2 === 0 ? 1 : 50;
    const codeSize = n % 3 === 2 ? 16 : 32;
    const paging = n % 4 >= 2;
    const cases = casesForImage({ seed, cases: codeSize === 16 ? 200 : 600, repeat, codeSize, paging });
    const built = buildCaseImage(cases, seed, { repeat, codeSize, paging });
    const [v86, qemu, ours] = await Promise.all([
      runOnV86(skipCases(built, cases, (c) => deviationsFor(c, "v86").length > 0), { jit: false, timeoutMs: 60_000 }),
      runOnQemu(skipCases(built, cases, (c) => deviationsFor(c, "qemu").length > 0), { timeoutMs: 60_000 }),
      runOnDamselfly(built.image, { timeoutMs: 120_000, isolate: true }),
    ]);
    const finished = (CASES_DONE_EXIT << 1) | 1;
    if (ours.exitStatus !== finished) console.log(`seed ${seed}: our machine did not finish (${ours.exit?.kind}): ${ours.diagnostics.slice(0, 300)}`);
    const oursDumps = parseDumps(ours.serial);
    const diffs = [
      ...compareRuns(cases.filter((c) => deviationsFor(c, "v86").length === 0), parseDumps(v86.serial), oursDumps, { expected: "v86", actual: "ours" }),
      ...compareRuns(cases.filter((c) => deviationsFor(c, "v86").length > 0 && deviationsFor(c, "qemu").length === 0), parseDumps(qemu.serial), oursDumps, { expected: "qemu", actual: "ours" }),
    ];
    total += cases.length;
    for (const d of diffs) {
      for (const f of new Set(cases[d.index]!.families)) families.set(f, (families.get(f) ?? 0) + 1);
      d.report = `seed ${seed} ${d.report}`;
    }
    all.push(...diffs);
    console.log(`seed ${seed}: ${diffs.length} of ${cases.length} cases differ`);
  }
  console.log(`\n${all.length} of ${total} cases differ`);
  if (all.length > 0) {
    console.log(`by family: ${[...families].sort((a, b) => b[1] - a[1]).map(([f, n]) => `${f} ${n}`).join(", ")}\n`);
    for (const d of all.slice(0, show as number)) console.log(`${d.report}\n`);
  }
  return all.length === 0 ? 0 : 1;
}
