// gdb must be able to name the backend's functions in a linked image: every KBC function gets
// `.type @function` and `.size`, so the symbol table gives address and extent. gdb itself is
// the judge: it names an address inside each function as "name + offset".
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { requireTool } from "../../../../test/host-tools.ts";
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
});
