// `make gdb`, the one-command way into the debugger.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { requireTool } from "../../test/host-tools.ts";
import { freePort } from "./testing/free-port.ts";
import { smpTestImage } from "./testing/smp-image.ts";

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

  it("boots the image held at its first instruction and attaches gdb with its symbols", async () => {
    const make = requireTool("make");
    requireTool("setsid");
    const dir = mkdtempSync(path.join(tmpdir(), "damselfly-make-gdb-"));
    const image = path.join(dir, "smp.elf");
    writeFileSync(image, smpTestImage());
    const port = await freePort();
    const args = ["-s", "-o", "build", "-o", "node_modules/.package-lock.json", "gdb", `KERNEL=${image}`, "SMP=4", "MEM=32", `GDBPORT=${port}`,
      "GDBFLAGS=-nx -batch -ex 'info threads' -ex 'break cpu2_only' -ex continue"];
    try {
      // Asynchronous with a timeout: make runs the machine and gdb, both must end.
      const r = await new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(make, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
        let out = "";
        child.stdout.on("data", (d: Buffer) => (out += d.toString()));
        child.stderr.on("data", (d: Buffer) => (out += d.toString()));
        const timer = setTimeout(() => child.kill("SIGKILL"), 40_000);
        child.on("close", (code) => {
          clearTimeout(timer);
          resolve({ code, out });
        });
      });
      expect(r.code, r.out).toBe(0);
      expect(r.out).toMatch(/\* 1\s+Thread 1\.1 \(CPU#0 \[running\]\)\s+0x[0-9a-f]+ in _start \(\)/);
      expect(r.out).toMatch(/4\s+Thread 1\.4 \(CPU#3 \[halted \]\)/);
      expect(r.out).toMatch(/Thread 3 hit Breakpoint 1, 0x[0-9a-f]+ in cpu2_only \(\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
