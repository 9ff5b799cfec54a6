// SHF_MERGE sections: duplicate strings stored once, tails shared, references redirected;
// the result must be exactly what GNU ld loads (which is what C compilers' string literals
// and every .debug_str go through).
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { readElf32 } from "../elf/index.ts";
import { requireTool } from "../../test/host-tools.ts";
import { link } from "./index.ts";
import { Scratch, gnuAssemble, gnuLink, loadedSegments, symbolValues } from "./test-helpers.ts";

const A = `
    .globl _start, a_ptrs
    .text
_start:
    movl $.LC0, %eax                /* section symbol + addend into a merged section */
    movl $.LC1, %ebx
    movl $hello_sym, %ecx           /* a named symbol inside a merged section */
    ret
    .section .rodata.str1.1, "aMS", @progbits, 1
.LC0: .asciz "hello, world"
.LC1: .asciz "world"
hello_sym: .asciz "shared"
    .asciz "unused"
    .section .rodata.str1.4, "aMS", @progbits, 1
    .p2align 2
.LC2: .asciz "four-aligned"
    .p2align 2
    .asciz "aligned"
    .section .rodata.cst4, "aM", @progbits, 4
.LK0: .long 0x11223344
    .long 0x55667788
    .data
a_ptrs: .long .LC0 + 7, .LC2, .LK0, hello_sym + 2
`;
const B = `
    .globl b_ptrs
    .section .rodata.str1.1, "aMS", @progbits, 1
.LB0: .asciz "shared"
.LB1: .asciz "orld"
.LB2: .asciz "only in b"
.LB3: .asciz "hello, world"
    .section .rodata.cst4, "aM", @progbits, 4
.LK1: .long 0x55667788
    .data
b_ptrs: .long .LB0, .LB1, .LB2, .LB3, .LK1
`;

let scratch: Scratch;
let objects: { name: string; data: Uint8Array }[];

beforeAll(() => {
  scratch = new Scratch();
  objects = [
    { name: "a.o", data: gnuAssemble(scratch, "a", A) },
    { name: "b.o", data: gnuAssemble(scratch, "b", B) },
  ];
});
afterAll(() => scratch.dispose());

describe("merged sections", () => {
  const script = `SECTIONS {
    . = 0x1000;
    .text : { *(.text) }
    .rodata : { *(.rodata .rodata.*) }
    .data : { *(.data) }
  }`;

  test("strings and constants are merged exactly as GNU ld merges them", () => {
    const ours = link(objects, { script, entry: "_start" }).image;
    const gnu = gnuLink(scratch, objects, ["-T", scratch.write("m.ld", script), "-e", "_start"]);
    expect(loadedSegments(ours, "ours")).toEqual(loadedSegments(gnu, "gnu"));
    const g = symbolValues(gnu, "gnu");
    const o = symbolValues(ours, "ours");
    for (const [name, value] of g) expect(o.get(name), `symbol ${name}`).toBe(value);
  });

  test("duplicates are stored once and tails share storage", () => {
    const ours = link(objects, { script, entry: "_start" }).image;
    const elf = readElf32(ours, "ours");
    const rodata = elf.sections.find((s) => s.name === ".rodata")!;
    const text = Buffer.from(elf.sectionData(rodata)).toString("latin1");
    expect(text.split("hello, world").length - 1, '"hello, world" stored once').toBe(1);
    expect(text.split("shared").length - 1, '"shared" stored once').toBe(1);
    expect(text).not.toMatch(/\0world\0|\0orld\0/);
    // b_ptrs[1] ("orld") points into "hello, world".
    const data = elf.sections.find((s) => s.name === ".data")!;
    const view = new DataView(elf.sectionData(data).slice().buffer);
    const bPtrs = symbolValues(ours, "ours").get("b_ptrs")! - data.addr;
    const orld = view.getUint32(bPtrs + 4, true);
    const hello = view.getUint32(bPtrs + 12, true);
    expect(orld - hello, "tail pointer").toBe(8);
  });

  test(".debug_str is merged too and gdb still reads the line tables", () => {
    const ours = link(objects, { script, entry: "_start" }).image;
    const gnu = gnuLink(scratch, objects, ["-T", scratch.write("m2.ld", script), "-e", "_start"]);
    const size = (img: Uint8Array): number => readElf32(img, "x").sections.find((s) => s.name === ".debug_str")!.size;
    expect(size(ours)).toBe(size(gnu));
    const file = scratch.write("m.elf", ours);
    const r = spawnSync(requireTool("gdb"), ["-batch", "-nx", "-ex", "info line _start", file], { encoding: "utf8" });
    expect(r.stdout).toMatch(/Line \d+ of ".*a\.S" starts at address 0x1000 <_start>/);
  });
});
