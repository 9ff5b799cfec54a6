// Every .S file in corpus/ must assemble to the same bytes as GNU `as --32` produces, the
// whole object file compared byte for byte.

import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { requireTool } from "../../../test/host-tools.ts";
import { assemble } from "../index.ts";
import { explain, sameBytes } from "./compare-objects.ts";

const corpusDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "corpus");
const files = readdirSync(corpusDir).filter((f) => f.endsWith(".S")).sort();
const work = mkdtempSync(path.join(tmpdir(), "tsk-as-corpus-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("tsk-as matches GNU as --32 byte for byte", () => {
  const as = requireTool("as");
  requireTool("objdump");
  it("has a corpus", () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
  });
  for (const file of files) {
    // Run in the corpus directory with a relative name: line information (-g, .loc) records
    // the file name and the compilation directory, which must then agree.
    for (const debug of [false, true]) {
      it(`${file}${debug ? " -g" : ""}`, () => {
        const name = `${file}${debug ? ".g" : ""}`;
        const gnuOut = path.join(work, name + ".gnu.o");
        execFileSync(as, ["--32", ...(debug ? ["-g"] : []), file, "-o", gnuOut], { cwd: corpusDir });
        const gnu = new Uint8Array(readFileSync(gnuOut));
        // .include names are relative to the corpus directory, where GNU as runs.
        const include = (name: string): { path: string; text: string } | undefined => {
          const full = path.join(corpusDir, name);
          return existsSync(full) ? { path: name, text: readFileSync(full, "utf8") } : undefined;
        };
        const ours = assemble(readFileSync(path.join(corpusDir, file), "utf8"), { filename: file, debug, compDir: corpusDir, include });
        if (!sameBytes(ours, gnu)) expect.fail(explain(ours, gnu, name, work));
      });
    }
  }
});
