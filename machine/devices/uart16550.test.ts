import { describe, expect, it } from "vitest";
import { Bus } from "../bus/bus.ts";
import { Uart16550 } from "./uart16550.ts";

function setup() {
  const bus = new Bus(4096);
  const levels: boolean[] = [];
  const uart = new Uart16550(bus, (l) => void levels.push(l));
  const out: number[] = [];
  uart.onOutput = (b) => void out.push(b);
  return { bus, uart, levels, out };
}

describe("16550 uart", () => {
  it("emits each THR write as an output byte", () => {
    const { bus, out } = setup();
    for (const c of "hi\n") bus.writePort(0x3f8, 1, c.charCodeAt(0));
    expect(String.fromCharCode(...out)).toBe("hi\n");
    expect(bus.readPort(0x3fd, 1) & 0x60).toBe(0x60);
  });

  it("raises IRQ4 for received data when enabled, and drops it once drained", () => {
    const { bus, uart, levels } = setup();
    bus.writePort(0x3f9, 1, 0x01);
    uart.receive([0x41, 0x42]);
    expect(levels).toEqual([true]);
    expect(bus.readPort(0x3fa, 1) & 0x0f).toBe(0x04);
    expect(bus.readPort(0x3fd, 1) & 1).toBe(1);
    expect(bus.readPort(0x3f8, 1)).toBe(0x41);
    expect(bus.readPort(0x3f8, 1)).toBe(0x42);
    expect(levels).toEqual([true, false]);
    expect(bus.readPort(0x3fa, 1)).toBe(0x01);
  });

  it("keeps input beyond the 16-byte FIFO in a backlog instead of overrunning", () => {
    const { bus, uart } = setup();
    bus.writePort(0x3fa, 1, 0xc7); // FIFO on, trigger 14
    uart.receive(new Uint8Array(40).map((_, i) => i));
    const got: number[] = [];
    while (bus.readPort(0x3fd, 1) & 1) got.push(bus.readPort(0x3f8, 1));
    expect(got).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it("reports THR empty in IIR after IER bit 1 is set, cleared by reading IIR", () => {
    const { bus } = setup();
    bus.writePort(0x3f9, 1, 0x02);
    expect(bus.readPort(0x3fa, 1) & 0x0f).toBe(0x02);
    expect(bus.readPort(0x3fa, 1) & 0x0f).toBe(0x01);
  });

  it("loops transmitted bytes back to the receiver in loopback mode", () => {
    const { bus, out } = setup();
    bus.writePort(0x3fc, 1, 0x10);
    bus.writePort(0x3f8, 1, 0x5a);
    expect(out).toEqual([]);
    expect(bus.readPort(0x3f8, 1)).toBe(0x5a);
  });
});
