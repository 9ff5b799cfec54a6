import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../test/reference/repo-root.ts";
import { buildPlatformImage } from "../../test/platform/images/build.ts";
import { parseArgs } from "./args.ts";

function damselfly(args: string[], input?: { after: string; bytes: string }[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(repoRoot(), "bin", "damselfly.mjs"), ...args], { stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    const pending = [...(input ?? [])];
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.stdout.on("data", (b: Buffer) => {
      stdout += b.toString("latin1");
      while (pending.length > 0 && stdout.includes(pending[0]!.after)) child.stdin.write(pending.shift()!.bytes);
    });
    child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe("damselfly arguments", () => {
  it("understands QEMU's spellings of -smp, -m and -serial", () => {
    const o = parseArgs(["-kernel", "k.elf", "-smp", "4,sockets=4,cores=1,threads=1", "-m", "1G", "-serial", "file:out.txt", "--seed", "9", "-d", "int,unimp", "-no-reboot"]);
    expect(o.smp).toBe(4);
    expect(o.memoryMB).toBe(1024);
    expect(o.serial).toEqual({ kind: "file", path: "out.txt" });
    expect(o.seed).toBe(9);
    expect([...o.logCategories]).toEqual(["int", "unimp"]);
    expect(o.noReboot).toBe(true);
    expect(parseArgs(["-kernel", "k", "-smp", "cpus=3", "-icount", "shift=0", "-display", "none", "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]).smp).toBe(3);
  });

  it("answers bad arguments with one sentence naming them", () => {
    expect(() => parseArgs(["-kernel", "k", "-smp", "17"])).toThrow("-smp 17: the CPU count must be from 1 to 16");
    expect(() => parseArgs(["-kernel", "k", "-m", "lots"])).toThrow(/^-m lots: give the memory size in MiB/);
    expect(() => parseArgs(["-kernel", "k", "-d", "exec"])).toThrow("-d exec: unknown log category 'exec' (have: int, cpu_reset, guest_errors, unimp)");
    expect(() => parseArgs(["-kernel", "k", "-frobnicate"])).toThrow("-frobnicate: unknown option (see damselfly --help)");
    expect(() => parseArgs([])).toThrow(/^nothing to boot/);
    expect(() => parseArgs(["-kernel"])).toThrow("-kernel needs a value (see damselfly --help)");
  });
});

describe("damselfly command", () => {
  it("lists its flags with --help and exits 0", async () => {
    const r = await damselfly(["--help"]);
    expect(r.code).toBe(0);
    for (const flag of ["-kernel", "-initrd", "-append", "-bios", "-smp", "-m", "-serial", "-nographic", "-no-reboot", "-icount", "-d LIST", "-D FILE", "--seed", "Ctrl-A x", "info registers"]) expect(r.stdout).toContain(flag);
  });

  it("rejects a missing file and a non-Multiboot file with one line and exit status 1", async () => {
    const missing = await damselfly(["-kernel", "no/such/kernel.elf"]);
    expect([missing.code, missing.stderr]).toEqual([1, "damselfly: -kernel no/such/kernel.elf: cannot read it: no such file\n"]);
    const notMb = await damselfly(["-kernel", path.join(repoRoot(), "package.json")]);
    expect(notMb.code).toBe(1);
    expect(notMb.stderr.trim().split("\n")).toHaveLength(1);
    expect(notMb.stderr).toMatch(/package\.json: the kernel is not a Multiboot v1 image/);
  });

  it("boots the demo on 4 CPUs, echoes serial input and exits with the debug-exit status", async () => {
    buildPlatformImage("demo");
    const r = await damselfly(["-kernel", path.join(repoRoot(), "build", "platform", "demo.elf"), "-smp", "4", "-nographic"], [
      { after: "Ctrl-D exits.\n", bytes: "echo me\r" },
      { after: "echo me", bytes: "\x04" },
    ]);
    expect(r.stdout).toContain("Hello from CPU 3 (application processor");
    expect(r.stdout).toContain("echo me\r\n");
    expect(r.code).toBe(1); // guest wrote 0 to port 0xf4: (0 << 1) | 1
  });

  it("answers monitor commands (info cpus, xp, info registers -a) after Ctrl-A c and quits with exit status 0", async () => {
    buildPlatformImage("demo");
    const r = await damselfly(["-kernel", path.join(repoRoot(), "build", "platform", "demo.elf"), "-smp", "2"], [
      { after: "Ctrl-D exits.\n", bytes: "\x01cinfo cpus\rxp /2x 0x100000\rinfo registers -a\r" },
      { after: "CPU#1", bytes: "quit\r" },
    ]);
    expect(r.stdout).toMatch(/\* CPU #0: EIP=0x[0-9a-f]{8} \((running|halted)\)/);
    expect(r.stdout).toMatch(/CPU#1\r\nEAX=/);
    expect(r.stdout).toContain("00100000: 0x1badb002 0x00000003\r\n"); // the demo's Multiboot header
    expect(r.code).toBe(0);
  });

  it("reports a triple fault with -no-reboot, writes serial to a file, logs -d to -D, exits 0 as QEMU", async () => {
    buildPlatformImage("triple-fault");
    const dir = mkdtempSync(path.join(tmpdir(), "damselfly-cli-"));
    try {
      const serial = path.join(dir, "serial.txt");
      const log = path.join(dir, "log.txt");
      const r = await damselfly(["-kernel", path.join(repoRoot(), "build", "platform", "triple-fault.elf"), "-no-reboot", "-serial", `file:${serial}`, "-d", "int", "-D", log]);
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/^damselfly: CPU 0: triple fault/);
      expect(r.stderr).toMatch(/EIP=[0-9a-f]{8}/);
      expect(readFileSync(serial, "latin1")).toBe("about to triple fault\n");
      expect(readFileSync(log, "utf8")).toMatch(/#DF/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
