// The synthetic program used by the compile-speed benchmark (tools/bench) must be valid KTS
// and compute the same in the KBC interpreter as in JavaScript.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compileKts } from "../front/compile.ts";
import { runModule } from "../interp/interp.ts";
import { runNode } from "../node/shim.ts";
import { synthesizeKtsProgram } from "./synth-corpus.ts";

describe("synthetic compile-speed program", () => {
  it("is KTS of the requested size and the interpreter agrees with the Node shim", async () => {
    const { text, lines } = synthesizeKtsProgram(1000);
    expect(lines).toBeGreaterThanOrEqual(990);
    const dir = mkdtempSync(path.join(tmpdir(), "tsk-synth-"));
    try {
      const file = path.join(dir, "synth.kts.ts");
      writeFileSync(file, text);
      const r = compileKts({ roots: [file] });
      expect(r.errors.map((e) => e.format())).toEqual([]);
      const kbc = runModule(r.module!);
      const node = await runNode(file);
      expect(node.error).toBeUndefined();
      expect(new TextDecoder().decode(kbc.output), "synthetic program: KBC interpreter vs Node shim").toBe(new TextDecoder().decode(node.output));
      expect(kbc.output.length).toBeGreaterThan(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
