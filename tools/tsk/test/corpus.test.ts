// The conformance corpus: every program runs on every applicable leg, and each leg must
// agree with the program's independent expectation (written in the program, or the Node
// shim's run for programs that mean the same in JavaScript).
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { compileMany } from "../front/compile.ts";
import type { KbcModule } from "../kbc/types.ts";
import { CORPUS_LEGS, nodeShimLeg, type CorpusShared, type LegOutcome } from "./corpus-legs.ts";
import { corpusDir, loadCorpus, type CorpusProgram, type Expectation } from "./corpus-program.ts";
import { generateOperatorCorpus } from "./gen-operator-corpus.ts";
import { printModule } from "../kbc/print.ts";
import { parseModule } from "../kbc/parse.ts";
import { verifyModule } from "../kbc/verify.ts";

const programs = loadCorpus();
const modules = new Map<string, KbcModule>();
const compileErrors = new Map<string, string>();

const shared: CorpusShared = {
  module(p) {
    const m = modules.get(p.file);
    if (!m) throw new Error(`${p.name} did not compile:\n${compileErrors.get(p.file) ?? "(no result)"}`);
    return m;
  },
};

function describeOutcome(o: LegOutcome | Expectation): string {
  const x = o as LegOutcome;
  return `output:\n${o.output}${o.trap !== undefined ? `trap: ${o.trap}\n` : ""}exit: ${o.exit}${x.error ? `\nerror: ${x.error}` : ""}`;
}

async function expectationOf(p: CorpusProgram): Promise<{ from: string; expected: Expectation }> {
  if (p.written) return { from: "written in the program", expected: p.written };
  if (!p.node) throw new Error(`${p.name} has no expectation: write //| lines, or mark it // @node if it means the same in JavaScript`);
  const r = await nodeShimLeg.run(p, shared);
  if (r.error) throw new Error(`${p.name}: the Node shim (the expectation) failed: ${r.error}`);
  return { from: "the Node shim", expected: r };
}

describe("tsk conformance corpus", () => {
  beforeAll(() => {
    const results = compileMany(programs.map((p) => p.file));
    for (const [file, r] of results) {
      if (r.module) modules.set(file, r.module);
      else compileErrors.set(file, r.errors.map((e) => e.format()).join("\n"));
    }
  });

  it("has at least 150 programs, each with an expectation that does not come from a leg under test", () => {
    expect(programs.length).toBeGreaterThanOrEqual(150);
    const without = programs.filter((p) => !p.written && !p.node).map((p) => p.name);
    expect(without, "programs without an expectation").toEqual([]);
  });

  it("the generated operator programs are up to date with their generator", () => {
    for (const [name, text] of generateOperatorCorpus()) {
      expect(readFileSync(path.join(corpusDir(), name), "utf8"), `${name} differs from gen-operator-corpus.ts; regenerate it`).toBe(text);
    }
  });

  it("every program's KBC prints, parses back, verifies and prints the same text again", () => {
    for (const p of programs) {
      const text = printModule(shared.module(p));
      const again = parseModule(text, `${p.name}.kbc`);
      verifyModule(again);
      expect(printModule(again), `${p.name}: KBC text round trip`).toBe(text);
    }
  });

  for (const p of programs) {
    it(p.name, async () => {
      const { from, expected } = await expectationOf(p);
      for (const leg of CORPUS_LEGS) {
        if (!leg.applies(p) || (leg === nodeShimLeg && from === "the Node shim")) continue;
        const got = await leg.run(p, shared);
        const what = `${p.name} on ${leg.name}, expected (${from}):\n${describeOutcome(expected)}\n--- actual:\n${describeOutcome(got)}`;
        expect(got.error, what).toBeUndefined();
        expect(got.output, what).toBe(expected.output);
        if (expected.trap !== undefined) {
          expect(got.trap, what).toBeDefined();
          if (leg.name === "kbc-interpreter") expect(got.trap, what).toContain(expected.trap);
        } else {
          expect(got.trap, what).toBeUndefined();
          expect(got.exit, what).toBe(expected.exit ?? 0);
        }
      }
    });
  }
});
