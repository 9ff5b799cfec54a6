import { describe, expect, it } from "vitest";
import { Bus } from "../bus/bus.ts";
import { VirtualClock } from "../clock.ts";
import { DebugExit } from "./debug-exit.ts";
import { FwCfg } from "./fw-cfg.ts";
import { PciFunction, PciHostBridge } from "./pci.ts";
import { Rtc } from "./rtc.ts";

describe("debug-exit", () => {
  it("exits with (v << 1) | 1 as QEMU does", () => {
    const bus = new Bus(4096);
    const dev = new DebugExit(bus);
    const got: number[] = [];
    dev.onExit = (s) => void got.push(s);
    bus.writePort(0xf4, 1, 0x10);
    bus.writePort(0xf4, 4, 0);
    expect(got).toEqual([0x21, 1]);
  });
});

describe("fw_cfg", () => {
  it("gives the signature, CPU count and RAM size", () => {
    const bus = new Bus(4096);
    new FwCfg(bus, { ramBytes: 128 << 20, cpus: 4 });
    const item = (key: number, n: number) => {
      bus.writePort(0x510, 2, key);
      return Array.from({ length: n }, () => bus.readPort(0x511, 1));
    };
    expect(String.fromCharCode(...item(0, 4))).toBe("QEMU");
    expect(item(5, 2)).toEqual([4, 0]);
    expect(item(3, 8)).toEqual([0, 0, 0, 8, 0, 0, 0, 0]);
  });
});

describe("rtc", () => {
  it("shows the configured time in BCD, advancing with the virtual clock", () => {
    const bus = new Bus(4096);
    const clock = new VirtualClock();
    new Rtc(bus, clock, () => {}, { epochSeconds: Date.UTC(2026, 10, 23, 12, 34, 56) / 1000, ramBytes: 128 << 20, cpus: 2 });
    const reg = (r: number) => (bus.writePort(0x70, 1, r), bus.readPort(0x71, 1));
    expect([reg(4), reg(2), reg(0)]).toEqual([0x12, 0x34, 0x56]);
    expect([reg(7), reg(8), reg(9), reg(0x32)]).toEqual([0x23, 0x11, 0x26, 0x20]);
    clock.advanceTo(5e9);
    expect(reg(0)).toBe(0x01);
    expect(reg(2)).toBe(0x35);
    expect(reg(0x5f)).toBe(1);
    expect(reg(0x34) | (reg(0x35) << 8)).toBe((112 << 20) >> 16);
  });
});

describe("pci", () => {
  const cfg = (bus: Bus, dev: number, reg: number) => {
    bus.writePort(0xcf8, 4, (0x80000000 | (dev << 11) | reg) >>> 0);
    return bus.readPort(0xcfc, 4);
  };
  const cfgw = (bus: Bus, dev: number, reg: number, v: number) => {
    bus.writePort(0xcf8, 4, (0x80000000 | (dev << 11) | reg) >>> 0);
    bus.writePort(0xcfc, 4, v);
  };

  it("shows QEMU's i440FX host bridge and PIIX3, and all-ones for empty slots", () => {
    const bus = new Bus(4096);
    new PciHostBridge(bus);
    expect(cfg(bus, 0, 0)).toBe(0x12378086);
    expect(cfg(bus, 1, 0)).toBe(0x70008086);
    expect(cfg(bus, 1, 8) >>> 8).toBe(0x060100);
    expect(cfg(bus, 7, 0)).toBe(0xffffffff);
  });

  it("sizes and maps a memory BAR", () => {
    const bus = new Bus(4096);
    const host = new PciHostBridge(bus);
    let reads = 0;
    host.attach(3, 0, new PciFunction({ vendorId: 0x8086, deviceId: 0x100e, classCode: 0x020000, bars: [{ kind: "memory", size: 0x20000, mmio: { read: () => (reads++, 0x1234), write: () => {} } }] }), "nic");
    cfgw(bus, 3, 0x10, 0xffffffff);
    expect(cfg(bus, 3, 0x10)).toBe(0xfffe0000);
    cfgw(bus, 3, 0x10, 0xfeb00000);
    expect(bus.read(0xfeb00010, 4)).toBe(0xffffffff); // memory decoding still off
    cfgw(bus, 3, 0x04, 0x2);
    expect(bus.read(0xfeb00010, 4)).toBe(0x1234);
    expect(reads).toBe(1);
  });

  it("leaves a BAR programmed over another device's window unmapped, logging a guest error", () => {
    const bus = new Bus(4096);
    bus.claimMmio(0xfee00000, 0x1000, "lapic", { read: () => 0x11, write: () => {} });
    const logs: string[] = [];
    const host = new PciHostBridge(bus, (c, t) => void logs.push(`${c}: ${t}`));
    host.attach(3, 0, new PciFunction({ vendorId: 0x8086, deviceId: 0x100e, classCode: 0x020000, bars: [{ kind: "memory", size: 0x20000, mmio: { read: () => 0x22, write: () => {} } }] }), "nic");
    cfgw(bus, 3, 0x10, 0xfee00000);
    cfgw(bus, 3, 0x04, 0x2);
    expect(bus.read(0xfee00000, 4)).toBe(0x11);
    expect(logs.join("\n")).toMatch(/^guest_errors: pci nic: BAR0 at 0xfee00000 not mapped/);
  });
});
