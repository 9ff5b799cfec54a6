// Bad input gets one clear line naming the file (and symbol, section and offset where there
// is one), in GNU ld's words, and never a host stack trace.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { LinkError, link } from "./index.ts";
import { Scratch, gnuAssemble } from "./test-helpers.ts";
import { requireTool } from "../../test/host-tools.ts";

let scratch: Scratch;
let start: Uint8Array;

beforeAll(() => {
  scratch = new Scratch();
  // Without -g: with line tables GNU ld words its messages by source line instead.
  start = gnuAssemble(scratch, "start", ".globl _start\n_start:\n  nop\n  call helper\n  ret\n", false);
});
afterAll(() => scratch.dispose());

function linkError(objects: { name: string; data: Uint8Array }[], options = {}): LinkError {
  try {
    link(objects, options);
  } catch (e) {
    if (e instanceof LinkError) return e;
    throw new Error(`expected a LinkError, got ${String(e)}`);
  }
  throw new Error("expected the link to fail, it succeeded");
}

/** What GNU ld says for the same input (its complaint lines, without the "ld: " prefix). */
function gnuComplaint(objects: { name: string; data: Uint8Array }[]): string {
  for (const o of objects) scratch.write(o.name, o.data);
  const r = spawnSync(requireTool("ld"), ["-m", "elf_i386", "-o", scratch.path("x.elf"), ...objects.map((o) => o.name)], { cwd: scratch.dir, encoding: "utf8" });
  expect(r.status, "GNU ld must reject this input too").not.toBe(0);
  return r.stderr;
}

describe("symbol errors", () => {
  test("undefined symbol: object, section+offset and symbol, at the same place GNU ld reports", () => {
    const objs = [{ name: "start.o", data: start }];
    const e = linkError(objs);
    expect(e.problems).toEqual(["start.o:(.text+0x2): undefined reference to `helper'"]);
    expect(gnuComplaint(objs)).toContain("(.text+0x2): undefined reference to `helper'");
  });

  test("with a line table, the source line and function are named, the line GNU ld names", () => {
    const ts = gnuAssemble(scratch, "ts", [
      '    .file 1 "kernel/kern/main.ts"', "    .text", "    .globl boot", "    .type boot, @function", "boot:",
      "    .loc 1 40 3", "    nop", "    .loc 1 42 5", "    call missing_fn", "    ret", "",
    ].join("\n"), false);
    const objs = [{ name: "ts.o", data: ts }];
    expect(linkError(objs, { entry: "boot" }).problems).toEqual(["ts.o:(.text+0x2): undefined reference to `missing_fn' (kernel/kern/main.ts:42, in function `boot')"]);
    const gnu = gnuComplaint(objs);
    expect(gnu).toContain("in function `boot'");
    expect(gnu).toContain("kernel/kern/main.ts:42: undefined reference to `missing_fn'");
  });

  test("duplicate definition names both objects", () => {
    const a = gnuAssemble(scratch, "a", ".globl helper\n.text\n.skip 3\nhelper: ret\n", false);
    const b = gnuAssemble(scratch, "b", ".globl helper\n.data\n.long 0\nhelper: .long 1\n", false);
    const objs = [{ name: "start.o", data: start }, { name: "a.o", data: a }, { name: "b.o", data: b }];
    const e = linkError(objs);
    expect(e.problems).toEqual(["b.o:(.data+0x4): multiple definition of `helper'; a.o:(.text+0x3): first defined here"]);
    expect(gnuComplaint(objs)).toContain("multiple definition of `helper'; a.o:(.text+0x3): first defined here");
  });

  test("a weak definition does not clash with a strong one", () => {
    const a = gnuAssemble(scratch, "wa", ".weak helper\nhelper: movl $1, %eax\nret\n");
    const b = gnuAssemble(scratch, "wb", ".globl helper\nhelper: movl $2, %eax\nret\n");
    const r = link([{ name: "start.o", data: start }, { name: "wa.o", data: a }, { name: "wb.o", data: b }], {});
    expect(r.image.length).toBeGreaterThan(0);
  });

  test("relocation truncated to fit", () => {
    const o = gnuAssemble(scratch, "trunc", ".globl _start\n_start: ret\n.data\n.byte big\n.set big, 0x1234\n.globl big\n");
    const objs = [{ name: "trunc.o", data: o }];
    expect(linkError(objs).problems[0]).toBe("trunc.o:(.data+0x0): relocation truncated to fit: R_386_8 against symbol `big' defined in *ABS* section in a.out");
    expect(gnuComplaint(objs)).toContain("trunc.o:(.data+0x0): relocation truncated to fit: R_386_8 against symbol `big' defined in *ABS* section in");
  });

  test("reference to a discarded section", () => {
    const o = gnuAssemble(scratch, "disc", ".globl _start\n_start: call gone\n.section .text.gone,\"ax\"\ngone: ret\n");
    const script = "SECTIONS { .text : { *(.text) } /DISCARD/ : { *(.text.gone) } }";
    // The reference goes through the section symbol (gas resolves local labels that way),
    // so, as GNU ld does, the message names the section.
    const expected = "`.text.gone' referenced in section `.text' of disc.o: defined in discarded section `.text.gone' of disc.o";
    expect(linkError([{ name: "disc.o", data: o }], { script }).problems[0]).toBe(`disc.o:(.text+0x1): ${expected}`);
    const gnu = spawnSync(requireTool("ld"), ["-m", "elf_i386", "-T", scratch.write("disc.ld", script), "-o", "disc.elf", "disc.o"], { cwd: scratch.dir, encoding: "utf8" });
    expect(gnu.stderr).toContain(expected);
  });
});

describe("malformed objects", () => {
  const patched = (edit: (v: DataView) => void): Uint8Array => {
    const copy = start.slice();
    edit(new DataView(copy.buffer));
    return copy;
  };

  test("truncated header", () => {
    expect(linkError([{ name: "short.o", data: start.slice(0, 30) }]).message)
      .toBe("short.o: truncated: 30 bytes, shorter than the 52-byte ELF32 header; file format not recognized as elf32-i386");
  });

  test("truncated body: the section header table is cut off", () => {
    const cut = start.slice(0, start.length - 20);
    expect(linkError([{ name: "cut.o", data: cut }]).message).toMatch(/^cut\.o: section header table \(offset 0x[0-9a-f]+, \d+ entries\) extends past the end of the file \(\d+ bytes\)/);
  });

  test("not an ELF file", () => {
    expect(linkError([{ name: "text.o", data: new TextEncoder().encode("hello, this is not an object file at all, really not") }]).message)
      .toBe("text.o: not an ELF file (bad magic number); file format not recognized as elf32-i386");
  });

  test("wrong machine", () => {
    const x86_64 = patched((v) => v.setUint16(18, 62, true));
    expect(linkError([{ name: "amd64.o", data: x86_64 }]).message).toBe("amd64.o: is for machine 62, not i386 (EM_386 = 3); assemble it with --32");
  });

  test("64-bit class", () => {
    expect(linkError([{ name: "elf64.o", data: patched((v) => v.setUint8(4, 2)) }]).message).toMatch(/^elf64\.o: ELF class 2 is not ELFCLASS32/);
  });

  test("a section whose offset points past the end of the file", () => {
    const bad = patched((v) => {
      const shoff = v.getUint32(32, true);
      v.setUint32(shoff + 1 * 40 + 16, 0x7fff0000, true); // section 1's sh_offset
    });
    expect(linkError([{ name: "bad.o", data: bad }]).message).toMatch(/^bad\.o: section 1 \(offset 0x7fff0000, size 0x[0-9a-f]+\) extends past the end of the file/);
  });

  test("an executable is not an input", () => {
    expect(linkError([{ name: "exec.o", data: patched((v) => v.setUint16(16, 2, true)) }]).message).toMatch(/^exec\.o: is not a relocatable object/);
  });

  test("unsupported relocation type", () => {
    const o = gnuAssemble(scratch, "got", ".globl _start\n_start: movl foo@GOTOFF(%ebx), %eax\nfoo: ret\n");
    expect(linkError([{ name: "got.o", data: o }]).message).toMatch(/^got\.o: \.text\+0x2: unsupported relocation type R_386_GOTOFF \(9\)/);
  });
});

describe("damaged objects never crash the linker", () => {
  test("1,000 seeded random corruptions: each link succeeds or fails with a LinkError", () => {
    const victims = [start, gnuAssemble(scratch, "victim", ".globl helper\nhelper: call _start\n.data\nx: .long helper, x\n.bss\n.skip 64\n.comm c, 8, 4\n", true)];
    let seed = 0x5eed;
    const random = (): number => { seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff; return seed; };
    let linkErrors = 0;
    for (let i = 0; i < 1000; i++) {
      const which = random() % 2;
      const data = victims[which]!.slice();
      for (let k = 1 + (random() % 3); k > 0; k--) data[random() % data.length] = random() & 0xff;
      const objs = victims.map((v, j) => ({ name: j === 0 ? "start.o" : "victim.o", data: j === which ? data : v }));
      try {
        link(objs, {});
      } catch (e) {
        if (!(e instanceof LinkError)) throw new Error(`corruption ${i} of ${objs[which]!.name} escaped as ${String(e)}`);
        expect(e.problems.every((p) => p.length > 0 && !p.includes("\n"))).toBe(true);
        linkErrors++;
      }
    }
    expect(linkErrors, "some corruptions must be detected").toBeGreaterThan(50);
  });
});

describe("linker script errors", () => {
  test("a syntax error names file, line and column", () => {
    expect(linkError([{ name: "start.o", data: start }], { script: "SECTIONS {\n  .text : { *(.text) }\n  .data 0x1000 + : { *(.data) }\n}", scriptName: "k.ld" }).message)
      .toBe("k.ld:3:18: expected an expression but found ':'");
  });

  test("unsupported commands are refused by name", () => {
    expect(linkError([{ name: "start.o", data: start }], { script: "MEMORY { ram : ORIGIN = 0, LENGTH = 1M }", scriptName: "m.ld" }).message)
      .toBe("m.ld:1:1: the MEMORY command is not supported by this linker; place sections with SECTIONS and addresses instead");
  });

  test("an undefined symbol in an expression", () => {
    const helper = gnuAssemble(scratch, "helper", ".globl helper\nhelper: ret\n");
    expect(linkError([{ name: "start.o", data: start }, { name: "helper.o", data: helper }], { script: "SECTIONS { .text 0x1000 : { *(.text) } x = nowhere + 1; }", scriptName: "u.ld" }).message)
      .toBe("u.ld:1:44: undefined symbol `nowhere' referenced in expression");
  });

  test("ASSERT failure", () => {
    const helper = gnuAssemble(scratch, "helper2", ".globl helper\nhelper: ret\n");
    expect(linkError([{ name: "start.o", data: start }, { name: "helper.o", data: helper }], { script: "SECTIONS { .text 0x1000 : { *(.text) } ASSERT(SIZEOF(.text) > 100, \"text too small\") }", scriptName: "a.ld" }).message)
      .toMatch(/^a\.ld:1:\d+: ASSERT failed: text too small$/);
  });
});

describe("the tsk-ld command", () => {
  const bin = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../../bin/tsk-ld.mjs");

  test("exits 1 with one line per problem, no stack trace", () => {
    const obj = scratch.write("start-cli.o", start);
    const r = spawnSync(process.execPath, [bin, "-o", scratch.path("cli.elf"), obj], { encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`tsk-ld: ${obj}:(.text+0x2): undefined reference to \`helper'\n`);
  });

  test("a missing input file and an unknown option", () => {
    const r = spawnSync(process.execPath, [bin, "-o", scratch.path("cli.elf"), scratch.path("nope.o")], { encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`tsk-ld: cannot find ${scratch.path("nope.o")}: No such file or directory\n`);
    const w = spawnSync(process.execPath, [bin, "-o", scratch.path("no/such/dir/out.elf"), scratch.write("start-w.o", start), "--defsym", "helper=0"], { encoding: "utf8" });
    expect(w.status).toBe(1);
    expect(w.stderr).toBe(`tsk-ld: cannot open output file ${scratch.path("no/such/dir/out.elf")}: No such file or directory\n`);
    const u = spawnSync(process.execPath, [bin, "--frobnicate"], { encoding: "utf8" });
    expect(u.status).toBe(2);
    expect(u.stderr.split("\n")[0]).toBe("tsk-ld: unrecognized option '--frobnicate'");
  });
});
