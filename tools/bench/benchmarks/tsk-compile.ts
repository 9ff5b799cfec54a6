// tsk compile speed: a synthetic 10,000-line KTS program (tools/tsk/test/synth-corpus.ts)
// through the TypeScript checker alone, through the front end (checker + lowering to KBC +
// verification), and through the x86 backend to assembly text. Best of a few runs in one
// process after a warm-up (the first run also pays for loading the compiler's code).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { compileKts } from "../../tsk/front/compile.ts";
import { createKtsProgram, programDiagnostics } from "../../tsk/front/ts-adapter.ts";
import { synthesizeKtsProgram } from "../../tsk/test/synth-corpus.ts";
import { generateAsm } from "../../tsk/x86/index.ts";
import type { Benchmark, BenchmarkContext, BenchmarkResult } from "../benchmark.ts";

const LINES = 10_000;

function best(runs: number, f: () => void): number {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

export const tskCompile: Benchmark = {
  name: "tsk-compile",
  description: "tsk compile time for a 10,000-line KTS program: checker, front end to KBC, backend to x86",
  async run(ctx: BenchmarkContext): Promise<BenchmarkResult> {
    const runs = ctx.quick ? 1 : 3;
    const { text, lines, blocks } = synthesizeKtsProgram(LINES);
    const dir = mkdtempSync(path.join(tmpdir(), "tsk-compile-bench-"));
    try {
      const file = path.join(dir, "synth.kts.ts");
      writeFileSync(file, text);
      ctx.progress(`tsk-compile: ${lines} lines, ${blocks} blocks; warming up`);
      const warm = compileKts({ roots: [file] });
      if (!warm.module) throw new Error(`the synthetic program does not compile:\n${warm.errors.map((e) => e.format()).join("\n")}`);
      ctx.progress("tsk-compile: checker only");
      const checkMs = best(runs, () => {
        const p = createKtsProgram([file]);
        if (programDiagnostics(p).length) throw new Error("the synthetic program has checker errors");
      });
      ctx.progress("tsk-compile: front end (KTS -> KBC)");
      let functions = 0;
      const frontMs = best(runs, () => { functions = compileKts({ roots: [file] }).module!.functions.length; });
      ctx.progress("tsk-compile: front end + x86 backend");
      const measurements: BenchmarkResult["measurements"] = [
        { subject: "TypeScript checker (noLib)", value: Math.round(checkMs), unit: "ms", lowerIsBetter: true, note: `${lines} lines` },
        { subject: "tsk front end -> KBC", value: Math.round(frontMs), unit: "ms", lowerIsBetter: true, note: `${functions} functions, ${Math.round(lines / (frontMs / 1000))} lines/s` },
      ];
      const notes = [
        `best of ${runs} run(s) after a warm-up, one process; the checker is TypeScript 6.0.3 with noLib and lib.kts.d.ts`,
        `lowering + verification cost ${Math.round(frontMs - checkMs)} ms over the checker alone`,
      ];
      let asmLines = 0;
      try {
        const fullMs = best(runs, () => { asmLines = generateAsm(compileKts({ roots: [file] }).module!, { profile: "bare" }).split("\n").length; });
        measurements.push({ subject: "tsk front end + x86 backend", value: Math.round(fullMs), unit: "ms", lowerIsBetter: true, note: `${asmLines} lines of assembly, ${Math.round(lines / (fullMs / 1000))} lines/s` });
        notes.push(`the backend adds ${Math.round(fullMs - frontMs)} ms`);
      } catch (e) {
        // The front-end numbers stand on their own; a backend failure is reported, and makes
        // the run fail below, rather than hiding them.
        notes.push(`x86 backend NOT timed: ${(e as Error).message}`);
        throw Object.assign(new Error(`x86 backend failed on the synthetic program (front end: checker ${Math.round(checkMs)} ms, to KBC ${Math.round(frontMs)} ms): ${(e as Error).message}`), { notes });
      }
      return { measurements, ratios: [], notes };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
