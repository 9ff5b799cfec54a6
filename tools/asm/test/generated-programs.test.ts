// Differential tests: random instruction streams (random-program.ts), a walk over every row
// of the instruction table (form-samples.ts), relaxation stress layouts
// (relaxation-program.ts) and gcc's output for a C file must assemble to the same object as
// GNU as --32 produces. Lines GNU as rejects or warns about are dropped first, so only input both
// assemblers should accept is compared.

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { requireTool } from "../../../test/host-tools.ts";
import { assemble } from "../index.ts";
import { explain, sameBytes } from "./compare-objects.ts";
import { formSamples } from "./form-samples.ts";
import { randomProgram } from "./random-program.ts";
import { relaxationProgram } from "./relaxation-program.ts";

const work = mkdtempSync(path.join(tmpdir(), "tsk-as-random-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs GNU as; returns the object, or the line numbers it complained about. */
function gnuAssemble(as: string, source: string, name: string): { object: Uint8Array } | { badLines: Set<number> } {
  const src = path.join(work, name + ".S");
  const obj = path.join(work, name + ".gnu.o");
  writeFileSync(src, source);
  let stderr = "";
  try {
    stderr = execFileSync(as, ["--32", src, "-o", obj], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    stderr = String((e as { stderr?: string }).stderr ?? e);
  }
  const bad = new Set([...stderr.matchAll(/\.S:(\d+): (?:Error|Warning)/g)].map((m) => Number(m[1])));
  if (bad.size === 0 && !/Error/.test(stderr)) return { object: new Uint8Array(readFileSync(obj)) };
  return { badLines: bad };
}

/** gcc's assembly for a C file (with its .cfi_ directives unless `flags` turn them off). */
function gccAssembly(gcc: string, flags: string[], file = "kernel-like.c"): string {
  const c = path.join(path.dirname(fileURLToPath(import.meta.url)), "c-sources", file);
  return execFileSync(gcc, ["-m32", ...flags, "-fno-pic", "-S", c, "-o", "-"], { encoding: "utf8" });
}

describe("tsk-as matches GNU as --32 on generated instruction streams", () => {
  const as = requireTool("as");
  const gcc = requireTool("gcc");
  const programs: [string, () => string][] = [
    ["every table row", formSamples],
    ...[1, 2, 3].map((seed): [string, () => string] => [`random seed ${seed}`, () => randomProgram(seed, 1500)]),
    ...[11, 12, 13, 14, 15, 16].map((seed): [string, () => string] => [`relaxation seed ${seed}`, () => relaxationProgram(seed, 150)]),
    ...[["-O0"], ["-O2"], ["-Os"], ["-O2", "-fno-asynchronous-unwind-tables"]].map((flags): [string, () => string] => [`gcc -m32 ${flags.join(" ")} output`, () => gccAssembly(gcc, flags)]),
    ...[["-O0"], ["-O2"]].map((flags): [string, () => string] => [`gcc -m32 ${flags.join(" ")} float-math.c`, () => gccAssembly(gcc, flags, "float-math.c")]),
  ];
  for (const [title, make] of programs) {
    const seed = title.replace(/\W+/g, "-");
    it(title, () => {
      let source = make();
      const generated = source.split("\n").length;
      let gnu: Uint8Array | undefined;
      for (let round = 0; round < 5 && gnu === undefined; round++) {
        const r = gnuAssemble(as, source, `seed${seed}`);
        if ("object" in r) gnu = r.object;
        else source = source.split("\n").filter((_, i) => !r.badLines.has(i + 1)).join("\n");
      }
      if (gnu === undefined) expect.fail(`${title}: GNU as still rejects the program after dropping its bad lines`);
      const kept = source.split("\n").length;
      // Not a vacuous comparison: most generated lines are valid and survive.
      expect(kept / generated).toBeGreaterThan(0.7);
      const ours = assemble(source, { filename: `seed${seed}.S` });
      if (!sameBytes(ours, gnu)) expect.fail(explain(ours, gnu, `seed${seed}`, work));
    });
  }
});
