// `damselfly` ends on SIGTERM, SIGINT and SIGHUP, whatever the machine is doing: running,
// held by -S (with and without a gdb attached), with every CPU halted, or in a seeded run
// whose CPUs sleep between timer ticks (where the run loop once never returned to the event
// loop, so signals waited for seconds); with stdin a pipe or a terminal (raw mode undone),
// and when the terminal hangs up. It must exit before the orderly shutdown's deadline (the
// forced path says so on stderr) with status 128 + the signal's number.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../machine/gdbstub/testing/free-port.ts";
import { RawPeer } from "../../machine/gdbstub/testing/raw-peer.ts";
import { requireTool } from "../../test/host-tools.ts";
import { COMMON_MACROS, FLAT_GDT_DATA, LAPIC_TICK_DATA, LAPIC_TICK_HANDLER, LAPIC_TICK_START, SERIAL_ROUTINES, assembleMultiboot } from "../../test/reference/gnu-image.ts";
import { repoRoot } from "../../test/reference/repo-root.ts";
import { SIGNAL_GRACE_MS } from "./signals.ts";

const DAMSELFLY = path.join(repoRoot(), "bin", "damselfly.mjs");

/** A guest: set up a flat GDT and a stack, say `banner` on COM1, then `rest`. */
function guest(banner: string, rest: string, data = ""): Uint8Array {
  return assembleMultiboot(`${COMMON_MACROS}
    .text
    .globl _start
_start:
    LOAD_FLAT_GDT
    movl $stack_top, %esp
    movl $banner, %esi
    call serial_puts
${rest}
${SERIAL_ROUTINES}
    .data
banner: .asciz "${banner}\\n"
${data}
${FLAT_GDT_DATA}
    .bss
    .align 16
    .space 4096
stack_top:
`);
}

const SPIN = guest("spinning", "1:  incl %eax\n    jmp 1b");
// Prints line after line for ever.
const SPAM = guest("spamming", "1:  movl $banner, %esi\n    call serial_puts\n    jmp 1b");
const HALT = guest("halting", "1:  cli\n    hlt\n    jmp 1b");
// A 1 kHz periodic LAPIC timer, every CPU halted between ticks.
const TICK = guest("ticking", `${LAPIC_TICK_START}
    sti
1:  hlt
    jmp 1b
${LAPIC_TICK_HANDLER}`, LAPIC_TICK_DATA);

let dir = "";
const images: Record<string, string> = {};

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "damselfly-signals-"));
  for (const [name, bytes] of Object.entries({ spin: SPIN, halt: HALT, tick: TICK, spam: SPAM })) {
    images[name] = path.join(dir, `${name}.elf`);
    writeFileSync(images[name]!, bytes);
  }
});

afterAll(() => {
  if (dir === "") return;
  // A failing terminal test can leave damselfly running under a shell that outlived script(1):
  // end every process started on this run's images (their paths are unique to it).
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${name}/cmdline`, "latin1").includes(dir)) process.kill(Number(name), "SIGKILL");
    } catch {
      // gone already, or not ours to read
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** From sending the signal to the process's exit. */
  ms: number;
  stdout: string;
  stderr: string;
}

async function waitFor(what: string, ready: () => boolean, child: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 3000 && !ready(); i++) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`damselfly ended before ${what}: ${log()}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  if (!ready()) throw new Error(`damselfly did not get to ${what} within 30 s: ${log()}`);
}

/**
 * Start damselfly (stdin a pipe kept open), wait until `ready` holds for its output, optionally
 * do `meanwhile`, send `signal`, and report how it ended.
 */
async function signalled(args: string[], ready: (out: { stdout: string; stderr: string }) => boolean, signal: NodeJS.Signals, meanwhile?: () => Promise<void>): Promise<Ended> {
  const child = spawn(process.execPath, [DAMSELFLY, ...args], { stdio: ["pipe", "pipe", "pipe"] });
  const out = { stdout: "", stderr: "" };
  child.stdout!.on("data", (b: Buffer) => (out.stdout += b.toString("latin1")));
  child.stderr!.on("data", (b: Buffer) => (out.stderr += b.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, sig) => resolve({ code, signal: sig })));
  const killer = setTimeout(() => child.kill("SIGKILL"), 60_000);
  try {
    await waitFor("its ready state", () => ready(out), child, () => JSON.stringify(out));
    await meanwhile?.();
    const sent = performance.now();
    child.kill(signal);
    const end = await exited;
    const ms = performance.now() - sent;
    // Let the pipes drain what was written before the exit.
    await new Promise((r) => setTimeout(r, 50));
    return { ...end, ms, ...out };
  } finally {
    clearTimeout(killer);
    child.kill("SIGKILL");
  }
}

function expectOrderlyExit(r: Ended, signal: NodeJS.Signals, status: number): void {
  const story = `exit ${r.code} / ${r.signal} after ${Math.round(r.ms)} ms; stderr: ${JSON.stringify(r.stderr)}`;
  expect(r.signal, story).toBeNull();
  expect(r.code, story).toBe(status);
  expect(r.ms, story).toBeLessThan(SIGNAL_GRACE_MS);
  expect(r.stderr, story).toContain(`damselfly: terminating on signal ${status - 128} (${signal})`);
  expect(r.stderr, `the orderly shutdown finished by itself: ${story}`).not.toContain("exiting now");
}

const banner = (text: string) => (o: { stdout: string }) => o.stdout.includes(`${text}\n`);

describe("damselfly on a signal", () => {
  it("exits with 143 on SIGTERM while the guest runs (4 CPUs)", async () => {
    expectOrderlyExit(await signalled(["-kernel", images.spin!, "-smp", "4", "-nographic"], banner("spinning"), "SIGTERM"), "SIGTERM", 143);
  }, 60_000);

  it("exits with 130 on SIGINT and 129 on SIGHUP while every CPU is halted", async () => {
    expectOrderlyExit(await signalled(["-kernel", images.halt!, "-smp", "2", "-nographic"], banner("halting"), "SIGINT"), "SIGINT", 130);
    expectOrderlyExit(await signalled(["-kernel", images.halt!, "-smp", "2", "-nographic"], banner("halting"), "SIGHUP"), "SIGHUP", 129);
  }, 60_000);

  it("exits on SIGTERM in a seeded run whose CPUs sleep between timer ticks", async () => {
    // A second of ticks first: the starvation set in once the tick path was compiled hot.
    const settle = () => new Promise<void>((r) => setTimeout(r, 1000));
    expectOrderlyExit(await signalled(["-kernel", images.tick!, "-smp", "2", "-nographic", "--seed", "1"], banner("ticking"), "SIGTERM", settle), "SIGTERM", 143);
  }, 60_000);

  it("exits on SIGTERM while its stdout reader has stopped reading (the pipe is full)", async () => {
    const child = spawn(process.execPath, [DAMSELFLY, "-kernel", images.spam!, "-nographic"], { stdio: ["pipe", "pipe", "pipe"] });
    let stderr = "";
    let got = 0;
    child.stderr!.on("data", (b: Buffer) => (stderr += b.toString()));
    child.stdout!.on("data", (b: Buffer) => {
      got += b.length;
      child.stdout!.pause(); // read one chunk, then never again: the pipe fills up
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, sig) => resolve({ code, signal: sig })));
    const killer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    try {
      await waitFor("guest output", () => got > 0, child, () => stderr);
      // Long enough for the guest to fill the pipe (64 KiB) many times over.
      await new Promise((r) => setTimeout(r, 1500));
      const sent = performance.now();
      child.kill("SIGTERM");
      const end = await exited;
      expectOrderlyExit({ ...end, ms: performance.now() - sent, stdout: "", stderr }, "SIGTERM", 143);
    } finally {
      clearTimeout(killer);
      child.kill("SIGKILL");
    }
  }, 60_000);

  it("exits on SIGTERM while -S holds the CPUs, with and without gdb attached", async () => {
    const listening = (o: { stderr: string }) => o.stderr.includes("gdb stub listening");
    const alone = await freePort();
    expectOrderlyExit(await signalled(["-kernel", images.spin!, "-nographic", "-S", "-gdb", `tcp::${alone}`], listening, "SIGTERM"), "SIGTERM", 143);
    const port = await freePort();
    let peer: RawPeer | undefined;
    const r = await signalled(["-kernel", images.spin!, "-smp", "2", "-nographic", "-S", "-gdb", `tcp::${port}`], listening, "SIGTERM", async () => {
      peer = await RawPeer.open(port);
      // A live session: the machine is stopped and gdb waits on it.
      expect(await peer.exchange("$?#3f", /\$T05[^#]*#[0-9a-f]{2}/)).toMatch(/T05/);
    });
    try {
      expectOrderlyExit(r, "SIGTERM", 143);
      for (let i = 0; i < 100 && !peer!.closed; i++) await new Promise((res) => setTimeout(res, 10));
      expect(peer!.closed, "the gdb connection was closed").toBe(true);
    } finally {
      peer?.destroy();
    }
  }, 60_000);
});

describe("damselfly on a terminal", () => {
  /** Children of `pid` (the terminal's shell, then damselfly under it). */
  async function childOf(pid: number, what: string): Promise<number> {
    for (let i = 0; i < 3000; i++) {
      for (const entry of processes()) {
        if (entry.ppid === pid) return entry.pid;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`no ${what} under process ${pid}`);
  }

  function processes(): { pid: number; ppid: number }[] {
    const out: { pid: number; ppid: number }[] = [];
    for (const name of readdirSync("/proc")) {
      if (!/^\d+$/.test(name)) continue;
      try {
        // Field 4 of /proc/PID/stat, after the parenthesised command name.
        const stat = readFileSync(`/proc/${name}/stat`, "latin1");
        const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        out.push({ pid: Number(name), ppid });
      } catch {
        // the process has gone
      }
    }
    return out;
  }

  /** Run `shell` (sh -c) on a new pseudo-terminal through script(1); returns the script process and its output. */
  function onTerminal(shell: string): { child: ChildProcess; out: { text: string } } {
    const script = requireTool("script");
    const child = spawn(script, ["-qfec", shell, "/dev/null"], { stdio: ["pipe", "pipe", "pipe"] });
    const out = { text: "" };
    child.stdout!.on("data", (b: Buffer) => (out.text += b.toString("latin1")));
    return { child, out };
  }

  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

  it("leaves raw mode and exits with 143 on SIGTERM", async () => {
    const err = path.join(dir, "tty-err.txt");
    const cmd = `stty -g; ${q(process.execPath)} ${q(DAMSELFLY)} -kernel ${q(images.spin!)} -nographic 2>${q(err)}; echo "status=$?"; stty -g`;
    const { child, out } = onTerminal(cmd);
    const killer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    try {
      const shellPid = await childOf(child.pid!, "shell");
      await waitFor("the guest's banner", () => out.text.includes("spinning"), child, () => out.text);
      const damselfly = await childOf(shellPid, "damselfly");
      const sent = performance.now();
      process.kill(damselfly, "SIGTERM");
      await waitFor("the status line", () => /status=\d+\r?\n[^\n]*\n/.test(out.text), child, () => out.text);
      const ms = performance.now() - sent;
      const lines = out.text.split(/\r?\n/);
      const status = lines.find((l) => l.startsWith("status="));
      expect(status, out.text).toBe("status=143");
      expect(ms).toBeLessThan(SIGNAL_GRACE_MS);
      const modes = lines.filter((l) => /^[0-9a-f]+(:[0-9a-f]+){10,}$/.test(l));
      expect(modes, `stty -g before and after: ${out.text}`).toHaveLength(2);
      expect(modes[1], "the terminal's mode after the run is the mode before it").toBe(modes[0]);
      expect(readFileSync(err, "utf8")).toContain("terminating on signal 15 (SIGTERM)");
    } finally {
      clearTimeout(killer);
      child.kill("SIGKILL");
    }
  }, 60_000);

  it("exits with 129 when its terminal hangs up, without Node aborting on the dead terminal", async () => {
    const err = path.join(dir, "hup-err.txt");
    const rc = path.join(dir, "hup-status.txt");
    // As when a terminal window closes: the session leader (the outer shell) gets SIGHUP and
    // dies, and the kernel then sends SIGHUP to the foreground process group. The subshell
    // there outlives it (a trap, not an ignore, so damselfly gets the signal as usual) to
    // write down damselfly's status.
    const cmd = `(trap : HUP; ${q(process.execPath)} ${q(DAMSELFLY)} -kernel ${q(images.spin!)} -nographic 2>${q(err)}; echo $? >${q(rc)})`;
    const { child, out } = onTerminal(cmd);
    try {
      await waitFor("the guest's banner", () => out.text.includes("spinning"), child, () => out.text);
      const sent = performance.now();
      child.kill("SIGKILL"); // the terminal's master side closes: a hang-up
      for (let i = 0; i < 1000 && !(existsSync(rc) && readFileSync(rc, "utf8").endsWith("\n")); i++) await new Promise((r) => setTimeout(r, 10));
      const ms = performance.now() - sent;
      const errText = readFileSync(err, "utf8");
      expect(existsSync(rc), `no status written; stderr: ${errText}`).toBe(true);
      expect(readFileSync(rc, "utf8").trim(), errText).toBe("129");
      expect(ms).toBeLessThan(SIGNAL_GRACE_MS);
      expect(errText).toContain("terminating on signal 1 (SIGHUP)");
      expect(errText).not.toContain("Assertion failed");
    } finally {
      child.kill("SIGKILL");
    }
  }, 60_000);
});

describe("the orderly shutdown's deadline", () => {
  /** A process with a SignalExit whose stop() never ends anything (a stand-in for a stuck shutdown). */
  function stuck(): { child: ChildProcess; out: { text: string } } {
    const code = `
      import { runTs } from ${JSON.stringify(path.join(repoRoot(), "tools", "host", "run-ts.mjs"))};
      const { SignalExit } = await runTs("boot/terminal/signals.ts");
      const s = new SignalExit({
        stop: () => {},
        restoreTerminal: () => process.stdout.write("restored\\n"),
        say: (t) => process.stdout.write(t),
      });
      s.install();
      setInterval(() => {}, 1000);
      process.stdout.write("ready\\n");`;
    const child = spawn(process.execPath, ["--input-type=module", "-e", code], { stdio: ["ignore", "pipe", "inherit"] });
    const out = { text: "" };
    child.stdout!.on("data", (b: Buffer) => (out.text += b.toString()));
    return { child, out };
  }

  it("exits anyway when the orderly way does not finish, after restoring the terminal", async () => {
    const { child, out } = stuck();
    try {
      await waitFor("ready", () => out.text.includes("ready\n"), child, () => out.text);
      const exited = new Promise<number | null>((r) => child.on("exit", (c) => r(c)));
      const sent = performance.now();
      child.kill("SIGTERM");
      const code = await exited;
      const ms = performance.now() - sent;
      expect(code).toBe(143);
      expect(ms).toBeGreaterThanOrEqual(SIGNAL_GRACE_MS - 50);
      expect(ms).toBeLessThan(SIGNAL_GRACE_MS + 3000);
      expect(out.text).toMatch(/terminating on signal 15 \(SIGTERM\)\n[\s\S]*restored\n[\s\S]*still shutting down after \d+ ms: exiting now/);
    } finally {
      child.kill("SIGKILL");
    }
  }, 60_000);

  it("exits at once on a second signal, with that signal's status", async () => {
    const { child, out } = stuck();
    try {
      await waitFor("ready", () => out.text.includes("ready\n"), child, () => out.text);
      const exited = new Promise<number | null>((r) => child.on("exit", (c) => r(c)));
      child.kill("SIGTERM");
      await waitFor("the first signal's message", () => out.text.includes("terminating"), child, () => out.text);
      const sent = performance.now();
      child.kill("SIGINT");
      const code = await exited;
      expect(code).toBe(130);
      expect(performance.now() - sent).toBeLessThan(SIGNAL_GRACE_MS);
      expect(out.text).toContain("SIGINT again: exiting now");
    } finally {
      child.kill("SIGKILL");
    }
  }, 60_000);
});
