// `make gdb`, the one-command way into the debugger.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { requireTool } from "../../test/host-tools.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

describe("make gdb", () => {
  it("fails with a sentence naming the image when it does not exist", () => {
    const make = requireTool("make");
    const missing = path.join(root, "build", "no-such-image.elf");
    // -o: do not (re)build prerequisites here; this is only about the missing image.
    const r = spawnSync(make, ["-s", "-o", "build", "-o", "node_modules/.package-lock.json", "gdb", `KERNEL=${missing}`], {
      cwd: root,
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(r.status, `make gdb exit status; stdout: ${r.stdout} stderr: ${r.stderr}`).toBe(2);
    expect(r.stdout).toContain(`make gdb: ${missing} does not exist`);
  });
});
