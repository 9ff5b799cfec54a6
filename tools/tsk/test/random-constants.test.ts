// Constant folding against the same independent BigInt model as random-typing.test.ts: the
// random expressions are built over `const` globals of every integer type (values at the
// edges of their ranges) and literals written as `~0x80000000`, `-0x8000000000000000n`, ...
// Each expression is printed twice: computed inside main (unary - and ~ on constants folded
// by the front end, the rest run by the interpreter) and as the initializer of a const global
// (folded entirely at compile time). Both must equal the model: a constant means what the
// same expression computes at run time, at every width and signedness.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compileMany } from "../front/compile.ts";
import { gen, itRunsEachCase, litSrc, range, Rng, TYPES } from "./random-typing-gen.ts";

const PROGRAMS = 12;
const dir = path.join(process.cwd(), "build", "tsk-random-constants");

describe("random constant expressions: folded by tsk vs an independent BigInt model", () => {
  const cases = Array.from({ length: PROGRAMS }, (_, n) => {
    const r = new Rng(5000 + n);
    const vars = TYPES.flatMap((t, k) => [0, 1, 2].map((j) => {
      const [lo, hi] = range(t);
      const value = r.pick([lo, hi, 0n, 1n, -1n, hi / 3n, lo / 2n + 1n, hi >> 1n, (hi >> 1n) + 1n].filter((v) => v >= lo && v <= hi));
      return { name: `c${k}_${j}`, type: t, value };
    }));
    const { lines, expected, globals } = gen(11 + n * 104729, vars, 50, { constants: true });
    const source = [
      ...vars.map((v) => `const ${v.name}: ${v.type} = ${litSrc(v.type, v.value)};`),
      ...globals,
      "export function main(): i32 {",
      ...lines,
      "  return 0;",
      "}",
    ].join("\n");
    return { file: path.join(dir, `constants-${n}.ts`), source, lines, expected, globals };
  });
  const results = compileMany(cases.map((c) => c.file), new Map(cases.map((c) => [c.file, c.source])));

  it("folds in both places: most expressions are also global initializers", () => {
    const total = cases.reduce((n, c) => n + c.globals.length, 0);
    expect(total).toBeGreaterThan(PROGRAMS * 15);
    expect(cases.some((c) => c.source.includes("(~0x80000000)"))).toBe(true);
  });

  itRunsEachCase(cases, results);
});
