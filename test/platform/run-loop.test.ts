// The SMP run loop and clock modes, driven with stand-in CPUs (the interpreter is tested in
// machine/cpu; here only scheduling, virtual time and the Machine API matter).
import { describe, expect, it } from "vitest";
import { multibootFirmware } from "../../boot/firmware/index.ts";
import type { CpuFactory } from "../../machine/cpu/interface.ts";
import { Machine, MachineConfigError } from "../../machine/machine.ts";
import { assembleMultiboot } from "../reference/gnu-image.ts";
import { FakeCpu } from "./fake-cpu.ts";

const kernel = assembleMultiboot(`
    .text
    .globl _start
_start:
    hlt
`);

function fakeMachine(cpus: number, extra: Partial<Parameters<typeof Machine.create>[0]> = {}) {
  const fakes: FakeCpu[] = [];
  const factory: CpuFactory = (id, bus, host) => {
    const c = new FakeCpu(id, bus, host);
    fakes.push(c);
    return c;
  };
  const m = Machine.create({ cpus, kernel, firmware: multibootFirmware, deterministic: true, ...extra }, factory);
  return { m, fakes };
}

describe("machine run loop", () => {
  it("starts the BSP and keeps the APs waiting for SIPI until the BSP sends INIT/SIPI", async () => {
    const { m } = fakeMachine(3);
    expect(m.stats().cpus.map((c) => c.state)).toEqual(["running", "wait-sipi", "wait-sipi"]);
    m.board.lapics[0]!.writeRegister(0xf0, 0x1ff);
    m.board.lapics[0]!.writeRegister(0x310, 2 << 24);
    m.board.lapics[0]!.writeRegister(0x300, 0x4500);
    m.board.lapics[0]!.writeRegister(0x300, 0x4608);
    expect(m.stats().cpus.map((c) => c.state)).toEqual(["running", "wait-sipi", "running"]);
    expect(m.stats().ipis[0]).toEqual([0, 0, 2]);
    const exit = await m.run({ maxInstructions: 10_000 });
    expect(exit).toEqual({ kind: "stopped" });
    expect(m.cpus[1]!.instructionCount).toBe(0);
    expect(m.cpus[2]!.instructionCount).toBe(m.cpus[0]!.instructionCount);
  });

  it("jumps the virtual clock to the next timer when every CPU halts (deterministic mode)", async () => {
    const { m, fakes } = fakeMachine(1);
    const lapic = m.board.lapics[0]!;
    lapic.writeRegister(0xf0, 0x1ff);
    lapic.writeRegister(0x3e0, 0xb);
    lapic.writeRegister(0x320, 0x40);
    lapic.writeRegister(0x380, 5_000_000); // 5 ms one-shot
    fakes[0]!.haltAfter = 1000;
    const t0 = performance.now();
    await m.run({ maxInstructions: 3000 });
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(m.clock.now()).toBeGreaterThanOrEqual(5_000_000);
    expect(m.cpus[0]!.instructionCount).toBe(3000);
  });

  it("ends with the debug-exit status, (v << 1) | 1", async () => {
    const { m } = fakeMachine(1);
    m.bus.writePort(0xf4, 1, 3);
    expect(await m.run({ maxInstructions: 1_000_000 })).toEqual({ kind: "debug-exit", status: 7 });
  });

  it("gives the same interleaving for the same seed and a different one for another seed", async () => {
    const trace = async (seed: number) => {
      const { m, fakes } = fakeMachine(4, { seed });
      for (let i = 1; i < 4; i++) fakes[i]!.state = "running";
      await m.run({ maxInstructions: 50_000 });
      return fakes.map((f) => f.instructionCount).join(",");
    };
    expect(await trace(1)).toBe(await trace(1));
    expect(await trace(1)).not.toBe(await trace(2));
  });

  it("rejects impossible configurations in one sentence", () => {
    expect(() => fakeMachine(0)).toThrow(MachineConfigError);
    expect(() => fakeMachine(17)).toThrow(/from 1 to 16, not 17/);
    expect(() => Machine.create({ cpus: 1, kernel })).toThrow(/needs a firmware/);
    expect(() => Machine.create({ cpus: 1, bios: new Uint8Array(1000) })).toThrow(/multiple of 64 KiB/);
    expect(() => fakeMachine(1, { kernel: new Uint8Array(64) })).toThrow(/not a Multiboot v1 image/);
  });

  it("plugs extra devices into the board before the firmware runs", () => {
    const seen: string[] = [];
    fakeMachine(1, {
      devices: [
        (board) => {
          board.bus.claimPorts(0x300, 1, "test-device", { read: () => 0x42, write: () => {} });
          seen.push(`pci ${board.pci !== undefined} clock ${board.clock.now()}`);
        },
      ],
    });
    expect(seen).toEqual(["pci true clock 0"]);
    const { m } = fakeMachine(1, { devices: [(b) => b.bus.claimPorts(0x300, 1, "test-device", { read: () => 0x42, write: () => {} })] });
    expect(m.bus.readPort(0x300, 1)).toBe(0x42);
  });

  it("resets the machine: CPUs back to the firmware's state, the image loaded again", async () => {
    const { m, fakes } = fakeMachine(2);
    m.bus.write(0x100000, 4, 0); // clobber the kernel's first bytes
    fakes[1]!.state = "running";
    m.reset();
    expect(m.bus.read(0x100000, 4)).toBe(0x1badb002);
    expect(m.stats().cpus.map((c) => c.state)).toEqual(["running", "wait-sipi"]);
  });

  it("resets a -bios machine without claiming the ROM window twice", () => {
    const rom = new Uint8Array(65536);
    rom[0xfff0] = 0xf4; // hlt at the reset vector
    const fakes: FakeCpu[] = [];
    const m = Machine.create({ cpus: 1, bios: rom, deterministic: true }, (id, bus, host) => {
      const c = new FakeCpu(id, bus, host);
      fakes.push(c);
      return c;
    });
    expect(m.bus.read(0xfffffff0, 1)).toBe(0xf4);
    expect(m.bus.read(0xffff0, 1)).toBe(0xf4);
    m.bus.write(0xffff0, 1, 0);
    m.reset();
    expect(m.bus.read(0xffff0, 1)).toBe(0xf4);
    expect(fakes[0]!.log.filter((l) => l === "reset")).toHaveLength(3);
  });
});
