// Every .S file in corpus/ must assemble to the same bytes as GNU `as --32` produces, the
// whole object file compared byte for byte.

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { requireTool } from "../../../test/host-tools.ts";
import { assemble } from "../index.ts";

const corpusDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "corpus");
const files = readdirSync(corpusDir).filter((f) => f.endsWith(".S")).sort();
const work = mkdtempSync(path.join(tmpdir(), "tsk-as-corpus-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Disassembly around the first difference, from both objects, for the failure message. */
function explain(ours: Uint8Array, gnu: Uint8Array, name: string): string {
  let at = 0;
  while (at < ours.length && at < gnu.length && ours[at] === gnu[at]) at++;
  const ourFile = path.join(work, `${name}.ours.o`);
  const gnuFile = path.join(work, `${name}.gnu.o`);
  writeFileSync(ourFile, ours);
  writeFileSync(gnuFile, gnu);
  const dump = (f: string): string[] => {
    try {
      return execFileSync("objdump", ["-dr", "-z", f], { encoding: "utf8" }).split("\n").slice(3);
    } catch (e) {
      return [`objdump failed: ${(e as Error).message}`];
    }
  };
  const a = dump(gnuFile);
  const b = dump(ourFile);
  let line = 0;
  while (line < a.length && line < b.length && a[line] === b[line]) line++;
  const context = (lines: string[]): string => lines.slice(Math.max(0, line - 4), line + 6).join("\n");
  const headers = (f: string): string => execFileSync("readelf", ["-SsrW", f], { encoding: "utf8" });
  const disasmSame = line >= a.length && line >= b.length;
  return [
    `${name}: first differing byte at file offset ${at} (0x${at.toString(16)}): GNU as has ${gnu[at]?.toString(16) ?? "EOF"}, tsk-as has ${ours[at]?.toString(16) ?? "EOF"}; sizes GNU ${gnu.length}, ours ${ours.length}`,
    disasmSame ? "disassembly agrees; the difference is in ELF metadata:" : `GNU as disassembly:\n${context(a)}\n--- tsk-as disassembly:\n${context(b)}`,
    disasmSame ? `GNU as:\n${headers(gnuFile)}\ntsk-as:\n${headers(ourFile)}` : "",
  ].join("\n");
}

describe("tsk-as matches GNU as --32 byte for byte", () => {
  const as = requireTool("as");
  requireTool("objdump");
  it("has a corpus", () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
  });
  for (const file of files) {
    it(file, () => {
      const src = path.join(corpusDir, file);
      const gnuOut = path.join(work, file + ".gnu.o");
      execFileSync(as, ["--32", src, "-o", gnuOut]);
      const gnu = new Uint8Array(readFileSync(gnuOut));
      const ours = assemble(readFileSync(src, "utf8"), { filename: file });
      const same = ours.length === gnu.length && ours.every((b, i) => b === gnu[i]);
      if (!same) expect.fail(explain(ours, gnu, file));
    });
  }
});
