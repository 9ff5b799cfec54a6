// Turns a hot block into one JavaScript function that calls the block's instruction closures
// in sequence. Every call site in it sees exactly one closure, so V8 can inline them and
// optimise the block as a whole, instead of one megamorphic call per instruction in the run
// loop. The function keeps the run loop's contract: it leaves EIP at the next instruction to
// execute, returns how many instructions retired, stops early when `cpu.attention` is raised,
// and on a guest fault records the retired count in `cpu.partial` and sets EIP to the
// faulting instruction before rethrowing.

import type { Block } from "./code-cache.ts";
import type { Cpu } from "./cpu.ts";

/** How often a block is interpreted before it is compiled. */
export const COMPILE_THRESHOLD = 40;

export function compileBlock(cpu: Cpu, block: Block): () => number {
  const n = block.count;
  const lens = block.lens;
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i]! + lens[i]!;
  const ctlLast = lens[n - 1] === 0;
  const lines: string[] = [];
  lines.push("return function compiledBlock() {", "const s = cpu.eip;", "let k = 0;", "try {");
  for (let i = 0; i < n; i++) {
    if (i === n - 1 && ctlLast) {
      lines.push(`k = ${i}; cpu.eip = (s + ${offsets[i]}) | 0; f${i}(); return ${n};`);
    } else {
      lines.push(`k = ${i}; f${i}(); if (cpu.attention !== 0) { cpu.eip = (s + ${offsets[i + 1]}) | 0; return ${i + 1}; }`);
    }
  }
  if (!ctlLast) lines.push(`cpu.eip = (s + ${offsets[n]}) | 0; return ${n};`);
  lines.push("} catch (e) { cpu.eip = (s + offsets[k]) | 0; cpu.partial = k; throw e; }", "};");
  const params = ["cpu", "offsets", ...block.fns.map((_, i) => `f${i}`)];
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const factory = new Function(...params, lines.join("\n")) as (...args: unknown[]) => () => number;
  return factory(cpu, offsets, ...block.fns);
}
