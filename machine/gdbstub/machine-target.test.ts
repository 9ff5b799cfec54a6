// The stub on the real machine: the real gdb, in batch mode, against a 4-CPU machine running
// testing/smp-image.ts in deterministic mode. The same gdb commands against
// `qemu-system-i386 -smp 4 -s -S` print the same things (that is how the expectations were
// written). The firmware comes from boot/ — tests may reach across; machine code may not.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { multibootFirmware } from "../../boot/firmware/index.ts";
import { requireTool } from "../../test/host-tools.ts";
import { Machine, type MachineExit } from "../machine.ts";
import { startGdbServer, type GdbAttachment } from "./attach.ts";
import { framePacket } from "./packet.ts";
import { freePort } from "./testing/free-port.ts";
import { describeRun, runGdbBatch, type GdbRun } from "./testing/gdb-batch.ts";
import { RawPeer } from "./testing/raw-peer.ts";
import { exitTestImage, MAPPED_VIRT, MAPPED_WORDS, smpTestImage, WATCH_VALUE, WATCHED_VIRT } from "./testing/smp-image.ts";

let dir: string;
let elfPath: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "damselfly-gdb-"));
  elfPath = path.join(dir, "smp.elf");
  writeFileSync(elfPath, smpTestImage());
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Booted {
  machine: Machine;
  gdb: GdbAttachment;
  running: Promise<MachineExit>;
  /** Stop the machine and the server; resolves when both are down. */
  shutdown(): Promise<MachineExit>;
}

async function boot(hold: boolean): Promise<Booted> {
  const machine = Machine.create({ cpus: 4, memoryMB: 32, kernel: smpTestImage(), firmware: multibootFirmware, deterministic: true });
  const gdb = await startGdbServer(machine, { port: 0, hold });
  const running = machine.run({ wallMs: 60_000 });
  return {
    machine,
    gdb,
    running,
    async shutdown() {
      machine.stop();
      const exit = await running;
      await gdb.server.close();
      return exit;
    },
  };
}

const hex8 = (v: number): string => "0x" + (v >>> 0).toString(16).padStart(8, "0");

/** The gdb session both machines get (ours and QEMU). */
const SCRIPT = [
  "info threads",
  "break cpu2_only",
  "continue",
  "stepi",
  "p $pc",
  "thread 3",
  "info registers",
  "monitor info tlb",
  `x/4wx ${hex8(MAPPED_VIRT)}`,
  "x/4wx &mapped_page",
  "maint packet Qqemu.PhyMemMode:1",
  `x/4wx ${hex8(MAPPED_VIRT)}`,
  "x/1wx 0xfee00020",
  "maint packet Qqemu.PhyMemMode:0",
  "delete",
  `watch *(int *)${hex8(WATCHED_VIRT)}`,
  "continue",
  "monitor info lapic",
  "info threads",
];

/** What gdb must print for SCRIPT on any correct 4-CPU machine. */
function expectCommonOutput(run: GdbRun): { out: string; why: string } {
  const out = run.stdout + run.stderr;
  const why = describeRun(run);
  expect(run.timedOut, why).toBe(false);
  // Four threads; the APs wait for SIPI before the first continue.
  expect(out, why).toMatch(/1\s+Thread 1\.1 \(CPU#0 \[running\]\)/);
  expect(out, why).toMatch(/4\s+Thread 1\.4 \(CPU#3 \[halted \]\)/);
  // The breakpoint only CPU#2 (thread 3) executes.
  expect(out, why).toMatch(/Thread 3 hit Breakpoint 1, 0x[0-9a-f]+ in cpu2_only \(\)/);
  // stepi over the one-byte nop.
  expect(out, why).toMatch(/\$1 = \(void \(\*\)\(\)\) 0x[0-9a-f]+ <cpu2_after_nop>/);
  // thread 3's registers are CPU#2's: esi = 0xC0DE0000 + LAPIC ID, paging on.
  expect(out, why).toMatch(/esi\s+0xc0de0002\s/);
  expect(out, why).toMatch(/ebx\s+0x2\s/);
  expect(out, why).toMatch(/eip\s+0x[0-9a-f]+\s+0x[0-9a-f]+ <cpu2_after_nop>/);
  expect(out, why).toMatch(/cr0\s+0x[0-9a-f]+\s+\[[^\]]*\bPG\b[^\]]*\]/);
  // The same words through the non-identity mapping and at their (different) physical address;
  // in physical mode MAPPED_VIRT does not show them.
  const words = MAPPED_WORDS.map(hex8).join("\t");
  const seenAt = [...out.matchAll(new RegExp(`(0x[0-9a-f]+)(?: <mapped_page>)?:\\t${words}`, "g"))].map((m) => Number(m[1]));
  expect(seenAt, why).toHaveLength(2);
  expect(seenAt[0], why).toBe(MAPPED_VIRT);
  expect(seenAt[1], why).not.toBe(MAPPED_VIRT);
  // The write watchpoint fires on CPU#3 (thread 4), the only CPU that writes there.
  expect(out, why).toMatch(/Thread 4 hit Hardware watchpoint 2: \*\(int \*\)0x40000010/);
  expect(out, why).toContain(`New value = ${WATCH_VALUE}`);
  expect(out, why).toMatch(/\* 4\s+Thread 1\.4 \(CPU#3 \[running\]\)/);
  return { out, why };
}

describe("gdb against a 4-CPU machine", () => {
  it("sees four CPUs, stops on the right one at a breakpoint and a watchpoint, steps, reads paged memory", async () => {
    const m = await boot(true);
    let run;
    try {
      run = await runGdbBatch({ port: m.gdb.server.port, file: elfPath, timeoutMs: 45_000, commands: SCRIPT });
    } finally {
      await m.shutdown();
    }
    const { out, why } = expectCommonOutput(run);
    // Held at the kernel's entry (QEMU is held in its BIOS instead, so this is ours only).
    expect(out, why).toMatch(/\* 1\s+Thread 1\.1 \(CPU#0 \[running\]\)\s+0x[0-9a-f]+ in _start \(\)/);
    // Physical mode really is physical: nothing is at MAPPED_VIRT in 32 MiB of RAM.
    expect(out, why).toContain(`Cannot access memory at address ${hex8(MAPPED_VIRT).replace(/^0x0*/, "0x")}`);
    // A physical read of the LAPIC ID register shows the selected CPU's own LAPIC (thread 3).
    expect(out, why).toContain("0xfee00020:\t0x02000000");
    // monitor info tlb shows CPU#2's TLB, which holds at least the page it runs code from.
    expect(out, why).toMatch(/00100000: 00100000 [-G][-U]W/);
    // monitor info lapic answers for the selected CPU (thread 4 = LAPIC ID 3).
    expect(out, why).toMatch(/ID\s+0x03000000/);
    expect(out, why).toMatch(/VERSION\s+0x00050014/);
  }, 60_000);

  it("gives the same answers as QEMU's own stub on the same image (the reference)", async () => {
    const qemu = requireTool("qemu-system-i386");
    const port = await freePort();
    // One TCG thread for all vCPUs keeps QEMU's interleaving repeatable: with a thread per
    // vCPU, one run in many did not end the stepi at cpu2_after_nop.
    const args = ["-kernel", elfPath, "-smp", "4", "-m", "32", "-accel", "tcg,thread=single", "-display", "none", "-no-reboot"];
    const child = spawn(qemu, [...args, "-S", "-gdb", `tcp:127.0.0.1:${port}`], {
      stdio: "ignore",
    });
    let run;
    try {
      run = await runGdbBatch({ port, file: elfPath, timeoutMs: 45_000, commands: ["set tcp connect-timeout 10", ...SCRIPT] });
    } finally {
      child.kill("SIGKILL");
    }
    expectCommonOutput(run);
  }, 60_000);

  it("fires read and access watchpoints on the CPU that read or updated the word", async () => {
    const m = await boot(true);
    let run;
    try {
      run = await runGdbBatch({
        port: m.gdb.server.port,
        file: elfPath,
        commands: ["awatch *(int *)&ap_count", "continue", "info threads", "delete", "rwatch *(int *)&cpu2_done", "continue"],
      });
    } finally {
      await m.shutdown();
    }
    const why = describeRun(run);
    // An AP's lock incl of ap_count (the BSP never touches it).
    expect(run.stdout, why).toMatch(/Thread [234] hit Hardware access \(read\/write\) watchpoint 1: \*\(int \*\)&ap_count/);
    expect(run.stdout, why).toMatch(/\* [234]\s+Thread 1\.[234] \(CPU#[123] \[running\]\)\s+0x[0-9a-f]+ in enter_paging \(\)/);
    // All-stop: the other APs did not run on to their own increment before gdb looked.
    expect(run.stdout, why).toMatch(/Old value = 0\s+New value = 1\s/);
    // Only CPU#3 (thread 4) reads cpu2_done.
    expect(run.stdout, why).toMatch(/Thread 4 hit Hardware read watchpoint 2: \*\(int \*\)&cpu2_done\s+Value = [01]\s/);
  }, 30_000);

  it("keeps the machine running through malformed packets, and stops it on Ctrl-C", async () => {
    const m = await boot(false);
    const peer = await RawPeer.open(m.gdb.server.port);
    try {
      peer.write("$qC#00"); // bad checksum
      await peer.until(/^-/, "a nack for a bad checksum");
      peer.write(framePacket("m1234,zz"));
      await peer.until(/\$E22#/, "E22 for a malformed read");
      peer.write(framePacket("qNoSuchPacket"));
      await peer.until(/\$#00/, "an empty reply for an unknown packet");
      peer.write("\x00\xff garbage");
      peer.write(framePacket("vCont;c"));
      await peer.until(/^\+/, "the ack of vCont;c");
      const before = m.machine.instructions;
      await new Promise((r) => setTimeout(r, 200));
      const during = m.machine.instructions;
      expect(during, "instructions retired while continued").toBeGreaterThan(before);
      peer.write("\x03");
      const stop = await peer.until(/\$T02thread:p?[0-9a-f.]+;#[0-9a-f]{2}/, "a SIGINT stop reply");
      expect(stop).toMatch(/T02thread/);
      const stopped = m.machine.instructions;
      await new Promise((r) => setTimeout(r, 100));
      expect(m.machine.instructions, "instructions retired after Ctrl-C").toBe(stopped);
      peer.write(framePacket("g"));
      const g = await peer.until(/\$[0-9a-f]+#[0-9a-f]{2}/, "a register dump");
      expect(g.length).toBeGreaterThan(300);
    } finally {
      peer.destroy();
      await m.shutdown();
    }
  }, 30_000);

  it("reports a breakpoint under a CPU's eip at the next continue, before running anything", async () => {
    const m = await boot(true);
    const peer = await RawPeer.open(m.gdb.server.port);
    const ask = async (packet: string, reply: RegExp, what: string): Promise<string> => {
      peer.write(framePacket(packet));
      return peer.until(reply, what);
    };
    const eipOf = async (thread: number): Promise<number> => {
      await ask(`Hg${thread.toString(16)}`, /\$OK#/, "OK for Hg");
      const hex = (await ask("p8", /\$[0-9a-f]{8}#/, "eip")).slice(1, 9);
      return parseInt(hex.match(/../g)!.reverse().join(""), 16);
    };
    try {
      await ask("vCont;c", /^\+/, "the ack of vCont;c");
      await new Promise((r) => setTimeout(r, 150));
      peer.write("\x03");
      await peer.until(/\$T02thread:[0-9a-f]+;#/, "a SIGINT stop");
      // CPU#3 (thread 4) spins; put a breakpoint exactly where it stands.
      const eip = await eipOf(4);
      await ask(`Z0,${eip.toString(16)},1`, /\$OK#/, "OK for Z0");
      const before = m.machine.instructions;
      const stop = await ask("vCont;c", /\$T05thread:([0-9a-f]+);#/, "a breakpoint stop");
      expect(m.machine.instructions, "instructions run before the stop").toBe(before);
      const thread = parseInt(/thread:([0-9a-f]+)/.exec(stop)![1]!, 16);
      expect((await eipOf(thread)).toString(16), `eip of thread ${thread}, which reported the breakpoint`).toBe(eip.toString(16));
    } finally {
      peer.destroy();
      await m.shutdown();
    }
  }, 30_000);

  it("finds a CPU standing on a breakpoint by its linear address in real mode (CS base + IP)", async () => {
    const machine = Machine.create({ cpus: 1, memoryMB: 8, kernel: exitTestImage(), firmware: multibootFirmware, deterministic: true });
    const { target, server } = await startGdbServer(machine, { port: 0, hold: true });
    try {
      const cpu = machine.cpus[0]!;
      // Real mode at 0800:0010 = linear 0x8010, an AP trampoline's kind of place: HLT there.
      machine.bus.writeBytes(0x8010, new Uint8Array([0xf4, 0xeb, 0xfd]));
      cpu.setRegisters({ cr0: 0x10, cs: 0x800, ds: 0, ss: 0, es: 0, eip: 0x10, eflags: 2 });
      expect(cpu.linearEip?.()).toBe(0x8010);
      const stops: string[] = [];
      // At the IP alone (0x10) nothing stands on a breakpoint.
      target.addBreakpoint(0x10);
      target.resume(["continue"], (e) => stops.push(`${e.reason}@${"cpu" in e ? e.cpu : "-"}`));
      expect(stops, "a breakpoint at the IP's value is not the CPU's address").toEqual([]);
      target.halt();
      target.removeBreakpoint(0x10);
      target.addBreakpoint(0x8010);
      target.resume(["continue"], (e) => stops.push(`${e.reason}@${"cpu" in e ? e.cpu : "-"}`));
      expect(stops).toEqual(["breakpoint@0"]);
    } finally {
      machine.stop();
      await server.close();
    }
  }, 30_000);

  it("tells gdb the guest exited, with the debug-exit status", async () => {
    const exitElf = path.join(dir, "exit.elf");
    writeFileSync(exitElf, exitTestImage());
    const machine = Machine.create({ cpus: 1, memoryMB: 8, kernel: exitTestImage(), firmware: multibootFirmware, deterministic: true });
    const gdb = await startGdbServer(machine, { port: 0, hold: true });
    // What a front end does: hand the end of run() to the stub.
    const running = machine.run({ wallMs: 30_000 }).then((exit) => {
      gdb.target.machineEnded(exit);
      return exit;
    });
    let run;
    try {
      run = await runGdbBatch({ port: gdb.server.port, file: exitElf, commands: ["break before_exit", "continue", "continue"] });
    } finally {
      machine.stop();
      await running;
      await gdb.server.close();
    }
    const why = describeRun(run);
    expect(run.stdout, why).toMatch(/Breakpoint 1, 0x[0-9a-f]+ in before_exit \(\)/);
    expect(run.stdout, why).toContain("[Inferior 1 (process 1) exited with code 07]");
    expect(await running).toEqual({ kind: "debug-exit", status: 7 });
  }, 30_000);
});
