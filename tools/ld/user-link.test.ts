// Static user executables (the --user layout) and the map file. The host kernel runs i386
// static ELF programs, so besides comparing with GNU ld we run the result as a judge.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { PF_R, PF_W, PF_X, readElf32 } from "../elf/index.ts";
import { requireTool } from "../../test/host-tools.ts";
import { USER_SCRIPT, link } from "./index.ts";
import { Scratch, gnuAssemble, gnuLink, loadedSegments, symbolValues } from "./test-helpers.ts";

// Linux i386 system calls via int $0x80: write(1, msg, len), then exit(counter + words).
const PROGRAM = `
    .globl _start
    .type _start, @function
_start:
    movl $msg, %ecx
    call print
    call sum_words
    addl counter, %eax
    movl %eax, %ebx
    movl $1, %eax
    int $0x80
`;
const LIBRARY = `
    .globl print, sum_words, counter
    .type print, @function
print:
    movl $4, %eax
    movl $1, %ebx
    movl $msg_len, %edx
    int $0x80
    ret
    .type sum_words, @function
sum_words:
    xorl %eax, %eax
    movl $words, %esi
1:  addl (%esi), %eax
    addl $4, %esi
    cmpl $words_end, %esi
    jb 1b
    movl %eax, zeroed
    addl zeroed + 4, %eax
    ret
    .section .rodata
    .globl msg
msg: .ascii "hello from a tsk-ld user program\\n"
    .set msg_len, . - msg
words: .long 1, 2, 3, 4
words_end:
    .data
counter: .long 5
    .bss
    .comm zeroed, 64, 4
`;

let scratch: Scratch;
let objects: { name: string; data: Uint8Array }[];

beforeAll(() => {
  scratch = new Scratch();
  objects = [
    { name: "prog.o", data: gnuAssemble(scratch, "prog", PROGRAM) },
    { name: "lib.o", data: gnuAssemble(scratch, "lib", LIBRARY) },
  ];
});
afterAll(() => scratch.dispose());

describe("user executables (--user)", () => {
  test("three segments R-X, R, RW at 0x08048000, same bytes and symbols as GNU ld", () => {
    const ours = link(objects, { preset: "user" }).image;
    const gnu = gnuLink(scratch, objects, ["-T", scratch.write("user.ld", USER_SCRIPT)]);
    const segs = loadedSegments(ours, "ours");
    expect(segs).toEqual(loadedSegments(gnu, "gnu"));
    expect(segs.map((s) => [s.vaddr, s.flags])).toEqual([[0x08048000, PF_R | PF_X], [0x08049000, PF_R], [0x0804a000, PF_R | PF_W]]);
    expect(segs[2]!.memsz).toBeGreaterThan(segs[2]!.filesz);
    const g = symbolValues(gnu, "gnu");
    const o = symbolValues(ours, "ours");
    for (const [name, value] of g) expect(o.get(name), `symbol ${name}`).toBe(value);
    expect(readElf32(ours, "ours").header.entry).toBe(o.get("_start"));
  });

  test("is also the default layout, and the host kernel runs it", () => {
    const ours = link(objects, {}).image;
    const file = scratch.write("hello.elf", ours);
    spawnSync("chmod", ["755", file]);
    const r = spawnSync(file, [], { encoding: "utf8", timeout: 10_000 });
    expect(r.stdout).toBe("hello from a tsk-ld user program\n");
    expect(r.status, "exit status = 1+2+3+4 + counter 5").toBe(15);
  });

  test("-Ttext moves .text like GNU ld's -Ttext", () => {
    const ours = link(objects, { sectionStarts: { ".text": 0x400000 } }).image;
    const gnu = gnuLink(scratch, objects, ["-T", scratch.write("user2.ld", USER_SCRIPT), "-Ttext", "400000"]);
    expect(loadedSegments(ours, "ours")).toEqual(loadedSegments(gnu, "gnu"));
  });

  test("-e sets the entry point, and a missing entry symbol is a warning as in GNU ld", () => {
    expect(link(objects, { entry: "print" }).entry).toBe(symbolValues(link(objects, {}).image, "x").get("print"));
    const r = link(objects, { entry: "no_such_entry" });
    expect(r.warnings).toEqual(["warning: cannot find entry symbol no_such_entry; defaulting to 08048000"]);
    expect(r.entry).toBe(0x08048000);
  });
});

describe("C objects from gcc -m32", () => {
  test("link like GNU ld: merged string literals, GNU_STACK, same program headers", () => {
    const gcc = requireTool("gcc");
    const sources: Record<string, string> = {
      "a.c": 'const char *names[] = { "alpha", "beta", "gamma" };\nint counter;\nstatic int state = 3;\nextern int helper(int);\n' +
        "int sum(int n) { int s = 0; for (int i = 0; i < n; i++) s += helper(i) + state; return s; }\n" +
        "const char *pick(int i) { return names[i % 3]; }\nvoid _start(void) { counter = sum(10); for (;;) {} }\n",
      "b.c": 'int helper(int x) { return x * 2 + 1; }\nconst char *greet(void) { return "beta"; }\ndouble table[4] = { 1.5, 2.5 };\n',
    };
    const objs = Object.entries(sources).map(([name, text]) => {
      const src = scratch.write(name, text);
      const obj = scratch.path(name.replace(/\.c$/, ".o"));
      const r = spawnSync(gcc, ["-m32", "-O2", "-fno-pie", "-ffreestanding", "-fno-asynchronous-unwind-tables", "-c", src, "-o", obj], { encoding: "utf8" });
      expect(r.stderr).toBe("");
      return { name: name.replace(/\.c$/, ".o"), data: new Uint8Array(readFileSync(obj)) };
    });
    const ours = link(objs, { preset: "user" }).image;
    const gnu = gnuLink(scratch, objs, ["-T", scratch.write("c.ld", USER_SCRIPT)]);
    expect(readElf32(ours, "ours").programHeaders).toEqual(readElf32(gnu, "gnu").programHeaders);
    expect(loadedSegments(ours, "ours")).toEqual(loadedSegments(gnu, "gnu"));
    const g = symbolValues(gnu, "gnu");
    const o = symbolValues(ours, "ours");
    for (const [name, value] of g) expect(o.get(name), `symbol ${name}`).toBe(value);
  });
});

describe("source lines of .ts programs", () => {
  // What the compiler emits for line info: .file/.loc directives naming the .ts source. The
  // assembler turns them into .debug_line; the linker must relocate it so gdb maps
  // addresses back to .ts lines.
  test("gdb shows the .ts line for an address in the linked program", () => {
    const obj = gnuAssemble(scratch, "lines", `
    .file 1 "userland/hello.ts"
    .text
    .globl _start
    .type _start, @function
_start:
    .loc 1 3 5
    movl $1, %eax
    .loc 1 4 5
    movl $42, %ebx
    .loc 1 7 1
    int $0x80
    .size _start, . - _start
`, false);
    const image = link([{ name: "lines.o", data: obj }], {}).image;
    const file = scratch.write("lines.elf", image);
    const r = spawnSync(requireTool("gdb"), ["-batch", "-nx", "-ex", "info line *0x08048005", "-ex", "info line hello.ts:7", file], { encoding: "utf8" });
    expect(r.stdout).toContain('Line 4 of "userland/hello.ts" starts at address 0x8048005 <_start+5>');
    expect(r.stdout).toContain('Line 7 of "userland/hello.ts" starts at address 0x804800a <_start+10>');
  });
});

describe("the map file", () => {
  test("lists output sections, input sections with address, size and object, and symbols", () => {
    const { map } = link(objects, { preset: "user", outputName: "hello.elf" });
    const lines = map.split("\n");
    expect(lines).toContain("Linker script and memory map");
    expect(map).toMatch(/^\.text\s+0x08048000\s+0x[0-9a-f]+$/m);
    expect(map).toMatch(/^ \.text\s+0x08048000\s+0x1e prog\.o$/m);
    expect(map).toMatch(/^ \.text\s+0x0804801e\s+0x32 lib\.o$/m);
    expect(map).toMatch(/^\s+0x0804801e\s+print$/m);
    expect(map).toMatch(/^ COMMON\s+0x0804a004\s+0x40 lib\.o$/m);
    expect(map).toMatch(/^\s+0x0804a004\s+zeroed$/m);
    expect(map).toMatch(/^\s+0x0804a044\s+_end = \.$/m);
    expect(map).toContain("Allocating common symbols");
    expect(lines[lines.length - 2]).toBe("OUTPUT(hello.elf elf32-i386)");
  });
});
