// The kernel console on COM1 (kernel/kern/console.ts) and the panic path, on our machine.
// The console test types one command per prompt, as a person would, and checks each answer;
// `halt` ends the run through the debug-exit port (value 0, status 1).
// The panic test boots with `panictest` and checks the message, the symbolized backtrace and
// the panic exit status (0x12 -> 0x25).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { multibootFirmware } from "../../boot/firmware/index.ts";
import { Machine } from "../../machine/machine.ts";
import { runOnDamselfly } from "../reference/damselfly.ts";
import { repoRoot } from "../reference/repo-root.ts";

const root = repoRoot();
let image: Uint8Array;

beforeAll(() => {
  execFileSync("make", ["-s", "build/kernel.elf"], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  image = new Uint8Array(readFileSync(path.join(root, "build", "kernel.elf")));
}, 300_000);

const PROMPT = "> ";

/** Boot to the console, type each command after a fresh prompt; the transcript and the exit. */
async function converse(commands: string[], cpus: number): Promise<{ transcript: string; status: number | undefined }> {
  const machine = Machine.create({ cpus, memoryMB: 128, kernel: image, firmware: multibootFirmware, seed: 1, noReboot: true });
  let transcript = "";
  let prompts = 0;
  machine.on("serial0-output-byte", (b) => {
    transcript += String.fromCharCode(b);
    if (transcript.endsWith(PROMPT)) {
      const next = commands[prompts++];
      if (next !== undefined) machine.serialInput(new TextEncoder().encode(next + "\r"));
    }
  });
  const exit = await machine.run({ wallMs: 120_000 });
  return { transcript, status: exit.kind === "debug-exit" ? exit.status : undefined };
}

/** The console's answer to `command`: the text between its echo and the next prompt. */
function answer(transcript: string, command: string): string {
  const start = transcript.indexOf(PROMPT + command + "\r\n");
  if (start < 0) return "";
  const from = start + PROMPT.length + command.length + 2;
  const end = transcript.indexOf(PROMPT, from);
  return transcript.slice(from, end < 0 ? undefined : end);
}

describe("kernel console on damselfly -smp 4", () => {
  let run: { transcript: string; status: number | undefined };
  beforeAll(async () => {
    run = await converse(["help", "cpus", "threads", "ipistat", "frobnicate", "halt"], 4);
  }, 180_000);

  it("help lists every command", () => {
    const help = answer(run.transcript, "help");
    for (const cmd of ["help", "cpus", "threads", "ipistat", "reboot", "halt"]) expect(help, run.transcript).toMatch(new RegExp(`^  ${cmd} `, "m"));
  });

  it("cpus shows four CPUs online with distinct LAPIC IDs", () => {
    const cpus = answer(run.transcript, "cpus");
    expect(cpus, run.transcript).toMatch(/^4 CPUs, 4 online/);
    const rows = [...cpus.matchAll(/^\s+(\d+)\s+(\d+)\s+yes\s+\d+/gm)];
    expect(rows.map((r) => r[1]), cpus).toEqual(["0", "1", "2", "3"]);
    expect(new Set(rows.map((r) => r[2])).size, cpus).toBe(4);
  });

  it("threads lists the boot thread on CPU 0 and an idle thread per CPU", () => {
    const rows = [...answer(run.transcript, "threads").matchAll(/^\s*\d+\s+(\d+)\s+\d+\s+\d+\s+\w+\s+\d+\s+(\w+)/gm)];
    const named = (name: string) => rows.filter((r) => r[2] === name).map((r) => r[1]).sort();
    expect(named("main"), run.transcript).toEqual(["0"]);
    expect(named("idle"), run.transcript).toEqual(["0", "1", "2", "3"]);
  });

  it("typed input reaches the console through COM1's interrupt thread", () => {
    const threads = answer(run.transcript, "threads");
    const com1 = [...threads.matchAll(/^ *\d+ +(\d+) +(\d+) +\d+ +\w+ +(\d+) +com1\b/gm)];
    expect(com1.length, threads).toBe(1);
    const [, cpu, pri, switches] = com1[0]!;
    expect(cpu, threads).toBe("0");
    expect(Number(pri), threads).toBeGreaterThanOrEqual(27); // an interrupt priority
    expect(Number(switches), threads).toBeGreaterThan(3); // it ran for the keys typed so far
    expect(threads, run.transcript).toMatch(/^cpu0: \d+ switches, \d+ runnable, \d+ preemptions \(\d+ refused\), \d+ rotations$/m);
  });

  it("ipistat has one row of IPI queue counters per CPU", () => {
    const rows = [...answer(run.transcript, "ipistat").matchAll(/^ +(\d+)(?: +\d+){7}$/gm)];
    expect(rows.map((r) => r[1]), run.transcript).toEqual(["0", "1", "2", "3"]);
  });

  it("an unknown command says so", () => {
    expect(answer(run.transcript, "frobnicate"), run.transcript).toMatch(/unknown command: frobnicate/);
  });

  it("halt stops the machine through the debug-exit port", () => {
    expect(run.status, run.transcript).toBe(1);
  });
});

describe("kernel panic on damselfly -smp 2", () => {
  it("prints the message and a symbolized backtrace, then exits with the panic status", async () => {
    const r = await runOnDamselfly(image, { smp: 2, append: "panictest", seed: 1, timeoutMs: 120_000 });
    expect(r.serial).toMatch(/panic: cpu0: panictest requested on the command line/);
    // kernel_main called panic; _start called kernel_main (its return address is halt_forever).
    expect(r.serial, r.serial).toMatch(/#0 [0-9a-f]{8} kernel_main\+0x[0-9a-f]+/);
    expect(r.serial, r.serial).toMatch(/#1 [0-9a-f]{8} (halt_forever|_start)\+0x[0-9a-f]+/);
    expect(r.exitStatus, r.serial).toBe(0x25);
  }, 180_000);
});
