// Random expressions over every integer type (locals and struct fields), compiled
// by tsk and run in the KBC interpreter, against an independent model of KTS typing written
// here with BigInt (C promotion, literals taking the other operand's type, >> by signedness,
// >>> logical, conversions wrapping). A disagreement names the program, the expression and
// both values.
import path from "node:path";
import { describe } from "vitest";
import { compileMany } from "../front/compile.ts";
import { gen, itRunsEachCase, litSrc, range, Rng, TYPES } from "./random-typing-gen.ts";

const PROGRAMS = 12;
const dir = path.join(process.cwd(), "build", "tsk-random-typing");

describe("random expressions: tsk typing and the interpreter vs an independent BigInt model", () => {
  const cases = Array.from({ length: PROGRAMS }, (_, n) => {
    const r = new Rng(1000 + n);
    const vars = TYPES.flatMap((t, k) => [0, 1].map((j) => {
      const [lo, hi] = range(t);
      const value = r.pick([lo, hi, 0n, 1n, hi / 3n, lo / 2n + 1n]);
      return { name: `v${k}_${j}`, type: t, value };
    }));
    const { lines, expected } = gen(7 + n * 7919, vars, 60);
    const source = [
      `class M { ${vars.map((v) => `${v.name}: ${v.type};`).join(" ")} }`,
      "const m = new M();",
      "export function main(): i32 {",
      ...vars.map((v) => `  let ${v.name}: ${v.type} = ${litSrc(v.type, v.value)}; m.${v.name} = ${v.name};`),
      ...lines,
      "  return 0;",
      "}",
    ].join("\n");
    return { file: path.join(dir, `random-${n}.ts`), source, lines, expected };
  });
  const results = compileMany(cases.map((c) => c.file), new Map(cases.map((c) => [c.file, c.source])));

  itRunsEachCase(cases, results);
});
