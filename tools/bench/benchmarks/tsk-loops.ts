// tsk code quality: five kernel-like loops compiled by tsk and by gcc -m32 -O2, guest
// instructions retired on our machine, ratio tsk / gcc (lower is better; the toolchain
// issue's goal is <= 3). The loops and the build live in tools/tsk/bench/.
import { formatResults, GOAL_RATIO, runLoopsBenchmark } from "../../tsk/bench/loops-bench.ts";
import type { Benchmark, BenchmarkContext, BenchmarkResult, Measurement } from "../benchmark.ts";

export const tskLoops: Benchmark = {
  name: "tsk-loops",
  description: "tsk vs gcc -m32 -O2 on five kernel-like loops: guest instructions retired on our machine",
  async run(ctx: BenchmarkContext): Promise<BenchmarkResult> {
    ctx.progress("tsk-loops: building with tsk and gcc, running on our machine");
    const results = await runLoopsBenchmark();
    const measurements: Measurement[] = results.flatMap((r) => [
      { subject: `${r.name}: tsk`, value: r.tskInstructions, unit: "instructions", lowerIsBetter: true, note: `prints ${r.output}` },
      { subject: `${r.name}: gcc -O2`, value: r.gccInstructions, unit: "instructions", lowerIsBetter: true },
    ]);
    const notes = formatResults(results).split("\n");
    const worst = Math.max(...results.map((r) => r.ratio));
    notes.push(`goal: every ratio tsk/gcc <= ${GOAL_RATIO}: ${worst <= GOAL_RATIO ? "met" : "NOT MET"} (worst ${worst.toFixed(2)})`);
    // Ratios here are "x times gcc's instruction count", printed in the notes: the harness's
    // ratio lines read as speed-ups, which would turn this goal upside down.
    return { measurements, ratios: [], notes };
  },
};
