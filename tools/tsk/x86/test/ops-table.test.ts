// Every op at every type on edge values (ops-table-program.ts), through the backend, on
// QEMU and on our machine: the register, immediate and constant-folding paths must all agree
// with the KBC semantics. One image and one boot per judge for the whole table.
import { describe, expect, it } from "vitest";
import { opsTableProgram } from "./ops-table-program.ts";
import { bareImageOf, firstMismatch, JUDGES, runImageOn } from "./run-kbc.ts";

describe("x86 backend: every op at every type", () => {
  const t = opsTableProgram();
  let image: Uint8Array | undefined;
  for (const judge of JUDGES) {
    it(`agrees with the KBC semantics on ${judge} (locals, immediates, folded constants)`, async () => {
      image ??= bareImageOf(t.module);
      const run = await runImageOn(judge, image, 60_000);
      expect(run.timedOut, `ops-table timed out on ${judge}`).toBe(false);
      expect(firstMismatch(`ops-table on ${judge}`, t.names, t.expected, run.serial)).toBeUndefined();
      expect(run.exitStatus, `ops-table exit status on ${judge} (main returns 0)`).toBe(1);
    });
  }
});
