// The kernel's slab allocator (issue 8): guest TSC cycles per local kmalloc/kfree pair and per
// remote free, and passive IPIs per 1,000 remote frees, as the kernel measures them itself in
// its selftests (kernel/test/slab_bench_test.ts and slab_stress_test.ts print
// "# slab bench: key=value" lines). Booted with `-append selftest` at -smp 4 on our machine
// (deterministic, seed 1) and on QEMU (TCG). Cycles are each judge's own TSC, so the two
// columns are not a speed comparison; the IPI rate is the allocator's behaviour (batching).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { requireTool } from "../../../test/host-tools.ts";
import { runOnDamselfly } from "../../../test/reference/damselfly.ts";
import { runOnQemu } from "../../../test/reference/qemu.ts";
import { repoRoot } from "../../../test/reference/repo-root.ts";
import type { RunResult } from "../../../test/reference/run-result.ts";
import type { Benchmark, BenchmarkContext, BenchmarkResult, Measurement } from "../benchmark.ts";

const KEYS: readonly { key: string; unit: string; what: string }[] = [
  { key: "local_pair_cycles", unit: "guest cycles", what: "per local kmalloc(64)/kfree pair" },
  { key: "remote_free_cycles", unit: "guest cycles", what: "per remote kfree (CPU1 frees CPU0's chunks)" },
  { key: "ipis_per_1000_remote_frees", unit: "IPIs", what: "per 1,000 remote frees (4-CPU stress)" },
];

function parse(judge: string, r: RunResult, out: Measurement[], failures: string[]): void {
  if (r.exitStatus !== 0x21) {
    failures.push(`${judge}: not timed: selftests did not all pass (exit ${r.exitStatus}, timed out ${r.timedOut})`);
    return;
  }
  for (const { key, unit, what } of KEYS) {
    const m = new RegExp(`^# slab bench: ${key}=(\\d+)$`, "m").exec(r.serial);
    if (m === null) {
      failures.push(`${judge}: not timed: no "${key}" line`);
      continue;
    }
    out.push({ subject: `${judge} ${key}`, value: Number(m[1]), unit, lowerIsBetter: true, note: what });
  }
}

export const slab: Benchmark = {
  name: "slab",
  description: "kernel slab allocator: guest cycles per local kmalloc/kfree pair and per remote free, IPIs per 1,000 remote frees",
  async run(ctx: BenchmarkContext): Promise<BenchmarkResult> {
    const root = repoRoot();
    execFileSync("make", ["-s", "build/kernel.elf"], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    const image = readFileSync(path.join(root, "build", "kernel.elf"));
    const measurements: Measurement[] = [];
    const failures: string[] = [];
    ctx.progress("slab: damselfly -smp 4 ...");
    parse("damselfly", await runOnDamselfly(image, { smp: 4, append: "selftest", seed: 1, timeoutMs: 240_000 }), measurements, failures);
    requireTool("qemu-system-i386");
    ctx.progress("slab: qemu -smp 4 ...");
    parse("qemu", await runOnQemu(image, { smp: 4, append: "selftest timer_slack", timeoutMs: 120_000 }), measurements, failures);
    return {
      measurements,
      ratios: [],
      notes: ["cycles are each judge's TSC (not comparable across judges); one run each, the selftests' own loops", ...failures],
    };
  },
};
