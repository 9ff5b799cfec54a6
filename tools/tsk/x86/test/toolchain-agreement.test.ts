// The project's assembler and linker (which build every image the backend's tests boot)
// against GNU as/ld: the backend's output for the ops table, the feature program, the
// benchmark loops and the conformance corpus, with the whole bare runtime, must load the same
// bytes at the same addresses with the same entry point either way.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { requireTool } from "../../../../test/host-tools.ts";
import { LOOPS, loopsDir } from "../../bench/loops-bench.ts";
import { compileMany } from "../../front/compile.ts";
import type { KbcModule } from "../../kbc/types.ts";
import { buildBareImage, type AsmUnit } from "../../runtime/bare-image.ts";
import { loadCorpus } from "../../test/corpus-program.ts";
import { generateAsm } from "../index.ts";
import { featuresProgram } from "./features-program.ts";
import { opsTableProgram } from "./ops-table-program.ts";
import { renameModule } from "./rename-module.ts";

interface LoadSegment {
  vaddr: number;
  memsz: number;
  bytes: Uint8Array;
}

/** Entry point and PT_LOAD segments of an ELF32 little-endian executable. */
function loadView(image: Uint8Array): { entry: number; segments: LoadSegment[] } {
  const view = new DataView(image.buffer, image.byteOffset, image.byteLength);
  const phoff = view.getUint32(28, true);
  const phentsize = view.getUint16(42, true);
  const phnum = view.getUint16(44, true);
  const segments: LoadSegment[] = [];
  for (let i = 0; i < phnum; i++) {
    const at = phoff + i * phentsize;
    if (view.getUint32(at, true) !== 1) continue; // PT_LOAD
    const offset = view.getUint32(at + 4, true);
    const filesz = view.getUint32(at + 16, true);
    segments.push({ vaddr: view.getUint32(at + 8, true), memsz: view.getUint32(at + 20, true), bytes: image.subarray(offset, offset + filesz) });
  }
  return { entry: view.getUint32(24, true), segments };
}

/** The loaded memory as address → byte runs, so segment boundaries do not matter. */
function memoryImage(image: Uint8Array): Map<number, number> {
  const memory = new Map<number, number>();
  for (const s of loadView(image).segments) {
    for (let i = 0; i < s.memsz; i++) memory.set(s.vaddr + i, i < s.bytes.length ? s.bytes[i]! : 0);
  }
  return memory;
}

function firstDifference(own: Uint8Array, gnu: Uint8Array): string | undefined {
  const a = loadView(own), b = loadView(gnu);
  if (a.entry !== b.entry) return `entry 0x${a.entry.toString(16)} (tsk-ld) vs 0x${b.entry.toString(16)} (GNU ld)`;
  // Same segment layout: compare the bytes directly (the common case, and fast).
  const sameLayout = a.segments.length === b.segments.length &&
    a.segments.every((s, i) => s.vaddr === b.segments[i]!.vaddr && s.memsz === b.segments[i]!.memsz && s.bytes.length === b.segments[i]!.bytes.length);
  if (sameLayout && a.segments.every((s, i) => Buffer.compare(s.bytes, b.segments[i]!.bytes) === 0)) return undefined;
  const ma = memoryImage(own), mb = memoryImage(gnu);
  const addresses = [...new Set([...ma.keys(), ...mb.keys()])].sort((x, y) => x - y);
  for (const addr of addresses) {
    if (ma.get(addr) !== mb.get(addr)) return `byte at 0x${addr.toString(16)}: ${ma.get(addr)} (tsk-as/tsk-ld) vs ${mb.get(addr)} (GNU as/ld)`;
  }
  return undefined;
}

function unitsOf(modules: Array<[string, KbcModule]>): AsmUnit[] {
  return modules.map(([name, m], k) => ({ name: `${name}.s`, text: generateAsm(renameModule(m, `u${k}_`), { profile: "bare" }) }));
}

const DRIVER: AsmUnit = { name: "driver.s", text: "    .text\n    .globl main\nmain:\n    xorl %eax, %eax\n    ret\n" };

describe("tsk-as and tsk-ld agree with GNU as and ld on the backend's output", () => {
  it("ops table and feature program", () => {
    requireTool("as");
    const units = unitsOf([["ops-table", opsTableProgram().module], ["features", featuresProgram().module]]);
    const own = buildBareImage([DRIVER, ...units], "own");
    const gnu = buildBareImage([DRIVER, ...units], "gnu");
    expect(firstDifference(own, gnu), "ops table + features: loaded bytes").toBeUndefined();
  });

  it("benchmark loops and the conformance corpus", () => {
    requireTool("as");
    const files = [...LOOPS.map((l) => path.join(loopsDir(), `${l}.kts.ts`)), ...loadCorpus().map((p) => p.file)];
    const modules: Array<[string, KbcModule]> = [];
    for (const [file, r] of compileMany(files)) if (r.module) modules.push([path.basename(file, ".kts.ts"), r.module]);
    expect(modules.length, "programs that compiled").toBeGreaterThan(LOOPS.length);
    const units = unitsOf(modules);
    const own = buildBareImage([DRIVER, ...units], "own");
    const gnu = buildBareImage([DRIVER, ...units], "gnu");
    expect(firstDifference(own, gnu), `${modules.length} programs: loaded bytes`).toBeUndefined();
  });
});
