// The "Must show": each platform test image gives the same result on our machine
// (deterministic mode, 4 CPUs) and on qemu-system-i386 -smp 4. For the MP table QEMU runs
// with sockets=4: its SeaBIOS lists one MP processor entry per package, and plain -smp 4 is
// one package of 4 cores, while our machine's CPUs are each their own package.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Machine } from "../../machine/machine.ts";
import { requireTool } from "../host-tools.ts";
import { repoRoot } from "../reference/repo-root.ts";
import { runOnQemu } from "../reference/qemu.ts";
import type { RunResult } from "../reference/run-result.ts";
import { runOnDamselfly } from "./damselfly-runner.ts";
import { buildBiosRom, buildPlatformImage, type PlatformImage } from "./images/build.ts";
import { runOnQemuWithInput } from "./qemu-with-input.ts";

const SMP = "4";
/**
 * Our machine runs the SMP images at 16 ns per instruction (-icount shift=4): the MP spec's
 * 10 ms INIT wait is then 0.6M instructions instead of 10M, and the output does not depend
 * on it. The tests stay quick on a loaded host.
 */
const FAST = { icountShift: 4 };
const SMP_ONE_CPU_PER_PACKAGE = "4,sockets=4,cores=1,threads=1";
const PASS = 0x21;

async function qemu(name: PlatformImage, smp = SMP): Promise<RunResult> {
  return runOnQemu(buildPlatformImage(name), { extraArgs: ["-smp", smp], timeoutMs: 120_000 });
}

function lines(r: RunResult): string[] {
  return r.serial.split("\n").filter((l) => l.length > 0);
}

function expectPassed(who: string, r: RunResult): void {
  expect(`${who}: exit ${r.exitStatus} ${r.diagnostics}\n${r.serial}`).toBe(`${who}: exit ${PASS} ${r.diagnostics}\n${r.serial}`);
}

describe("platform images: our machine and QEMU agree", { timeout: 240_000 }, () => {
  it("AP bring-up with INIT/SIPI/SIPI: every LAPIC ID reports in (as a set)", async () => {
    const [ours, ref] = await Promise.all([runOnDamselfly(buildPlatformImage("ap-bringup"), { extra: FAST }), qemu("ap-bringup")]);
    expectPassed("qemu", ref);
    expectPassed("damselfly", ours);
    expect(lines(ours).sort()).toEqual(lines(ref).sort());
    expect(lines(ours)).toContain("all up: 4");
    expect(ours.machine.stats().cpus.map((c) => c.state)).not.toContain("wait-sipi");
  });

  it("AP bring-up of 16 CPUs, the most the machine has", async () => {
    const image = buildPlatformImage("ap-bringup");
    const [ours, ref] = await Promise.all([
      runOnDamselfly(image, { cpus: 16, extra: FAST }),
      runOnQemu(image, { extraArgs: ["-smp", "16,sockets=16,cores=1,threads=1"], timeoutMs: 120_000 }),
    ]);
    expectPassed("qemu", ref);
    expectPassed("damselfly", ours);
    expect(lines(ours).sort()).toEqual(lines(ref).sort());
    expect(lines(ours)).toContain("all up: 16");
  });

  it("fixed IPIs: physical, all-excluding-self, logical flat, AP to AP and self, counted per CPU", async () => {
    const [ours, ref] = await Promise.all([runOnDamselfly(buildPlatformImage("ipi"), { extra: FAST }), qemu("ipi")]);
    expectPassed("qemu", ref);
    expectPassed("damselfly", ours);
    expect(lines(ours)).toEqual(lines(ref));
    expect(lines(ours)).toEqual(["cpu 0 ipis 1", "cpu 1 ipis 13", "cpu 2 ipis 13", "cpu 3 ipis 13"]);
    expect(ours.machine.stats().cpus.slice(1).map((c) => c.interrupts)).toEqual([14, 14, 14]); // 13 counted + 1 relay request
    expect(ours.machine.stats().ipis.slice(1)).toEqual([[0, 0, 1, 0], [0, 0, 0, 1], [0, 1, 0, 0]]);
  });

  it("LAPIC timer calibrated against the PIT, periodic and one-shot", async () => {
    // Both run with -icount shift=7 (128 ns per instruction): in QEMU's default mode the
    // PIT/LAPIC ratio a guest measures depends on host load, and shift 7 keeps the polling
    // loops (and SeaBIOS's) short.
    const [ours, ref] = await Promise.all([
      runOnDamselfly(buildPlatformImage("lapic-timer"), { extra: { icountShift: 7 } }),
      runOnQemu(buildPlatformImage("lapic-timer"), { extraArgs: ["-smp", SMP, "-icount", "shift=7,sleep=off"], timeoutMs: 120_000 }),
    ]);
    expectPassed("qemu", ref);
    expectPassed("damselfly", ours);
    expect(lines(ours)).toEqual(lines(ref));
  });

  it("UART receive interrupt routed through the IOAPIC", async () => {
    const image = buildPlatformImage("uart-irq");
    const [ours, ref] = await Promise.all([
      runOnDamselfly(image, { input: { after: "ready\n", bytes: "hello\n" } }),
      runOnQemuWithInput(image, { smp: SMP, after: "ready\n", input: "hello\n" }),
    ]);
    expectPassed("qemu", ref);
    expectPassed("damselfly", ours);
    expect(lines(ours)).toEqual(lines(ref));
    expect(lines(ours)).toContain("got 'hello' through ioapic pin 4, interrupt driven");
  });

  it("MADT and MP table list the same CPUs and IOAPIC", async () => {
    const [ours, ref] = await Promise.all([runOnDamselfly(buildPlatformImage("tables")), qemu("tables", SMP_ONE_CPU_PER_PACKAGE)]);
    expectPassed("qemu", ref);
    expectPassed("damselfly", ours);
    expect(lines(ours)).toEqual(lines(ref));
    expect(lines(ours).filter((l) => l.startsWith("mp cpu"))).toHaveLength(4);
  });

  it("-bios: the BSP starts at the ROM's reset vector in real mode", async () => {
    const rom = buildBiosRom();
    const q = spawnSync(requireTool("qemu-system-i386"), ["-bios", path.join(repoRoot(), "build", "platform", "bios-rom.bin"), "-display", "none", "-serial", "stdio", "-monitor", "none", "-no-reboot", "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"], { timeout: 120_000, encoding: "latin1" });
    const m = Machine.create({ cpus: 2, bios: rom, deterministic: true });
    let serial = "";
    m.on("serial0-output-byte", (b) => (serial += String.fromCharCode(b)));
    const exit = await m.run({ wallMs: 120_000 });
    expect({ status: q.status, serial: q.stdout }).toEqual({ status: PASS, serial: "hello from the reset vector\n" });
    expect({ exit, serial }).toEqual({ exit: { kind: "debug-exit", status: PASS }, serial: q.stdout });
    expect(m.stats().cpus[1]!.state).toBe("wait-sipi");
  });

  it("Multiboot information (flags, memory, cmdline, modules, memory map): damselfly and QEMU with the same arguments", async () => {
    buildPlatformImage("mbinfo");
    const dir = path.join(repoRoot(), "build", "platform");
    writeFileSync(path.join(dir, "module-one.txt"), "module one payload\n");
    writeFileSync(path.join(dir, "module-two.bin"), new Uint8Array([1, 2, 3, 4, 5, 6]));
    const args = ["-kernel", "build/platform/mbinfo.elf", "-m", "128", "-no-reboot", "-append", "console=ttyS0 hello",
      "-initrd", "build/platform/module-one.txt arg1 arg2,build/platform/module-two.bin"];
    const q = spawnSync(requireTool("qemu-system-i386"), [...args, "-display", "none", "-serial", "stdio", "-monitor", "none", "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"], { cwd: repoRoot(), timeout: 120_000, encoding: "latin1" });
    const ours = spawnSync(process.execPath, [path.join(repoRoot(), "bin", "damselfly.mjs"), ...args], { cwd: repoRoot(), timeout: 120_000, encoding: "latin1", input: "" });
    expect(q.status).toBe(PASS);
    expect(ours.stdout).toBe(q.stdout);
    expect(ours.status).toBe(PASS);
    expect(ours.stdout).toContain("cmdline 'build/platform/mbinfo.elf console=ttyS0 hello'\nmodule 'build/platform/module-one.txt arg1 arg2' size 19 page offset 0\n");
  });

  it("PCI configuration mechanism #1 shows the i440FX host bridge and PIIX3 ISA bridge as QEMU's", async () => {
    const [ours, ref] = await Promise.all([runOnDamselfly(buildPlatformImage("pci"), { cpus: 1 }), qemu("pci")]);
    expectPassed("qemu", ref);
    expectPassed("damselfly", ours);
    // QEMU also has PIIX3 IDE (01.1) and PIIX4 power management (01.3), which we do not emulate.
    const bridges = (r: RunResult) => lines(r).filter((l) => /^pci 00:0[01]\.0 /.test(l));
    expect(bridges(ours)).toEqual(bridges(ref));
    expect(bridges(ours)).toEqual(["pci 00:00.0 id 12378086 class 00060000", "pci 00:01.0 id 70008086 class 00060100"]);
  });

  it("PIT IRQ0 through IOAPIC pin 2 and through the 8259 as ExtINT on LINT0", async () => {
    const [ours, ref] = await Promise.all([runOnDamselfly(buildPlatformImage("pit-irq"), { cpus: 2, extra: FAST }), qemu("pit-irq")]);
    expectPassed("qemu", ref);
    expectPassed("damselfly", ours);
    expect(lines(ours)).toEqual(lines(ref));
    expect(ours.machine.board.ioapic.deliveries[2]).toBeGreaterThanOrEqual(10);
  });

  it("CMOS memory-size and CPU-count bytes and the RTC's BCD time fields", async () => {
    const [ours, ref] = await Promise.all([runOnDamselfly(buildPlatformImage("cmos")), qemu("cmos")]);
    expectPassed("qemu", ref);
    expectPassed("damselfly", ours);
    expect(lines(ours)).toEqual(lines(ref));
    expect(lines(ours)).toContain("cmos 95 = 3"); // CPU count - 1
  });
});
