// Command-line options beyond layout: --defsym, --orphan-handling, -S, the RWX warning,
// --print-preset and -M, each compared with GNU ld where GNU ld has the option.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { requireTool } from "../../test/host-tools.ts";
import { readElf32 } from "../elf/index.ts";
import { KERNEL_SCRIPT, LinkError, link } from "./index.ts";
import { Scratch, gnuAssemble, symbolValues } from "./test-helpers.ts";

const BIN = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../../bin/tsk-ld.mjs");
const SCRIPT = "SECTIONS { . = 0x10000; .text : { *(.text) } .data ALIGN(0x1000) : { *(.data) } }";

let scratch: Scratch;
let objects: { name: string; data: Uint8Array }[];

beforeAll(() => {
  scratch = new Scratch();
  objects = [{
    name: "o.o",
    data: gnuAssemble(scratch, "o", ".globl _start\n_start: movl $limit, %eax\n  ret\n.data\n.long 1\n.section .extra, \"aw\"\n.long 2\n"),
  }];
});
afterAll(() => scratch.dispose());

/** Run GNU ld and capture its stderr, with `o.o` in the scratch directory. */
function gnu(args: string[]): { status: number | null; stderr: string; image?: Uint8Array } {
  scratch.write("o.o", objects[0]!.data);
  const r = spawnSync(requireTool("ld"), ["-m", "elf_i386", "-T", scratch.write("s.ld", SCRIPT), ...args, "-o", "g.elf", "o.o"], { cwd: scratch.dir, encoding: "utf8" });
  return { status: r.status, stderr: r.stderr };
}

describe("options", () => {
  test("--defsym takes an expression", () => {
    const ours = link(objects, { script: SCRIPT, defsym: { limit: "0x100 + 4 * 2" } }).image;
    expect(symbolValues(ours, "ours").get("limit")).toBe(0x108);
    expect(gnu(["--defsym", "limit=0x100+4*2"]).status).toBe(0);
  });

  test("--orphan-handling=warn and =error speak as GNU ld does", () => {
    const warned = link(objects, { script: SCRIPT, defsym: { limit: 1 }, orphanHandling: "warn" }).warnings;
    expect(warned).toContain("warning: orphan section `.extra' from `o.o' being placed in section `.extra'");
    expect(gnu(["--defsym", "limit=1", "--orphan-handling=warn"]).stderr).toContain("warning: orphan section `.extra' from `o.o' being placed in section `.extra'");
    expect(() => link(objects, { script: SCRIPT, defsym: { limit: 1 }, orphanHandling: "error" })).toThrow(LinkError);
    expect(gnu(["--defsym", "limit=1", "--orphan-handling=error"]).stderr).toContain("unplaced orphan section `.extra' from `o.o'");
  });

  test("--orphan-handling=discard drops them", () => {
    const image = link(objects, { script: SCRIPT, defsym: { limit: 1 }, orphanHandling: "discard" }).image;
    expect(readElf32(image, "x").sections.map((s) => s.name)).not.toContain(".extra");
  });

  test("-S leaves out the debug sections, -s the symbol table", () => {
    const names = (options: object): string[] => readElf32(link(objects, { script: SCRIPT, defsym: { limit: 1 }, ...options }).image, "x").sections.map((s) => s.name);
    expect(names({}).filter((n) => n.startsWith(".debug")).length).toBeGreaterThan(0);
    expect(names({ stripDebug: true }).filter((n) => n.startsWith(".debug"))).toEqual([]);
    expect(names({ stripAll: true })).not.toContain(".symtab");
  });

  test("a writable and executable segment is warned about, as GNU ld 2.40 does", () => {
    const single = "SECTIONS { . = 0x10000; .all : { *(.text) *(.data) } }";
    const r = link(objects, { script: single, defsym: { limit: 1 }, outputName: "rwx.elf" });
    expect(r.warnings).toContain("warning: rwx.elf has a LOAD segment with RWX permissions");
    expect(link(objects, { script: single, defsym: { limit: 1 }, noWarnRwxSegments: true }).warnings).toEqual([]);
    expect(link(objects, { script: SCRIPT, defsym: { limit: 1 }, orphanHandling: "discard" }).warnings, "separate segments").toEqual([]);
  });
});

describe("the command line", () => {
  test("--print-preset prints the built-in layout as a script", () => {
    const r = spawnSync(process.execPath, [BIN, "--print-preset=kernel"], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(KERNEL_SCRIPT);
  });

  test("-M prints the map, -Map writes it, --defsym works from the command line", () => {
    scratch.write("o.o", objects[0]!.data);
    const r = spawnSync(process.execPath, [BIN, "-T", scratch.write("s2.ld", SCRIPT), "--defsym", "limit=0x42", "-M", "-Map", "out.map", "-o", "cli.elf", "o.o"], { cwd: scratch.dir, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Linker script and memory map");
    expect(r.stdout).toMatch(/^\.text\s+0x00010000\s+0x6$/m);
  });
});
