// Comparing an object from tsk-as with GNU as's, and explaining the first difference: the
// file offset, and the disassembly (or, when the code agrees, the ELF metadata) of both.

import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Disassembly around the first difference, from both objects, for the failure message. */
export function explain(ours: Uint8Array, gnu: Uint8Array, name: string, work: string): string {
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

