// Linker script features, each judged by GNU ld: the same objects and script linked by both
// must load the same bytes at the same addresses and give every symbol the same value.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { link } from "./index.ts";
import { Scratch, gnuAssemble, gnuLink, loadedSegments, symbolValues } from "./test-helpers.ts";

const FIRST = `
    .globl _start, f_hot, shared_word
    .text
_start: call f_hot
    call f_cold
    ret
    .section .text.hot, "ax"
    .p2align 4
f_hot: movl $1, %eax
    ret
    .section .text.unlikely, "ax"
f_cold: ret
    .section .rodata
    .p2align 3
ro1: .long 0x11111111, ro2
    .section .rodata.str, "a"
ro2: .asciz "first"
    .data
shared_word: .long 0x12345678, ro1
    .byte small_abs                 /* R_386_8 against another object's absolute symbol */
    .word small_abs + 0x100         /* R_386_16 */
    .section .data.rel, "aw"
    .long _start
    .bss
    .p2align 5
big1: .skip 100
    .section .bss.big, "aw", @nobits
    .skip 3
    .comm c1, 10, 2
    .comm c2, 7, 8
    .section .mysec, "aw"
    .long 0xabcdef01
    .section .myro, "a"
    .byte 1, 2, 3
    .section .note.custom, "a", @note
    .long 4, 4, 1
    .ascii "TSK\\0"
    .long 0x42
    .section .info.nonalloc, ""
    .ascii "not loaded"
`;
const SECOND = `
    .globl second_fn, small_abs
    .set small_abs, 0x7f
    .text
second_fn: call f_hot
    movl shared_word, %eax
    jecxz f_hot                     /* R_386_PC8 to another object */
    ret
    .section .text.hot.two, "ax"
    nop
    .section .rodata
    .p2align 4
ro3: .quad 0x0102030405060708
    .data
    .byte 0x77
    .bss
    .skip 9
    .comm c1, 12, 4
    .comm c3, 1, 1
    .section .mysec, "aw"
    .long second_fn
    .section .other_data, "aw"      /* a second writable orphan: must follow .mysec */
    .long 0x0d0d0d0d
    .section .other_ro, "a"
    .long 0x0e0e0e0e
`;

let scratch: Scratch;
let objects: { name: string; data: Uint8Array }[];

beforeAll(() => {
  scratch = new Scratch();
  objects = [
    { name: "first.o", data: gnuAssemble(scratch, "first", FIRST) },
    { name: "second.o", data: gnuAssemble(scratch, "second", SECOND) },
  ];
});
afterAll(() => scratch.dispose());

const CASES: Record<string, string> = {
  "one segment per kind with orphans placed by kind": `
    SECTIONS {
      . = 0x200000;
      .text : { *(.text .text.*) }
      .rodata : { *(.rodata .rodata.*) }
      .data : { *(.data .data.*) }
      .bss : { *(.bss .bss.*) *(COMMON) }
    }`,
  "SORT, EXCLUDE_FILE, KEEP, separate descriptions keep their order": `
    ENTRY(_start)
    SECTIONS {
      . = 0x100000;
      .text : { *(.text.unlikely) KEEP(*(SORT(.text.hot*))) EXCLUDE_FILE(second.o) *(.text) *(.text) }
      .rodata : { *(.rodata.str) *(.rodata) }
      .data : { *(.data) *(.data.rel) *(.mysec) }
      .bss : { *(.bss.big) *(COMMON) *(.bss) }
      /DISCARD/ : { *(.note.custom) *(.myro) }
    }`,
  "data statements, FILL, =fill, relative dot, symbols inside sections": `
    SECTIONS {
      . = 0x300000;
      .text : { *(.text*) . = ALIGN(16); text_pad_end = .; } =0x90909090
      .rodata : {
        LONG(0xdeadbeef) SHORT(0x1234) BYTE(7) QUAD(0x1122334455667788)
        . = 0x20;
        at_0x20 = .;
        also_rel = 0x30;
        FILL(0xcc);
        . = ALIGN(8);
        *(.rodata*)
        ro_size = SIZEOF(.rodata);
      }
      .data ALIGN(0x100) : { data_start = .; *(.data*) *(.mysec) }
      .bss (NOLOAD) : { *(.bss*) *(COMMON) }
      after_bss = ADDR(.bss) + SIZEOF(.bss);
      end_aligned = ALIGN(0x1000);
    }`,
  "PROVIDE, DEFINED, arithmetic, conditional, MAX/MIN, forward references": `
    SECTIONS {
      base = 0x400000;
      . = base + 0x1000;
      .text : { *(.text*) }
      PROVIDE(f_hot = 0x1);
      PROVIDE(c1 = 0x2);
      PROVIDE(not_referenced = 0x3);
      text_words = SIZEOF(.text) / 4;
      bss_start_early = ADDR(.bss);
      picked = DEFINED(second_fn) ? 0x55 : 0x66;
      mixed = MAX(0x10, 0x20) + MIN(3, 4) * 2 - (1 << 4) | 0x100;
      .rodata ALIGN(0x800) : { *(.rodata*) }
      .data : AT(0x500000) { *(.data*) *(.other_data) }
      .bss : { *(.bss*) *(COMMON) }
      .mysec : { *(.mysec) }
    }`,
  "headers loaded with SIZEOF_HEADERS, -z separate-code": `
    ENTRY(_start)
    SECTIONS {
      . = 0x08048000 + SIZEOF_HEADERS;
      .text : { *(.text*) }
      .rodata : { *(.rodata*) *(.myro) }
      . = ALIGN(0x1000) + (. & 0xfff);
      .data : { *(.data*) *(.mysec) }
      .bss : { *(.bss*) *(COMMON) }
    }`,
  "SUBALIGN overrides input alignment, both ways": `
    SECTIONS {
      . = 0x100000;
      .text : { *(.text*) }
      .rodata : SUBALIGN(16) { *(.rodata*) *(.myro) *(.other_ro) }
      .data : SUBALIGN(2) { *(.data*) *(.mysec) *(.other_data) }
      .bss : { *(.bss*) *(COMMON) }
    }`,
  "empty output sections and a text-only address": `
    SECTIONS {
      . = 0x600000;
      .empty_one : { *(.nothing_matches) }
      .text : { *(.text*) }
      .empty_two : { *(.nothing_either) }
      .rodata : { *(.rodata*) }
      .keep_sym : { marker = .; }
      .data : { *(.data*) }
      .bss : { *(.bss*) *(COMMON) }
    }`,
};

/**
 * A map file reduced to what both linkers must agree on: the "Linker script and memory map"
 * part without GNU ld's own empty sections (.iplt, .got, .rel.*) and without debug sections
 * (their sizes differ with the unloaded debug info) or blank lines.
 */
function comparableMap(map: string): string[] {
  const lines = map.slice(map.indexOf("Linker script and memory map")).split("\n");
  const out: string[] = [];
  let skipping = false;
  for (const line of lines) {
    if (/^\S/.test(line)) skipping = /^(\.iplt|\.igot|\.got|\.rel\.|\.debug|LOAD |OUTPUT\()/.test(line);
    if (skipping || line.trim() === "" || /^ \*\(\.debug|size before relaxing/.test(line)) continue;
    out.push(line);
  }
  return out;
}

describe("the map file judged by GNU ld's", () => {
  test("addresses, sizes, fills, data statements and symbols line up", () => {
    const script = CASES["data statements, FILL, =fill, relative dot, symbols inside sections"]!;
    gnuLink(scratch, objects, ["-T", scratch.write("map.ld", script), "-e", "_start", "-Map", scratch.path("gnu.map")]);
    const gnuMap = readFileSync(scratch.path("gnu.map"), "utf8");
    const ours = link(objects, { script, entry: "_start" }).map;
    expect(comparableMap(ours)).toEqual(comparableMap(gnuMap));
    expect(ours).toContain(" *fill*         0x0030000b        0x5 90909090");
  });
});

describe("linker script features judged by GNU ld", () => {
  for (const [name, script] of Object.entries(CASES)) {
    test(name, () => {
      const gnu = gnuLink(scratch, objects, ["-T", scratch.write("case.ld", script), "-e", "_start"]);
      const ours = link(objects, { script, scriptName: "case.ld", entry: "_start" }).image;
      expect(loadedSegments(ours, "ours"), "PT_LOAD segments vs GNU ld").toEqual(loadedSegments(gnu, "gnu"));
      const g = symbolValues(gnu, "gnu");
      const o = symbolValues(ours, "ours");
      for (const [sym, value] of g) expect(o.get(sym), `symbol ${sym}: GNU ld says 0x${value.toString(16)}`).toBe(value);
    });
  }
});
