// The script language on its own: tokens, parse trees, expression values.
import { describe, expect, test } from "vitest";
import { LinkError } from "../errors.ts";
import { newOutputSection } from "../output-section.ts";
import { globMatch } from "../glob.ts";
import type { Expr, OutputSectionStatement } from "./ast.ts";
import { evaluate, type EvalContext } from "./evaluate.ts";
import { Lexer } from "./lexer.ts";
import { parseScript } from "./parser.ts";

function exprOf(text: string): Expr {
  const s = parseScript(`x = ${text};`, "t.ld");
  const a = s.statements[0]!;
  if (a.kind !== "assign") throw new Error("not an assignment");
  return a.expr;
}

function context(over: Partial<EvalContext> = {}): EvalContext {
  const syms: Record<string, number> = { base: 0x100000, four: 4 };
  return {
    dot: 0x1234, symbol: (n) => (n in syms ? { value: syms[n]! } : undefined), section: () => undefined,
    isDefined: (n) => n in syms, sizeofHeaders: 0x74, maxPageSize: 0x1000, unresolved: () => {}, ...over,
  };
}

const value = (text: string, cx = context()): number => evaluate(exprOf(text), cx).value;

describe("numbers", () => {
  test.each([
    ["0x10", 16], ["010", 8], ["10", 10], ["4K", 4096], ["1M", 0x100000], ["0x2K", 0x800],
    ["1fh", 31], ["17o", 15], ["101b", 5], ["0b11", 3], ["12d", 12],
  ])("%s = %i", (text, expected) => {
    expect(value(text)).toBe(expected);
  });

  test("a number wider than 64 bits is refused with its position", () => {
    expect(() => new Lexer("0x10000000000000000", "n.ld").next("expr")).toThrow("n.ld:1:1: number 0x10000000000000000 does not fit in 64 bits");
  });
});

describe("expressions", () => {
  test.each([
    ["1 + 2 * 3", 7], ["(1 + 2) * 3", 9], ["10 - 3 - 2", 5], ["1 << 4 | 1", 17], ["7 & 3 ^ 1", 2],
    ["-1", 0xffffffff], ["~0", 0xffffffff], ["!0", 1], ["!5", 0], ["3 > 2 && 2 > 1", 1], ["0 || 0", 0],
    ["5 == 5 ? 10 : 20", 10], ["5 != 5 ? 10 : 20", 20], ["17 / 5", 3], ["17 % 5", 2],
    ["MAX(3, 9)", 9], ["MIN(3, 9)", 3], ["ALIGN(16)", 0x1240], ["ALIGN(0x1001, 8)", 0x1008], ["LOG2CEIL(17)", 5],
    ["base + four", 0x100004], [". + 1", 0x1235], ["DEFINED(base)", 1], ["DEFINED(nope)", 0],
    ["SIZEOF_HEADERS", 0x74], ["CONSTANT(MAXPAGESIZE)", 0x1000], ["SEGMENT_START(\"text-segment\", 0x8048000)", 0x8048000],
    ["0xffffffff + 2", 1],
  ])("%s = %i", (text, expected) => {
    expect(value(text)).toBe(expected);
  });

  test("section functions read the placed section", () => {
    const st: OutputSectionStatement = { kind: "section", name: ".data", noload: false, body: [], orphan: false, at: "" };
    const data = newOutputSection(".data", st);
    data.addr = 0x2000; data.lma = 0x9000; data.size = 0x30; data.align = 16;
    const cx = context({ section: (n) => (n === ".data" ? data : undefined) });
    expect(value("ADDR(.data)", cx)).toBe(0x2000);
    expect(value("LOADADDR(.data)", cx)).toBe(0x9000);
    expect(value("SIZEOF(.data)", cx)).toBe(0x30);
    expect(value("ALIGNOF(.data)", cx)).toBe(16);
    expect(evaluate(exprOf("ADDR(.data) + 4"), cx).section, "an address stays section-relative").toBe(data);
    expect(evaluate(exprOf("ADDR(.data) - ADDR(.data)"), cx).section, "a difference is a plain number").toBeUndefined();
  });

  test("an unknown symbol is reported, not silently zero", () => {
    const seen: string[] = [];
    evaluate(exprOf("missing + 1"), context({ unresolved: (n, at) => seen.push(`${n} at ${at}`) }));
    expect(seen).toEqual(["missing at t.ld:1:5"]);
  });

  test("division by zero is an error", () => {
    expect(() => value("1 / 0")).toThrow(LinkError);
  });
});

describe("parsing", () => {
  test("a kernel-style script", () => {
    const s = parseScript(`
      OUTPUT_FORMAT("elf32-i386")
      OUTPUT_ARCH(i386)
      ENTRY(_start)
      SECTIONS {
        . = 1M;
        .text ALIGN(4K) : AT(ADDR(.text) - 0xC0000000) SUBALIGN(4) {
          KEEP(*(.multiboot))
          *(EXCLUDE_FILE(*crt0.o) .text .text.*)
          *(SORT(.text.sorted.*))
          boot.o(.text.boot)
          LONG(0x12345678)
          FILL(0x90)
        } =0x9090
        .bss (NOLOAD) : { *(.bss) *(COMMON) }
        PROVIDE_HIDDEN(_hidden = .);
        /DISCARD/ : { *(.comment) }
      }`, "k.ld");
    expect(s.entry).toBe("_start");
    const [dot, text, bss, hidden, discard] = s.statements;
    expect(dot).toMatchObject({ kind: "assign", target: ".", op: "=" });
    expect(text).toMatchObject({ kind: "section", name: ".text", noload: false, fillWidth: 2 });
    const body = (text as OutputSectionStatement).body;
    expect(body[0]).toMatchObject({ kind: "input", keep: true, sectionPatterns: [".multiboot"] });
    expect(body[1]).toMatchObject({ kind: "input", excludeFiles: ["*crt0.o"], sectionPatterns: [".text", ".text.*"] });
    expect(body[2]).toMatchObject({ kind: "input", sort: "name", sectionPatterns: [".text.sorted.*"] });
    expect(body[3]).toMatchObject({ kind: "input", filePattern: "boot.o", sectionPatterns: [".text.boot"] });
    expect(body[4]).toMatchObject({ kind: "data", width: 4 });
    expect(body[5]).toMatchObject({ kind: "fill", width: 1 });
    expect(bss).toMatchObject({ kind: "section", name: ".bss", noload: true });
    expect(hidden).toMatchObject({ kind: "assign", target: "_hidden", provide: "provide-hidden" });
    expect(discard).toMatchObject({ kind: "section", name: "/DISCARD/" });
  });

  test("errors carry file:line:col and say what was expected", () => {
    expect(() => parseScript("SECTIONS {\n  .text : { *(.text) \n", "e.ld")).toThrow(/^e\.ld:3:1: /);
    expect(() => parseScript("ENTRY(_start", "e.ld")).toThrow("e.ld:1:13: expected ')' but found end of file");
    expect(() => parseScript("OUTPUT_FORMAT(elf64-x86-64)", "e.ld")).toThrow("OUTPUT_FORMAT(elf64-x86-64) is not supported");
    expect(() => parseScript("SECTIONS { .text : { *(.text) } > ram }", "e.ld")).toThrow("memory regions");
    expect(() => parseScript("/* open", "e.ld")).toThrow("e.ld:1:1: comment is not closed");
  });
});

describe("wildcards", () => {
  test.each([
    ["*", ".text", true], [".text.*", ".text.hot", true], [".text.*", ".text", false], ["*crt?.o", "lib/crt0.o", true],
    ["[ab]*.o", "b.o", true], ["[!ab]*.o", "b.o", false], [".data", ".data", true], [".da?a", ".dada", true],
  ])("%s vs %s", (pattern, text, expected) => {
    expect(globMatch(pattern, text)).toBe(expected);
  });
});
