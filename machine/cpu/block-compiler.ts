// Turns a hot block into one JavaScript function that calls the block's instruction closures
// in sequence. Every call site in it sees exactly one closure, so V8 can inline them and
// optimise the block as a whole, instead of one megamorphic call per instruction in the run
// loop. A block that ends by branching back to its own start (a loop) iterates inside the
// function while the budget lasts.
//
// The function keeps the run loop's contract: it leaves EIP at the next instruction to run,
// returns how many instructions retired, stops early when `cpu.attention` is raised, and on a
// guest fault records the retired count in `cpu.partial` and points EIP at the faulting
// instruction before rethrowing.

import type { Block } from "./code-cache.ts";
import type { Cpu } from "./cpu.ts";
import { read32, write32 } from "./memory.ts";

/** How often a block is interpreted before it is compiled. */
export const COMPILE_THRESHOLD = 40;

export function compileBlock(cpu: Cpu, block: Block): (limit: number) => number {
  const n = block.count;
  const lens = block.lens;
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i]! + lens[i]!;
  const lines: string[] = [];
  lines.push("return function compiledBlock(limit) {", "const s = cpu.eip;", "const regs = cpu.regs;", "let k = 0;", "let done = 0;", "try {");
  if (block.loops) lines.push("for (;;) {");
  for (let i = 0; i < n; i++) {
    const last = i === n - 1;
    if (block.branch[i]) {
      lines.push(`k = ${i}; cpu.eip = (s + ${offsets[i]}) | 0;`);
      if (last && block.loops) {
        lines.push(
          `if (!f${i}()) { cpu.eip = (s + ${offsets[n]}) | 0; return done + ${n}; }`,
          `done += ${n};`,
          `if (done + ${n} > limit || cpu.attention !== 0) return done;`,
        );
      } else {
        lines.push(`if (f${i}()) return done + ${i + 1};`);
        if (last) lines.push(`cpu.eip = (s + ${offsets[n]}) | 0; return done + ${n};`);
      }
    } else if (last && lens[i] === 0) {
      lines.push(`k = ${i}; cpu.eip = (s + ${offsets[i]}) | 0; f${i}(); return done + ${n};`);
    } else {
      const src = block.inline[i];
      if (src !== undefined && block.pure[i]) lines.push(src);
      else if (src !== undefined) lines.push(`k = ${i}; ${src} if (cpu.attention !== 0) { cpu.eip = (s + ${offsets[i + 1]}) | 0; return done + ${i + 1}; }`);
      else if (block.pure[i]) lines.push(`k = ${i}; f${i}();`);
      else lines.push(`k = ${i}; f${i}(); if (cpu.attention !== 0) { cpu.eip = (s + ${offsets[i + 1]}) | 0; return done + ${i + 1}; }`);
      if (last) lines.push(`cpu.eip = (s + ${offsets[n]}) | 0; return done + ${n};`);
    }
  }
  if (block.loops) lines.push("}");
  lines.push("} catch (e) { cpu.eip = (s + offsets[k]) | 0; cpu.partial = done + k; throw e; }", "};");
  const params = ["cpu", "offsets", "read32", "write32", ...block.fns.map((_, i) => `f${i}`)];
  const factory = new Function(...params, lines.join("\n")) as (...args: unknown[]) => (limit: number) => number;
  return factory(cpu, offsets, read32, write32, ...block.fns);
}
