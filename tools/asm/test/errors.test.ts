// Bad input: one sentence with file:line:col, never a host stack trace; the command line
// prints it and exits 1.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../cli.ts";
import { AsmError, assemble } from "../index.ts";

function errorOf(source: string): AsmError {
  try {
    assemble(source, { filename: "bad.S" });
  } catch (e) {
    if (e instanceof AsmError) return e;
    throw new Error(`expected an AsmError, got ${String(e)}`);
  }
  throw new Error(`expected an error for:\n${source}`);
}

const cases: [what: string, source: string, line: number, column: number, message: RegExp][] = [
  ["unknown mnemonic", "\tnop\n\tfrobl %eax\n", 2, 2, /unknown instruction 'frobl'/],
  ["unknown directive", "\t.frob 1\n", 1, 2, /unknown directive '\.frob'/],
  ["unknown register", "\tmovl %eex, %eax\n", 1, 7, /unknown register %eex/],
  ["operand size mismatch", "\tmovl %ax, %ebx\n", 1, 7, /invalid operands for 'movl'/],
  ["mixed register sizes", "\tmov %ax, %ebx\n", 1, 6, /different sizes/],
  ["wrong operand count", "\tpushl %eax, %ebx\n", 1, 2, /does not take 2 operands/],
  ["immediate destination", "\tmovl %eax, $4\n", 1, 7, /invalid operands/],
  ["ambiguous size", "\tadd $1, (%eax)\n", 1, 2, /add a b, w or l suffix/],
  ["bad scale", "\tmovl (%eax,%ebx,3), %ecx\n", 1, 18, /scale factor must be 1, 2, 4 or 8/],
  ["esp as index", "\tmovl (%eax,%esp), %ecx\n", 1, 13, /cannot be an index register/],
  ["undefined local label forward", "\tjmp 1f\n\tret\n", 1, 6, /undefined local label '1 \(a numeric local label\)'/],
  ["local label backward without definition", "\tjmp 2b\n", 1, 6, /no '2:' comes before it/],
  ["undefined .L label", "\tcall .Lnowhere\n", 1, 7, /undefined local label '\.Lnowhere'/],
  ["redefined label", "x:\tnop\nx:\tnop\n", 2, 1, /symbol 'x' is already defined/],
  ["unterminated string", '\t.ascii "abc\n', 1, 9, /unterminated string/],
  ["unterminated comment", "\tnop /* open\n\tnop\n", 1, 6, /unterminated \/\* comment/],
  ["bad number", "\t.long 12ab\n", 1, 8, /bad number '12ab'/],
  ["align not a power of two", "\t.align 3\n", 1, 9, /must be a power of 2/],
  ["loop out of range", "1:\t.skip 200\n\tloop 1b\n", 2, 2, /out of range of an 8-bit displacement/],
  ["byte value too large", "\t.byte x\n\t.set x, 300\n", 1, 8, /does not fit in 8 bits/],
  ["division by zero", "\t.long 1/0\n", 1, 9, /division by zero/],
  ["non-constant multiply", "\t.long undefined_sym * 2\n", 1, 22, /needs constant operands/],
  ["two undefined symbols", "\t.long a + b\n", 1, 8, /cannot represent this expression/],
  ["16-bit bad address", "\t.code16\n\tmovw (%si,%si), %ax\n", 2, 7, /not a valid 16-bit address/],
  ["data in bss", "\t.bss\n\t.long 5\n", 2, 2, /holds no data/],
  ["prefix alone with operands", "\tlock %eax\n", 1, 2, /must be followed by an instruction/],
  ["junk after directive", "\t.text junk\n", 1, 8, /constant known at this point|unexpected/],
  ["mnemonic glued to operand", "\taddl%eax, %ebx\n", 1, 6, /put a space between 'addl' and its operands/],
  ["unterminated macro", "\t.macro m\n\tnop\n", 1, 9, /without a matching \.endm/],
  ["unbalanced .endif", "\t.endif\n", 1, 2, /\.endif without a matching \.if/],
  ["missing required macro argument", "\t.macro m a:req\n\t.long \\a\n\t.endm\n\tm\n", 4, 2, /needs a value for parameter 'a'/],
  ["org backwards", "\t.skip 8\n\t.org 4\n", 2, 7, /cannot move the location backwards/],
  [".loc of an undeclared file", '\t.file 1 "a.ts"\n\t.loc 2 10\n\tnop\n', 2, 2, /names file 2, which no '\.file 2 "name"' declared/],
  ["unknown .loc option", '\t.file 1 "a.ts"\n\t.loc 1 10 2 frobnicate\n', 2, 14, /unknown \.loc option 'frobnicate'/],
  [".include without a way to read files", '\t.include "x.inc"\n', 1, 11, /no way to read files/],
  ["unsupported call-frame directive", "\t.cfi_startproc\n\t.cfi_personality 0, foo\n", 2, 2, /'\.cfi_personality' is not supported/],
  ["call-frame directive outside a procedure", "\t.cfi_def_cfa_offset 8\n", 1, 2, /outside \.cfi_startproc/],
  ["unterminated procedure", "\t.cfi_startproc\n\tret\n", 1, 2, /\.cfi_startproc without \.cfi_endproc/],
  ["fill pattern that does not divide the padding", "\t.data\n\t.byte 1\n\t.balignw 8, 0x1234\n", 3, 2, /padding \(7 bytes\) is not a multiple of the 2-byte fill pattern/],
  ["missing operand", "\tmovl %eax,\n", 1, 12, /unexpected end of statement|expected an operand/],
];

describe("tsk-as reports bad input with file:line:col", () => {
  for (const [what, source, line, column, message] of cases) {
    it(what, () => {
      const e = errorOf(source);
      expect({ line: e.line, column: e.column, file: e.file }).toEqual({ line, column, file: "bad.S" });
      expect(e.detail).toMatch(message);
      expect(e.message).toBe(`bad.S:${line}:${column}: error: ${e.detail}`);
      expect(e.message).not.toMatch(/internal/);
    });
  }
});

describe("errors inside included files", () => {
  it("name the included file and its line", () => {
    const include = (name: string) => (name === "bad.inc" ? { path: "inc/bad.inc", text: "\tnop\n\tfrob %eax\n" } : undefined);
    let error: unknown;
    try {
      assemble('\tnop\n\t.include "bad.inc"\n', { filename: "main.S", include });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AsmError);
    expect((error as AsmError).message).toBe("inc/bad.inc:2:2: error: unknown instruction 'frob'");
  });
  it("report a missing file at the .include", () => {
    let error: unknown;
    try {
      assemble('\tnop\n\t.include "gone.inc"\n', { filename: "main.S", include: () => undefined });
    } catch (e) {
      error = e;
    }
    expect((error as AsmError).message).toBe("main.S:2:11: error: cannot find include file 'gone.inc'");
  });
});

describe("tsk-as command line", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "tsk-as-cli-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes the object named by -o and exits 0", async () => {
    const src = path.join(dir, "ok.S");
    writeFileSync(src, "\t.globl f\nf:\tret\n");
    expect(await main(["--32", src, "-o", path.join(dir, "ok.o")])).toBe(0);
    const obj = readFileSync(path.join(dir, "ok.o"));
    expect([...obj.subarray(0, 4)]).toEqual([0x7f, 0x45, 0x4c, 0x46]);
  });

  it("prints file:line:col: error: and exits 1", async () => {
    const src = path.join(dir, "bad.S");
    writeFileSync(src, "\tnop\n\tmovl %eax\n");
    const written: string[] = [];
    const original = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => {
      written.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    let status: number;
    try {
      status = await main(["--32", src, "-o", path.join(dir, "bad.o")]);
    } finally {
      process.stderr.write = original;
    }
    expect(status).toBe(1);
    expect(written.join("")).toBe(`${src}:2:2: error: 'movl' does not take 1 operand\n`);
  });
});
