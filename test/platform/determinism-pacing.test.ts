// Determinism (deterministic mode: same image + input + seed = same run) and pacing (default
// mode: an idle guest waits in real time and costs no host CPU).
import { describe, expect, it } from "vitest";
import { runOnDamselfly } from "./damselfly-runner.ts";
import { buildPlatformImage } from "./images/build.ts";

/** 16 ns per instruction: the images' MP-spec delays cost 16x fewer instructions (see platform-vs-qemu). */
const FAST = { icountShift: 4 };

describe("deterministic mode", { timeout: 240_000 }, () => {
  it("repeats a seeded SMP run byte for byte and instruction for instruction", async () => {
    const image = buildPlatformImage("ipi");
    const a = await runOnDamselfly(image, { seed: 7, extra: FAST });
    const b = await runOnDamselfly(image, { seed: 7, extra: FAST });
    expect(a.exitStatus).toBe(0x21);
    expect(b.serial).toBe(a.serial);
    expect(b.machine.stats().cpus.map((c) => c.instructions)).toEqual(a.machine.stats().cpus.map((c) => c.instructions));
    expect(b.machine.clock.now()).toBe(a.machine.clock.now());
  });

  it("passes under several seeds, each perturbing the interleaving", async () => {
    const image = buildPlatformImage("ipi");
    const counts = new Set<string>();
    for (const seed of [1, 2, 3, 4]) {
      const r = await runOnDamselfly(image, { seed, extra: FAST });
      expect(`seed ${seed}: exit ${r.exitStatus}\n${r.serial}`).toBe(`seed ${seed}: exit 33\ncpu 0 ipis 1\ncpu 1 ipis 13\ncpu 2 ipis 13\ncpu 3 ipis 13\n`);
      counts.add(r.machine.stats().cpus.map((c) => c.instructions).join(","));
    }
    expect(counts.size).toBeGreaterThan(1);
  });
});

describe("icount shift", { timeout: 240_000 }, () => {
  it("makes each instruction 2^N ns: timers agree with each other, polling costs half the instructions one step up", async () => {
    const image = buildPlatformImage("lapic-timer");
    const base = await runOnDamselfly(image, { cpus: 1, extra: { icountShift: 4 } });
    const shifted = await runOnDamselfly(image, { cpus: 1, extra: { icountShift: 5 } });
    expect(shifted.serial).toBe(base.serial);
    expect(shifted.exitStatus).toBe(0x21);
    const ratio = shifted.instructions! / base.instructions!;
    expect(ratio).toBeGreaterThan(0.45);
    expect(ratio).toBeLessThan(0.55);
  });
});

describe("interactive (paced) mode", { timeout: 120_000 }, () => {
  it("takes about 2 s of wall time and little host CPU for a guest that sleeps 2 s on the LAPIC timer", async () => {
    const image = buildPlatformImage("sleep");
    const cpu0 = process.cpuUsage();
    const r = await runOnDamselfly(image, { deterministic: false, wallMs: 10_000 });
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    expect(r.serial).toBe("sleeping 2 s\nwoke up\n");
    expect(r.exitStatus).toBe(0x21);
    expect(r.wallMs).toBeGreaterThanOrEqual(1990);
    expect(r.wallMs).toBeLessThan(3000);
    expect(cpuMs).toBeLessThan(400);
  });

  it("keeps guest time with the wall clock while other CPUs spin", async () => {
    const r = await runOnDamselfly(buildPlatformImage("busy-sleep"), { deterministic: false, wallMs: 10_000 });
    expect(r.serial).toBe("sleeping 1 s with busy APs\nwoke up\n");
    expect(r.wallMs).toBeGreaterThanOrEqual(990);
    expect(r.wallMs).toBeLessThan(2500);
  });
});
