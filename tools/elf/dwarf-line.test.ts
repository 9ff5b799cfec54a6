// The DWARF line-table directives, judged by readelf's decoder and by gdb, after assembling
// with GNU as and with our own assembler and linking with tsk-ld.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { requireTool } from "../../test/host-tools.ts";
import { assemble } from "../asm/index.ts";
import { link } from "../ld/index.ts";
import { decodeLineTables } from "./dwarf-line-reader.ts";
import { dwarfLineDirectives, sleb128, uleb128 } from "./dwarf-line.ts";
import { readElf32 } from "./reader.ts";

const dir = mkdtempSync(path.join(tmpdir(), "dwarf-line-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A program as a compiler would write it: a label at the first instruction of each line.
const PROGRAM = `    .text
    .globl _start
_start:
.Lrow0:
    movl $1, %eax
.Lrow1:
    movl $42, %ebx
.Lrow2:
    call helper
    int $0x80
    .globl helper
helper:
.Lrow3:
    ret
.Lend:
` + dwarfLineDirectives({
  name: "userland/hello.ts", compDir: "/src", producer: "tsk test", lowLabel: "_start", highLabel: ".Lend",
  rows: [
    { label: ".Lrow0", file: "userland/hello.ts", line: 3 },
    { label: ".Lrow1", file: "userland/hello.ts", line: 4, column: 5 },
    { label: ".Lrow2", file: "userland/hello.ts", line: 7 },
    { label: ".Lrow3", file: "userland/lib.ts", line: 12 },
  ],
});

function linked(object: Uint8Array, name: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, link([{ name: "hello.o", data: object }], {}).image);
  return file;
}

function gnuAs(): Uint8Array {
  const src = path.join(dir, "hello.S");
  writeFileSync(src, PROGRAM);
  const r = spawnSync(requireTool("as"), ["--32", "-o", path.join(dir, "hello.o"), src], { encoding: "utf8" });
  expect(r.stderr).toBe("");
  return new Uint8Array(readFileSync(path.join(dir, "hello.o")));
}

describe("LEB128", () => {
  test.each([[0, [0]], [127, [0x7f]], [128, [0x80, 1]], [624485, [0xe5, 0x8e, 0x26]]])("uleb128(%i)", (v, bytes) => {
    expect(uleb128(v)).toEqual(bytes);
  });
  test.each([[0, [0]], [2, [2]], [-1, [0x7f]], [63, [0x3f]], [64, [0xc0, 0]], [-128, [0x80, 0x7f]], [-123456, [0xc0, 0xbb, 0x78]]])("sleb128(%i)", (v, bytes) => {
    expect(sleb128(v)).toEqual(bytes);
  });
});

describe("decoding line tables", () => {
  test("the rows written by dwarfLineDirectives read back (object offsets, files, lines)", () => {
    const elf = readElf32(gnuAs(), "hello.o");
    const rows = decodeLineTables(elf.sectionData(elf.sections.find((s) => s.name === ".debug_line")!));
    expect(rows.map((r) => [r.file, r.line, r.address, r.end])).toEqual([
      ["userland/hello.ts", 3, 0, false], ["userland/hello.ts", 4, 5, false], ["userland/hello.ts", 7, 10, false],
      ["userland/lib.ts", 12, 0x11, false], ["userland/lib.ts", 12, 0x12, true],
    ]);
  });

  test("a truncated table yields the rows before the damage, never an exception", () => {
    const elf = readElf32(gnuAs(), "hello.o");
    const data = elf.sectionData(elf.sections.find((s) => s.name === ".debug_line")!);
    for (let cut = 0; cut < data.length; cut++) expect(() => decodeLineTables(data.subarray(0, cut))).not.toThrow();
  });
});

describe("line tables for .ts sources", () => {
  for (const [assembler, make] of [["GNU as", gnuAs], ["tools/asm", () => assemble(PROGRAM, { filename: "hello.S" })]] as const) {
    test(`${assembler} + tsk-ld: readelf decodes the rows and gdb maps lines both ways`, () => {
      const file = linked(make(), `hello-${assembler.replace(/\W/g, "")}.elf`);
      const decoded = spawnSync(requireTool("readelf"), ["--debug-dump=decodedline", file], { encoding: "utf8" });
      expect(decoded.stderr).toBe("");
      expect(decoded.stdout).toMatch(/hello\.ts\s+3\s+0x8048000/);
      expect(decoded.stdout).toMatch(/hello\.ts\s+4\s+0x8048005/);
      expect(decoded.stdout).toMatch(/hello\.ts\s+7\s+0x804800a/);
      expect(decoded.stdout).toMatch(/lib\.ts\s+12\s+0x8048011/);
      const gdb = spawnSync(requireTool("gdb"), ["-batch", "-nx", "-ex", "info line *0x08048005", "-ex", "break hello.ts:7", "-ex", "info line lib.ts:12", file], { encoding: "utf8" });
      expect(gdb.stdout).toContain('Line 4 of "userland/hello.ts" starts at address 0x8048005 <_start+5> and ends at 0x804800a <_start+10>.');
      expect(gdb.stdout).toContain("Breakpoint 1 at 0x804800a: file userland/hello.ts, line 7.");
      expect(gdb.stdout).toContain('Line 12 of "userland/lib.ts" starts at address 0x8048011 <helper>');
    });
  }
});
