// The shared guest benchmark image as a correctness test: booted with `iters=20` on our
// machine it must print exactly the lines QEMU printed (expected-iters20.txt). About 573
// million guest instructions; the whole run is checked, not a prefix, because it takes well
// under the time limit (about 10 s when this was written).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { runOnDamselfly } from "../reference/damselfly.ts";
import { repoRoot } from "../reference/repo-root.ts";

const CPUBENCH_DIR = path.join(repoRoot(), "..", "shared", "bench", "cpubench");

test("cpubench iters=20 prints exactly expected-iters20.txt and exits with 0x10", async () => {
  const elf = path.join(CPUBENCH_DIR, "cpubench.elf");
  const expectedFile = path.join(CPUBENCH_DIR, "expected-iters20.txt");
  expect(existsSync(elf), `${elf} is missing: the shared benchmark folder ../shared/bench/cpubench/ must exist`).toBe(true);
  const expected = readFileSync(expectedFile, "latin1");
  const r = await runOnDamselfly(elf, { append: "iters=20", timeoutMs: 240_000 });
  const got = r.serial.split("\n");
  const want = expected.split("\n");
  const firstDiff = want.findIndex((line, i) => got[i] !== line);
  expect(
    r.serial,
    firstDiff < 0 ? "" : `first different line ${firstDiff + 1}: expected ${JSON.stringify(want[firstDiff])}, got ${JSON.stringify(got[firstDiff])} (${r.instructions} instructions, ${r.exit?.kind}) ${r.diagnostics}`,
  ).toBe(expected);
  expect(r.exitStatus, "cpubench writes 0x10 to the debug-exit port: status (0x10 << 1) | 1").toBe(0x21);
}, 300_000);
