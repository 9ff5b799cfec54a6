// Every benchmark `make bench` runs, in order. To add one: write tools/bench/benchmarks/<name>.ts
// exporting a Benchmark, and list it here.
import type { Benchmark } from "./benchmark.ts";
import { cpubench } from "./benchmarks/cpubench.ts";
import { tskLoops } from "./benchmarks/tsk-loops.ts";
import { tskCompile } from "./benchmarks/tsk-compile.ts";
import { platform } from "./benchmarks/platform.ts";
import { browser } from "./benchmarks/browser.ts";
import { slab } from "./benchmarks/slab.ts";
import { lwkt } from "./benchmarks/lwkt.ts";

export const BENCHMARKS: readonly Benchmark[] = [cpubench, tskLoops, tskCompile, platform, browser, slab, lwkt];
