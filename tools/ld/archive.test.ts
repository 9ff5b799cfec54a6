// Static libraries: members come in only when they define a symbol the link still needs,
// transitively, at the archive's place on the command line. GNU ar builds the archive and
// GNU ld is the judge of which members land where.
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { requireTool } from "../../test/host-tools.ts";
import { readArchive } from "./archive.ts";
import { LinkError, link } from "./index.ts";
import { Scratch, gnuAssemble, gnuLink, loadedSegments, symbolValues } from "./test-helpers.ts";

let scratch: Scratch;
let main: Uint8Array;
let archive: Uint8Array;

beforeAll(() => {
  scratch = new Scratch();
  main = gnuAssemble(scratch, "main", ".globl _start\n_start: call lib_entry\n  ret\n.weak maybe\n.long maybe\n", false);
  const members: Record<string, string> = {
    // Needed: defines lib_entry, and needs a second member.
    "entry.o": ".globl lib_entry\nlib_entry: call lib_helper\n  ret\n.data\n.long 0x11111111\n",
    // Not needed: would fail the link (undefined reference) if it were pulled in.
    "unused.o": ".globl lib_unused\nlib_unused: call does_not_exist\n  ret\n",
    // Needed transitively, and its name is longer than ar's 15-character short form.
    "a_rather_long_member_name.o": ".globl lib_helper\nlib_helper: movl $2, %eax\n  ret\n.data\n.long 0x22222222\n",
    // Only weakly referenced: a weak reference does not pull a member, as in GNU ld.
    "weak.o": ".globl maybe\nmaybe: .long 5\n",
  };
  const paths = Object.entries(members).map(([name, text]) => scratch.write(name, gnuAssemble(scratch, name.replace(/\.o$/, "-src"), text, false)));
  execFileSync(requireTool("ar"), ["rcs", scratch.path("libk.a"), ...paths], { cwd: scratch.dir });
  archive = new Uint8Array(readFileSync(scratch.path("libk.a")));
});
afterAll(() => scratch.dispose());

describe("archives", () => {
  test("members are read with GNU long names", () => {
    expect(readArchive("libk.a", archive).map((m) => m.name)).toEqual([
      "libk.a(entry.o)", "libk.a(unused.o)", "libk.a(a_rather_long_member_name.o)", "libk.a(weak.o)",
    ]);
  });

  test("only needed members are linked, in the place and order GNU ld puts them", () => {
    const objects = [{ name: "main.o", data: main }, { name: "libk.a", data: archive }];
    const script = "SECTIONS { . = 0x8048000; .text : { *(.text) } .data : { *(.data) } }";
    const ours = link(objects, { script });
    const gnu = gnuLink(scratch, objects, ["-T", scratch.write("u.ld", script)]);
    expect(loadedSegments(ours.image, "ours")).toEqual(loadedSegments(gnu, "gnu"));
    const syms = symbolValues(ours.image, "ours");
    expect(syms.has("lib_entry") && syms.has("lib_helper")).toBe(true);
    expect(syms.has("lib_unused"), "unused member pulled in").toBe(false);
    expect(syms.has("maybe"), "weak reference pulled a member").toBe(false);
    expect(ours.map).toContain("libk.a(a_rather_long_member_name.o)");
  });

  test("an archive before the objects that need it contributes nothing (order matters)", () => {
    let error: unknown;
    try { link([{ name: "libk.a", data: archive }, { name: "main.o", data: main }], {}); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(LinkError);
    expect((error as LinkError).problems).toEqual(["main.o:(.text+0x1): undefined reference to `lib_entry'"]);
  });

  test("tsk-ld -L/-l finds libNAME.a", () => {
    const bin = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../../bin/tsk-ld.mjs");
    scratch.write("main.o", main);
    const r = spawnSync(process.execPath, [bin, "-o", "prog.elf", "main.o", "-L", ".", "-lk"], { cwd: scratch.dir, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const missing = spawnSync(process.execPath, [bin, "-o", "prog.elf", "main.o", "-L.", "-lnothere"], { cwd: scratch.dir, encoding: "utf8" });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toBe("tsk-ld: cannot find -lnothere (looked for libnothere.a in .)\n");
  });

  test("--start-group searches cyclic libraries until nothing more resolves, as GNU ld", () => {
    const ar = requireTool("ar");
    const lib = (name: string, members: Record<string, string>): Uint8Array => {
      const paths = Object.entries(members).map(([m, text]) => scratch.write(m, gnuAssemble(scratch, m.replace(/\.o$/, "-src"), text, false)));
      execFileSync(ar, ["rcs", scratch.path(name), ...paths], { cwd: scratch.dir });
      return new Uint8Array(readFileSync(scratch.path(name)));
    };
    const libA = lib("liba.a", { "a1.o": ".globl fa\nfa: call fb\n  ret\n", "a2.o": ".globl fa2\nfa2: movl $2, %eax\n  ret\n" });
    const libB = lib("libb.a", { "b1.o": ".globl fb\nfb: call fa2\n  ret\n" });
    const start = gnuAssemble(scratch, "cyc", ".globl _start\n_start: call fa\n  ret\n", false);
    const files = [{ name: "cyc.o", data: start }, { name: "liba.a", data: libA }, { name: "libb.a", data: libB }];
    expect(() => link(files, {})).toThrow("libb.a(b1.o):(.text+0x1): undefined reference to `fa2'");
    const grouped = files.map((f, i) => (i > 0 ? { ...f, group: 1 } : f));
    const script = "SECTIONS { . = 0x8048000; .text : { *(.text) } }";
    const ours = link(grouped, { script }).image;
    for (const f of files) scratch.write(f.name, f.data);
    scratch.write("grp.ld", script);
    const r = spawnSync(requireTool("ld"), ["-m", "elf_i386", "-T", "grp.ld", "-o", "grp-gnu.elf", "cyc.o", "--start-group", "liba.a", "libb.a", "--end-group"], { cwd: scratch.dir, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(loadedSegments(ours, "ours")).toEqual(loadedSegments(new Uint8Array(readFileSync(scratch.path("grp-gnu.elf"))), "gnu"));
  });

  test("a truncated archive is refused with a sentence", () => {
    expect(() => link([{ name: "main.o", data: main }, { name: "bad.a", data: archive.slice(0, 100) }], {}))
      .toThrow(/^bad\.a: archive member at offset 8 \(size \d+\) extends past the end of the file$/);
  });
});
