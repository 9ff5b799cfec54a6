// Nothing a guest does may throw into the host: random bytes in real mode, 16-bit and 32-bit
// protected mode, with and without paging, must always end run() with a stop reason.
import { describe, expect, it } from "vitest";
import { Bus } from "../../bus/bus.ts";
import { Cpu } from "../cpu.ts";
import { StopReason } from "../interface.ts";
import { rng } from "./oracle.ts";

function fuzz(setup: (cpu: Cpu, bus: Bus) => void, seed: number, rounds: number): void {
  const bus = new Bus(1 << 20);
  const cpu = new Cpu(1, bus, { readTsc: () => 0n });
  const next = rng(seed);
  for (let k = 0; k < rounds; k++) {
    const junk = new Uint8Array(4096);
    for (let i = 0; i < junk.length; i++) junk[i] = next() & 0xff;
    bus.writeBytes(0, new Uint8Array(bus.ramSize));
    bus.writeBytes(0x8000, junk);
    // a plausible IDT/IVT full of random gates, too
    bus.writeBytes(0, junk.subarray(0, 0x400));
    cpu.reset();
    setup(cpu, bus);
    let r: { executed: number; reason: StopReason } = { executed: 0, reason: StopReason.Budget };
    expect(() => (r = cpu.run(500))).not.toThrow();
    expect(r.executed).toBeLessThanOrEqual(500);
    expect(cpu.lastFault?.vector ?? 0, `round ${k}: ${cpu.lastFault?.text}`).not.toBe(-1);
  }
}

describe("random code never throws into the host", () => {
  it("in real mode (after SIPI)", () => {
    fuzz((cpu) => {
      cpu.init();
      cpu.sipi(0x08);
    }, 11, 150);
  });

  it("in flat 32-bit protected mode", () => {
    fuzz((cpu) => cpu.enterFlatProtectedMode(0x8000, 8, 16), 12, 300);
  });

  it("in 32-bit protected mode with paging on random page tables", () => {
    fuzz((cpu, bus) => {
      cpu.enterFlatProtectedMode(0x8000, 8, 16);
      // identity-map the first 4 MiB, except that the tables themselves are random garbage
      bus.write(0x1000, 4, 0x2007);
      for (let i = 0; i < 1024; i++) bus.write(0x2000 + 4 * i, 4, (i << 12) | 7);
      cpu.setRegisters({ cr3: 0x1000, cr4: 0x90, cr0: 0x80000011 });
    }, 13, 300);
  });
});
