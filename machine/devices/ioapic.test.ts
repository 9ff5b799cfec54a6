import { describe, expect, it } from "vitest";
import { VirtualClock } from "../clock.ts";
import { ApicBus } from "./apic-bus.ts";
import { IoApic } from "./ioapic.ts";
import { Lapic } from "./lapic.ts";
import { RecordingPins } from "./test-support.ts";

function setup() {
  const apicBus = new ApicBus();
  const clock = new VirtualClock();
  const lapics = [0, 1].map((i) => new Lapic(i, apicBus, clock, new RecordingPins()));
  for (const l of lapics) l.writeRegister(0xf0, 0x1ff);
  const io = new IoApic(apicBus);
  const sel = (i: number, v: number) => (io.write(0, 4, i), io.write(0x10, 4, v));
  const get = (i: number) => (io.write(0, 4, i), io.read(0x10, 4));
  return { io, lapics, sel, get };
}

describe("ioapic", () => {
  it("reports QEMU's version and starts with every pin masked", () => {
    const { get } = setup();
    expect(get(1)).toBe(0x00170020);
    expect(get(0x10 + 2 * 4) & (1 << 16)).not.toBe(0);
  });

  it("routes an edge on an unmasked pin to the destination LAPIC", () => {
    const { io, lapics, sel } = setup();
    sel(0x11 + 2 * 4, 1 << 24);
    sel(0x10 + 2 * 4, 0x24);
    io.setIrq(4, true);
    io.setIrq(4, false);
    expect(lapics[1]!.hasPending()).toBe(true);
    expect(lapics[1]!.acknowledge()).toBe(0x24);
    expect(lapics[0]!.hasPending()).toBe(false);
  });

  it("holds an edge that arrives while masked until the pin is unmasked", () => {
    const { io, lapics, sel } = setup();
    sel(0x10 + 2 * 3, 0x10023);
    io.setIrq(3, true);
    expect(lapics[0]!.hasPending()).toBe(false);
    sel(0x10 + 2 * 3, 0x23);
    expect(lapics[0]!.acknowledge()).toBe(0x23);
  });

  it("re-delivers a still-asserted level interrupt after EOI, and sets remote IRR", () => {
    const { io, lapics, sel, get } = setup();
    sel(0x10 + 2 * 9, 0x8039); // level, vector 0x39
    io.setIrq(9, true);
    expect(get(0x10 + 2 * 9) & (1 << 14)).not.toBe(0);
    expect(lapics[0]!.acknowledge()).toBe(0x39);
    lapics[0]!.writeRegister(0xb0, 0);
    expect(io.deliveries[9]).toBe(2);
    expect(lapics[0]!.acknowledge()).toBe(0x39);
    io.setIrq(9, false);
    lapics[0]!.writeRegister(0xb0, 0);
    expect(get(0x10 + 2 * 9) & (1 << 14)).toBe(0);
    expect(io.deliveries[9]).toBe(2);
  });

  it("passes an ExtINT pin through to the 8259's vector", () => {
    const { io, lapics, sel } = setup();
    let pending = false;
    lapics[0]!.extInt = { hasInterrupt: () => pending, acknowledge: () => ((pending = false), 0x30) };
    sel(0x10, 0x700); // pin 0: ExtINT, physical dest 0
    pending = true;
    io.setIrq(0, true);
    expect(lapics[0]!.hasPending()).toBe(true);
    expect(lapics[0]!.acknowledge()).toBe(0x30);
    expect(lapics[0]!.hasPending()).toBe(false);
  });

  it("clears Remote IRR through the version-0x20 EOI register", () => {
    const { io, sel, get } = setup();
    sel(0x10 + 2 * 10, 0x8045); // level, vector 0x45
    io.setIrq(10, true);
    expect(get(0x10 + 2 * 10) & (1 << 14)).not.toBe(0);
    io.setIrq(10, false);
    io.write(0x40, 4, 0x45);
    expect(get(0x10 + 2 * 10) & (1 << 14)).toBe(0);
  });
});
