import { describe, expect, it } from "vitest";
import { Bus, type AccessSize } from "./bus.ts";

describe("bus", () => {
  it("reads back little-endian RAM at every width", () => {
    const bus = new Bus(64 * 1024);
    bus.write(0x100, 4, 0x11223344);
    expect(bus.read(0x100, 1)).toBe(0x44);
    expect(bus.read(0x101, 2)).toBe(0x2233);
    expect(bus.read(0x100, 4)).toBe(0x11223344);
    bus.write(0x200, 4, 0xdeadbeef);
    expect(bus.read(0x200, 4)).toBe(0xdeadbeef);
  });

  it("reads all-ones from unclaimed ports and beyond RAM", () => {
    const bus = new Bus(4096);
    expect(bus.readPort(0x1234, 1)).toBe(0xff);
    expect(bus.readPort(0x1234, 2)).toBe(0xffff);
    expect(bus.readPort(0x1234, 4)).toBe(0xffffffff);
    expect(bus.read(0x100000, 4)).toBe(0xffffffff);
  });

  it("dispatches ports and MMIO to their claimants, with the accessing CPU", () => {
    const bus = new Bus(4096);
    const seen: string[] = [];
    bus.claimPorts(0x3f8, 8, "uart", {
      read: (port, size) => (seen.push(`in ${port.toString(16)}/${size}`), 0x5a),
      write: (port, size, v) => void seen.push(`out ${port.toString(16)}/${size}=${v.toString(16)}`),
    });
    bus.claimMmio(0xfee00000, 0x1000, "lapic", {
      read: (off, _size: AccessSize, cpu) => off + cpu,
      write: (off, _size, v, cpu) => void seen.push(`mmio ${off.toString(16)}=${v.toString(16)} cpu${cpu}`),
    });
    expect(bus.readPort(0x3fd, 1)).toBe(0x5a);
    bus.writePort(0x3f8, 1, 0x41);
    expect(bus.read(0xfee00020, 4, 3)).toBe(0x23);
    bus.write(0xfee000b0, 4, 0, 2);
    expect(seen).toEqual(["in 3fd/1", "out 3f8/1=41", "mmio b0=0 cpu2"]);
  });

  it("refuses overlapping claims, naming the owner", () => {
    const bus = new Bus(4096);
    const h = { read: () => 0, write: () => {} };
    bus.claimPorts(0x60, 1, "kbd", h);
    expect(() => bus.claimPorts(0x60, 1, "other", h)).toThrow(/already claimed by kbd/);
    bus.claimMmio(0xfec00000, 0x20, "ioapic", h);
    expect(() => bus.claimMmio(0xfec00010, 0x10, "x", h)).toThrow(/overlaps ioapic/);
  });

  it("tells listeners about RAM written from outside a CPU", () => {
    const bus = new Bus(8192);
    const writes: [number, number][] = [];
    bus.ramWriteListeners.push((a, n) => writes.push([a, n]));
    bus.writeBytes(0x1000, new Uint8Array([1, 2, 3]));
    expect(writes).toEqual([[0x1000, 3]]);
    expect([...bus.readBytes(0x1000, 3)]).toEqual([1, 2, 3]);
  });
});
