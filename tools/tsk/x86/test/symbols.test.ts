// gdb must be able to name the backend's functions in a linked image (every KBC function gets
// `.type @function` and `.size`) and map their code back to .ts lines (`.file`/`.loc` from
// KBC's per-op lines, turned into a DWARF line table by the assembler). gdb is the judge.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { requireTool } from "../../../../test/host-tools.ts";
import { loopsDir } from "../../bench/loops-bench.ts";
import { compileKts } from "../../front/compile.ts";
import { buildBareImage } from "../../runtime/bare-image.ts";
import { generateAsm } from "../index.ts";
import { featuresProgram } from "./features-program.ts";
import { bareImageOf } from "./run-kbc.ts";

describe("x86 backend: symbols gdb can use", () => {
  it("gdb names an address inside each generated function of the feature program", () => {
    const gdb = requireTool("gdb");
    const { module } = featuresProgram();
    const dir = mkdtempSync(path.join(tmpdir(), "tsk-symbols-"));
    try {
      const elf = path.join(dir, "features.elf");
      writeFileSync(elf, bareImageOf(module));
      const names = module.functions.map((f) => f.name);
      const args = ["-batch", "-nx", ...names.flatMap((n) => ["-ex", `info symbol ((char *) ${n}) + 3`]), elf];
      const out = execFileSync(gdb, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim().split("\n");
      names.forEach((name, i) => expect(out[i], `gdb's answer for an address 3 bytes into ${name}`).toBe(`${name} + 3 in section .text`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("gdb breaks on a module-private function by its module-qualified symbol, and on a unique one by its written name", () => {
    const gdb = requireTool("gdb");
    const corpus = path.join(process.cwd(), "tools", "tsk", "test", "corpus");
    const { module, errors } = compileKts({ roots: [path.join(corpus, "mod-private-names.kts.ts")] });
    expect(errors.map((e) => e.format()), "mod-private-names.kts.ts compiles").toEqual([]);
    const dir = mkdtempSync(path.join(tmpdir(), "tsk-private-names-"));
    try {
      const elf = path.join(dir, "names.elf");
      writeFileSync(elf, bareImageOf(module!));
      const out = execFileSync(gdb, ["-batch", "-nx", "-ex", "break helper.kern.init", "-ex", "break helper.lwkt.init", "-ex", "break Entry.value.lwkt.init", "-ex", "break bump", elf], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
      // Each module's helper is on line 6 of its file; Entry is on line 5; bump on line 5 of counter.kts.ts.
      expect(out).toMatch(/Breakpoint 1 at 0x[0-9a-f]+: file .*modules\/kern\/init\.kts\.ts, line 6\./);
      expect(out).toMatch(/Breakpoint 2 at 0x[0-9a-f]+: file .*modules\/lwkt\/init\.kts\.ts, line 6\./);
      expect(out).toMatch(/Breakpoint 3 at 0x[0-9a-f]+: file .*modules\/lwkt\/init\.kts\.ts, line 5\./);
      expect(out).toMatch(/Breakpoint 4 at 0x[0-9a-f]+: file .*modules\/counter\.kts\.ts, line 5\./);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("gdb maps code back to .ts lines: a breakpoint on a source line lands in that line's code", () => {
    const gdb = requireTool("gdb");
    const file = path.join(loopsDir(), "fib.kts.ts");
    const { module, errors } = compileKts({ roots: [file] });
    expect(errors.map((e) => e.format()), "fib.kts.ts compiles").toEqual([]);
    const dir = mkdtempSync(path.join(tmpdir(), "tsk-lines-"));
    try {
      const elf = path.join(dir, "fib.elf");
      writeFileSync(elf, buildBareImage([{ name: "fib.s", text: generateAsm(module!, { profile: "bare" }) }]));
      // fib.kts.ts: line 2 declares fib, line 4 is `return fib(n - 1) + fib(n - 2);`.
      const out = execFileSync(gdb, ["-batch", "-nx", "-ex", "info line fib", "-ex", "break fib.kts.ts:4", elf], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
      expect(out, "gdb on fib.elf: where fib starts").toMatch(/Line 2 of ".*fib\.kts\.ts" starts at address 0x[0-9a-f]+ <fib>/);
      expect(out, "gdb on fib.elf: a breakpoint on line 4").toMatch(/Breakpoint 1 at 0x[0-9a-f]+: file .*fib\.kts\.ts, line 4\./);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
