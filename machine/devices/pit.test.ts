import { describe, expect, it } from "vitest";
import { Bus } from "../bus/bus.ts";
import { VirtualClock } from "../clock.ts";
import { Pit, PIT_HZ } from "./pit.ts";

function setup() {
  const bus = new Bus(4096);
  const clock = new VirtualClock();
  const edges: number[] = [];
  const pit = new Pit(bus, clock, (level) => void (level && edges.push(clock.now())));
  return { bus, clock, edges, pit };
}

describe("8254 pit", () => {
  it("raises IRQ0 at the programmed rate in mode 2", () => {
    const { bus, clock, edges } = setup();
    const divisor = 11932; // ~100 Hz
    bus.writePort(0x43, 1, 0x34);
    bus.writePort(0x40, 1, divisor & 0xff);
    bus.writePort(0x40, 1, divisor >> 8);
    for (let t = 0; t <= 1e9; t += 1e6) {
      clock.advanceTo(t);
      clock.runDue();
    }
    expect(edges.length).toBe(Math.floor(PIT_HZ / divisor));
    expect(Math.abs(edges[0]! - (divisor / PIT_HZ) * 1e9)).toBeLessThan(1e6 + 1);
  });

  it("counts channel 2 down in mode 0 and shows its output in port 0x61 bit 5", () => {
    const { bus, clock } = setup();
    bus.writePort(0x61, 1, 0x01); // gate on, speaker off
    bus.writePort(0x43, 1, 0xb0); // channel 2, lo/hi, mode 0
    bus.writePort(0x42, 1, 0xff);
    bus.writePort(0x42, 1, 0xff);
    expect(bus.readPort(0x61, 1) & 0x20).toBe(0);
    clock.advanceTo(10_000_000); // 10 ms = 11931 ticks
    bus.writePort(0x43, 1, 0x80); // latch channel 2
    const lo = bus.readPort(0x42, 1);
    const hi = bus.readPort(0x42, 1);
    expect(0xffff - ((hi << 8) | lo)).toBe(11931);
    clock.advanceTo(60_000_000);
    expect(bus.readPort(0x61, 1) & 0x20).toBe(0x20);
  });

  it("freezes mode 0 while the gate is low", () => {
    const { bus, clock } = setup();
    bus.writePort(0x43, 1, 0xb0);
    bus.writePort(0x42, 1, 0x00);
    bus.writePort(0x42, 1, 0x10); // 4096, gate still low
    clock.advanceTo(5_000_000);
    bus.writePort(0x43, 1, 0x80);
    const v = bus.readPort(0x42, 1) | (bus.readPort(0x42, 1) << 8);
    expect(v).toBe(0x1000);
  });
});
