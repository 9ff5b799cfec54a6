// COMDAT section groups (what gcc emits for its PIC thunks and C++ inline functions): each
// object carries a copy, the link keeps the first and drops the rest, as GNU ld does.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { readElf32 } from "../elf/index.ts";
import { link } from "./index.ts";
import { Scratch, gnuAssemble, gnuLink, loadedSegments, symbolValues } from "./test-helpers.ts";

const thunk = (tag: string): string => `
    .section .text.thunk, "axG", @progbits, shared_thunk, comdat
    .globl shared_thunk
    .hidden shared_thunk
    .type shared_thunk, @function
shared_thunk:
    movl $0x${tag}, %eax
    ret
`;

let scratch: Scratch;
let objects: { name: string; data: Uint8Array }[];

beforeAll(() => {
  scratch = new Scratch();
  objects = [
    { name: "one.o", data: gnuAssemble(scratch, "one", `.globl _start\n_start: call shared_thunk\n  call two\n  ret\n${thunk("1111")}`) },
    { name: "two.o", data: gnuAssemble(scratch, "two", `.globl two\ntwo: call shared_thunk\n  ret\n${thunk("2222")}`) },
  ];
});
afterAll(() => scratch.dispose());

describe("COMDAT groups", () => {
  const script = "SECTIONS { . = 0x10000; .text : { *(.text .text.*) } }";

  test("the first copy is kept, the second dropped, both callers reach the kept one", () => {
    const result = link(objects, { script });
    const gnu = gnuLink(scratch, objects, ["-T", scratch.write("g.ld", script)]);
    expect(loadedSegments(result.image, "ours")).toEqual(loadedSegments(gnu, "gnu"));
    const g = symbolValues(gnu, "gnu");
    const o = symbolValues(result.image, "ours");
    for (const [name, value] of g) expect(o.get(name), `symbol ${name}`).toBe(value);
    const text = readElf32(result.image, "ours").sections.find((s) => s.name === ".text")!;
    const bytes = Buffer.from(readElf32(result.image, "ours").sectionData(text)).toString("hex");
    expect(bytes).toContain("b811110000"); // movl $0x1111, %eax
    expect(bytes).not.toContain("b822220000");
  });
});
