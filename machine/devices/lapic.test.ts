import { describe, expect, it } from "vitest";
import { Bus } from "../bus/bus.ts";
import { VirtualClock } from "../clock.ts";
import { ApicBus } from "./apic-bus.ts";
import { LAPIC_BASE, Lapic } from "./lapic.ts";
import { RecordingPins } from "./test-support.ts";

function setup(n: number) {
  const bus = new Bus(1 << 20);
  const clock = new VirtualClock();
  const apicBus = new ApicBus();
  bus.claimMmio(LAPIC_BASE, 0x1000, "lapic", apicBus);
  const pins = Array.from({ length: n }, () => new RecordingPins());
  const lapics = pins.map((p, i) => new Lapic(i, apicBus, clock, p));
  const w = (cpu: number, reg: number, v: number) => bus.write(LAPIC_BASE + reg, 4, v, cpu);
  const r = (cpu: number, reg: number) => bus.read(LAPIC_BASE + reg, 4, cpu);
  for (let i = 0; i < n; i++) w(i, 0xf0, 0x1ff); // software-enable
  return { bus, clock, apicBus, pins, lapics, w, r };
}

describe("lapic", () => {
  it("shows each CPU its own ID and QEMU's version at one address", () => {
    const { r } = setup(3);
    expect([0, 1, 2].map((c) => r(c, 0x20) >>> 24)).toEqual([0, 1, 2]);
    expect(r(1, 0x30)).toBe(0x00050014);
  });

  it("delivers a fixed IPI by physical destination, and EOI retires it", () => {
    const { w, r, lapics, apicBus } = setup(4);
    w(0, 0x310, 2 << 24);
    w(0, 0x300, 0x40); // fixed, vector 0x40
    expect(lapics[2]!.hasPending()).toBe(true);
    expect(lapics[1]!.hasPending()).toBe(false);
    expect(lapics[2]!.acknowledge()).toBe(0x40);
    expect(r(2, 0x100 + 0x20) & 1).toBe(1); // ISR bit 0x40 = word 2 bit 0
    w(2, 0xb0, 0);
    expect(r(2, 0x100 + 0x20)).toBe(0);
    expect(apicBus.ipiCounts[0]![2]).toBe(1);
    expect(r(0, 0x300) & (1 << 12)).toBe(0); // delivery status idle
  });

  it("honours the all-excluding-self shorthand and logical flat destinations", () => {
    const { w, lapics, apicBus } = setup(4);
    w(1, 0x300, 0x000c0050); // all excluding self, vector 0x50
    expect(lapics.map((l) => l.hasPending())).toEqual([true, false, true, true]);
    for (let i = 0; i < 4; i++) w(i, 0xd0, (1 << i) << 24);
    w(0, 0x310, 0x0a << 24);
    w(0, 0x300, 0x860); // logical, vector 0x60
    expect(apicBus.ipiCounts[0]).toEqual([0, 1, 0, 1]);
  });

  it("sends INIT and SIPI to the CPU pins, and ignores INIT level de-assert", () => {
    const { w, pins } = setup(2);
    w(0, 0x310, 1 << 24);
    w(0, 0x300, 0x0000c500); // INIT assert, level
    w(0, 0x300, 0x00008500); // INIT de-assert
    w(0, 0x300, 0x00000608); // SIPI vector 8
    expect(pins[1]!.events).toEqual(["init", "sipi 0x8"]);
  });

  it("blocks a vector whose class is not above the task priority", () => {
    const { w, lapics } = setup(1);
    w(0, 0x80, 0x50);
    lapics[0]!.acceptVector(0x45, false);
    expect(lapics[0]!.hasPending()).toBe(false);
    w(0, 0x80, 0x30);
    expect(lapics[0]!.hasPending()).toBe(true);
  });

  it("flags an illegal IPI vector in ESR after the write-to-latch", () => {
    const { w, r } = setup(1);
    w(0, 0x300, 0x00040005); // self, vector 5
    w(0, 0x280, 0);
    expect(r(0, 0x280)).toBe(0x20);
  });

  it("counts the timer down at 1 GHz / divisor and fires one-shot once", () => {
    const { w, r, lapics, clock } = setup(1);
    w(0, 0x3e0, 0x3); // divide by 16
    w(0, 0x320, 0x30); // one-shot, vector 0x30
    w(0, 0x380, 1000);
    clock.advanceTo(16 * 400);
    expect(r(0, 0x390)).toBe(600);
    expect(clock.nextEventTime()).toBe(16000);
    clock.advanceTo(16000);
    clock.runDue();
    expect(lapics[0]!.acknowledge()).toBe(0x30);
    expect(r(0, 0x390)).toBe(0);
    expect(clock.nextEventTime()).toBeUndefined();
  });

  it("reloads the timer in periodic mode", () => {
    const { w, r, lapics, clock } = setup(1);
    w(0, 0x3e0, 0xb); // divide by 1
    w(0, 0x320, 0x20031); // periodic vector 0x31
    w(0, 0x380, 500);
    let fired = 0;
    for (let t = 100; t <= 2600; t += 100) {
      clock.advanceTo(t);
      clock.runDue();
      if (lapics[0]!.hasPending()) {
        lapics[0]!.acknowledge();
        w(0, 0xb0, 0);
        fired++;
      }
    }
    expect(fired).toBe(5);
    expect(r(0, 0x390)).toBe(400);
  });

  it("matches logical destinations in the cluster model", () => {
    const { w, apicBus } = setup(4);
    for (let i = 0; i < 4; i++) {
      w(i, 0xe0, 0x0fffffff); // cluster model
      w(i, 0xd0, ((i < 2 ? 0x10 : 0x20) | (1 << (i % 2))) << 24); // clusters 1 and 2, members bit 0/1
    }
    w(0, 0x310, 0x23 << 24);
    w(0, 0x300, 0x870); // logical, cluster 2, members 0 and 1
    expect(apicBus.ipiCounts[0]).toEqual([0, 0, 1, 1]);
  });

  it("gives a lowest-priority interrupt to the CPU with the lowest task priority", () => {
    const { w, apicBus, lapics } = setup(3);
    for (let i = 0; i < 3; i++) w(i, 0xd0, 0xff000000);
    w(0, 0x80, 0x40);
    w(1, 0x80, 0x20);
    w(2, 0x80, 0x30);
    w(0, 0x310, 0xff000000);
    w(0, 0x300, 0x981); // lowest priority, logical, vector 0x81
    expect(apicBus.ipiCounts[0]).toEqual([0, 1, 0]);
    expect(lapics[1]!.acknowledge()).toBe(0x81);
  });

  it("delivers NMI IPIs to the NMI pin", () => {
    const { w, pins } = setup(2);
    w(0, 0x310, 1 << 24);
    w(0, 0x300, 0x400);
    expect(pins[1]!.events).toEqual(["nmi"]);
  });

  it("hands the 8259's vector to the CPU through LINT0 in ExtINT mode, and not when LINT0 is masked", () => {
    const { lapics } = setup(1);
    let pending = true;
    lapics[0]!.extInt = { hasInterrupt: () => pending, acknowledge: () => ((pending = false), 0x20) };
    expect(lapics[0]!.hasPending()).toBe(false); // LINT0 masked after reset
    lapics[0]!.writeRegister(0x350, 0x700);
    expect(lapics[0]!.hasPending()).toBe(true);
    expect(lapics[0]!.acknowledge()).toBe(0x20);
    expect(lapics[0]!.hasPending()).toBe(false);
  });

  it("keeps every LVT masked while the APIC is software-disabled", () => {
    const { w, r } = setup(1);
    w(0, 0xf0, 0xff); // software-disable
    w(0, 0x320, 0x20030);
    expect(r(0, 0x320) & (1 << 16)).not.toBe(0);
    w(0, 0xf0, 0x1ff);
    w(0, 0x320, 0x20030);
    expect(r(0, 0x320)).toBe(0x20030);
  });

  it("keeps the current count continuous when the divider changes", () => {
    const { w, r, clock } = setup(1);
    w(0, 0x3e0, 0xb); // divide by 1
    w(0, 0x380, 10_000);
    clock.advanceTo(4_000);
    expect(r(0, 0x390)).toBe(6_000);
    w(0, 0x3e0, 0x0); // divide by 2
    clock.advanceTo(6_000);
    expect(r(0, 0x390)).toBe(5_000);
  });
});
