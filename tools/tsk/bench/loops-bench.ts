// The compiler benchmark: five kernel-like loops (loops/*.kts.ts and their C twins, *.c),
// each built into a bare Multiboot image, once by tsk and once by gcc -m32 -O2, and run on
// our machine, which counts retired guest instructions exactly. Boot and exit cost is
// measured with an empty program and subtracted. Lower ratio (tsk / gcc) is better.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { compileKts } from "../front/compile.ts";
import { buildBareImage } from "../runtime/bare-image.ts";
import { runtimeDir } from "../runtime/runtime-files.ts";
import { generateAsm } from "../x86/index.ts";
import { runOnDamselfly } from "../../../test/reference/damselfly.ts";

export const LOOPS = ["fib", "sieve", "checksum", "freelist", "fnv1a"] as const;

/** gcc flags: -O2 for i686 without calls to library routines the bare runtime lacks. */
export const GCC_FLAGS = ["-m32", "-O2", "-march=i686", "-S", "-o", "-", "-ffreestanding", "-fno-builtin", "-fno-pic", "-fno-pie",
  "-fno-stack-protector", "-fno-asynchronous-unwind-tables", "-fno-tree-loop-distribute-patterns", "-x", "c"];

export interface LoopResult {
  name: string;
  output: string;
  tskInstructions: number;
  gccInstructions: number;
  ratio: number;
}

export function loopsDir(): string {
  return path.join(path.dirname(runtimeDir()), "bench", "loops");
}

export function tskImage(file: string): Uint8Array {
  const { module, errors } = compileKts({ roots: [file] });
  if (errors.length > 0 || module === undefined) throw new Error(`tsk rejected ${file}:\n${errors.map((e) => e.format()).join("\n")}`);
  return buildBareImage([{ name: path.basename(file) + ".s", text: generateAsm(module, { profile: "bare" }) }]);
}

export function gccImage(file: string): Uint8Array {
  let asm: string;
  try {
    asm = execFileSync("gcc", GCC_FLAGS.concat([file]), { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    const err = e as { code?: string; stderr?: string };
    if (err.code === "ENOENT") throw new Error("gcc is not installed; run `make deps`");
    throw new Error(`gcc failed on ${file}:\n${err.stderr ?? String(e)}`);
  }
  // gcc's own output goes through GNU as/ld, gcc's own toolchain: the reference side stays
  // independent of ours.
  return buildBareImage([{ name: path.basename(file) + ".s", text: asm }], "gnu");
}

const EMPTY_MAIN = "    .text\n    .globl main\nmain:\n    xorl %eax, %eax\n    ret\n";

async function count(image: Uint8Array, what: string): Promise<{ output: string; instructions: number }> {
  const run = await runOnDamselfly(image, { timeoutMs: 120_000, memMB: 32 });
  if (run.exitStatus !== 1) throw new Error(`${what}: expected exit status 1 (main returns 0), got ${run.exitStatus}; serial ${JSON.stringify(run.serial)} ${run.diagnostics}`);
  if (run.instructions === undefined) throw new Error(`${what}: our machine reported no instruction count`);
  return { output: run.serial, instructions: run.instructions };
}

export async function runLoopsBenchmark(only?: readonly string[]): Promise<LoopResult[]> {
  const baseline = (await count(buildBareImage([{ name: "empty.s", text: EMPTY_MAIN }]), "empty program")).instructions;
  const results: LoopResult[] = [];
  for (const name of LOOPS) {
    if (only !== undefined && !only.includes(name)) continue;
    const tsk = await count(tskImage(path.join(loopsDir(), `${name}.kts.ts`)), `${name} (tsk)`);
    const gcc = await count(gccImage(path.join(loopsDir(), `${name}.c`)), `${name} (gcc)`);
    if (tsk.output !== gcc.output) throw new Error(`${name}: tsk printed ${JSON.stringify(tsk.output)}, gcc printed ${JSON.stringify(gcc.output)}`);
    const t = tsk.instructions - baseline, g = gcc.instructions - baseline;
    results.push({ name, output: tsk.output.trim(), tskInstructions: t, gccInstructions: g, ratio: t / g });
  }
  return results;
}

export function formatResults(results: LoopResult[]): string {
  const rows = results.map((r) => `${r.name.padEnd(10)} ${String(r.tskInstructions).padStart(12)} ${String(r.gccInstructions).padStart(12)} ${r.ratio.toFixed(2).padStart(7)}   ${r.output}`);
  const geo = Math.exp(results.reduce((s, r) => s + Math.log(r.ratio), 0) / results.length);
  return [
    "tsk vs gcc -m32 -O2: guest instructions retired on our machine (boot/exit subtracted)",
    `${"loop".padEnd(10)} ${"tsk".padStart(12)} ${"gcc -O2".padStart(12)} ${"ratio".padStart(7)}   output`,
    ...rows,
    `${"geomean".padEnd(10)} ${"".padStart(12)} ${"".padStart(12)} ${geo.toFixed(2).padStart(7)}`,
  ].join("\n");
}

/** The issue's goal for this stage: tsk code at most 3x gcc -O2's instructions. */
export const GOAL_RATIO = 3;

