// PCI host bridge, configuration mechanism #1 (PCI Local Bus Specification 3.0, §3.2.2.3.2),
// with the i440FX host bridge (00:00.0, 8086:1237) and PIIX3 ISA bridge (00:01.0, 8086:7000)
// QEMU's `pc` machine shows. Devices (e1000, disk) register a PciFunction with BARs; BAR
// sizing works as on hardware: write all-ones, read back the size mask.
//
// Ports:
//   0xCF8 CONFIG_ADDRESS (32-bit): bit 31 enable, 16-23 bus, 11-15 device, 8-10 function,
//         2-7 register (dword index)
//   0xCFC-0xCFF CONFIG_DATA: the addressed dword, any width at any byte offset
// Configuration header (type 0) fields used here:
//   0x00 vendor 0x02 device 0x04 command (bit 0 I/O, 1 memory) 0x06 status 0x08 revision
//   0x09 prog-if 0x0A subclass 0x0B class 0x0E header type (bit 7 multi-function)
//   0x10-0x24 BAR0-5 (bit 0: 1 = I/O; memory BARs bits 1-2 type, 3 prefetchable)
//   0x2C subsystem vendor 0x2E subsystem 0x3C interrupt line 0x3D interrupt pin

import type { AccessSize, Bus, MmioHandler, PortHandler } from "../bus/bus.ts";

export interface PciBar {
  kind: "memory" | "io";
  /** Size in bytes, a power of two (memory at least 16, I/O at least 4). */
  size: number;
  /** Memory BARs: claim this MMIO handler at the programmed address while memory decoding is on. */
  mmio?: MmioHandler;
  /** Told the new base when decoding starts or the BAR moves; undefined when unmapped. */
  onMap?: (base: number | undefined) => void;
}

export interface PciFunctionInfo {
  vendorId: number;
  deviceId: number;
  classCode: number; // class << 16 | subclass << 8 | prog-if
  revision?: number;
  headerType?: number;
  subsystemVendorId?: number;
  subsystemId?: number;
  interruptPin?: number; // 1 = INTA#
  interruptLine?: number;
  bars?: (PciBar | undefined)[];
}

export class PciFunction {
  readonly config = new Uint8Array(256);
  readonly bars: (PciBar | undefined)[];
  private readonly mapped: (number | undefined)[] = [];
  private readonly view = new DataView(this.config.buffer);
  name = "";
  log: (category: string, text: string) => void = () => {};

  constructor(info: PciFunctionInfo) {
    const v = this.view;
    v.setUint16(0x00, info.vendorId, true);
    v.setUint16(0x02, info.deviceId, true);
    v.setUint8(0x08, info.revision ?? 0);
    v.setUint8(0x09, info.classCode & 0xff);
    v.setUint16(0x0a, info.classCode >>> 8, true);
    v.setUint8(0x0e, info.headerType ?? 0);
    v.setUint16(0x2c, info.subsystemVendorId ?? 0x1af4, true);
    v.setUint16(0x2e, info.subsystemId ?? 0x1100, true);
    v.setUint8(0x3c, info.interruptLine ?? 0);
    v.setUint8(0x3d, info.interruptPin ?? 0);
    this.bars = info.bars ?? [];
    for (let i = 0; i < this.bars.length; i++) {
      const bar = this.bars[i];
      if (bar !== undefined) v.setUint32(0x10 + 4 * i, bar.kind === "io" ? 1 : 0, true);
    }
  }

  readDword(reg: number): number {
    return this.view.getUint32(reg & 0xfc, true);
  }

  /** Write `size` bytes at config offset `offset`, honouring read-only fields. */
  write(offset: number, size: AccessSize, value: number, bus: Bus): void {
    const dwordReg = offset & 0xfc;
    const old = this.readDword(dwordReg);
    const shift = (offset & 3) * 8;
    const mask = (size === 4 ? 0xffffffff : ((1 << (size * 8)) - 1) << shift) >>> 0;
    let merged = ((old & ~mask) | ((value << shift) & mask)) >>> 0;
    if (dwordReg === 0x04) {
      // command (low half) is writable in its low bits; status bits are write-one-to-clear
      const writtenStatus = (((value << shift) & mask) >>> 16) & 0xf900;
      const status = (old >>> 16) & ~writtenStatus;
      this.view.setUint32(0x04, ((status << 16) | (merged & 0x0547)) >>> 0, true);
      this.updateMappings(bus);
      return;
    }
    if (dwordReg >= 0x10 && dwordReg <= 0x24) {
      const i = (dwordReg - 0x10) >> 2;
      const bar = this.bars[i];
      if (bar === undefined) return; // unimplemented BAR: hardwired to zero
      const flags = bar.kind === "io" ? 1 : 0;
      const addrMask = (~(bar.size - 1) & (bar.kind === "io" ? 0xfffffffc : 0xfffffff0)) >>> 0;
      this.view.setUint32(dwordReg, ((merged & addrMask) | flags) >>> 0, true);
      this.updateMappings(bus);
      return;
    }
    if (dwordReg === 0x3c) {
      this.config[0x3c] = merged & 0xff; // interrupt line only
      return;
    }
    if (dwordReg === 0x0c) {
      this.config[0x0c] = merged & 0xff; // cache line size
      this.config[0x0d] = (merged >> 8) & 0xff; // latency timer
      return;
    }
  }

  private updateMappings(bus: Bus): void {
    const command = this.config[0x04]!;
    for (let i = 0; i < this.bars.length; i++) {
      const bar = this.bars[i];
      if (bar === undefined) continue;
      const raw = this.readDword(0x10 + 4 * i);
      const base = bar.kind === "io" ? raw & 0xfffffffc : (raw & 0xfffffff0) >>> 0;
      const enabled = bar.kind === "io" ? (command & 1) !== 0 : (command & 2) !== 0;
      // A BAR left at 0 or at the all-ones sizing pattern is not a real address.
      const want = enabled && base !== 0 && base !== ((~(bar.size - 1)) & (bar.kind === "io" ? 0xfffffffc : 0xfffffff0)) >>> 0 ? base : undefined;
      if (want === this.mapped[i]) continue;
      if (this.mapped[i] !== undefined && bar.mmio !== undefined) bus.releaseMmio(this.mapped[i]!);
      let placed = want;
      if (want !== undefined && bar.mmio !== undefined) {
        try {
          bus.claimMmio(want, bar.size, `${this.name} BAR${i}`, bar.mmio);
        } catch (e) {
          // The guest put the BAR over another device's window: leave it undecoded, as a
          // conflicting decode would be on real hardware undefined — never a host error.
          this.log("guest_errors", `pci ${this.name}: BAR${i} at 0x${want.toString(16)} not mapped: ${(e as Error).message}`);
          placed = undefined;
        }
      }
      this.mapped[i] = placed;
      bar.onMap?.(placed);
    }
  }
}

export class PciHostBridge implements PortHandler {
  private address = 0;
  private readonly functions = new Map<number, PciFunction>();

  constructor(
    private readonly bus: Bus,
    private readonly log: (category: string, text: string) => void = () => {},
  ) {
    bus.claimPorts(0xcf8, 8, "pci-host", this);
    this.attach(0, 0, new PciFunction({ vendorId: 0x8086, deviceId: 0x1237, classCode: 0x060000, revision: 2 }), "i440fx");
    this.attach(1, 0, new PciFunction({ vendorId: 0x8086, deviceId: 0x7000, classCode: 0x060100, headerType: 0x80 }), "piix3");
  }

  /** Put a function at bus 0, `device`.`fn`. */
  attach(device: number, fn: number, f: PciFunction, name: string): void {
    f.name = name;
    f.log = this.log;
    this.functions.set((device << 3) | fn, f);
  }

  private selected(): PciFunction | undefined {
    if ((this.address & 0x80000000) === 0) return undefined;
    if (((this.address >> 16) & 0xff) !== 0) return undefined; // only bus 0 exists
    return this.functions.get((this.address >> 8) & 0xff);
  }

  read(port: number, size: AccessSize): number {
    if (port >= 0xcf8 && port < 0xcfc) {
      return size === 4 && port === 0xcf8 ? this.address : 0xffffffff >>> (32 - 8 * size);
    }
    const f = this.selected();
    const allOnes = 0xffffffff >>> (32 - 8 * size);
    if (f === undefined) return allOnes;
    const offset = (this.address & 0xfc) | (port & 3);
    const v = f.readDword(offset) >>> ((offset & 3) * 8);
    return (v & allOnes) >>> 0;
  }

  write(port: number, size: AccessSize, value: number): void {
    if (port === 0xcf8 && size === 4) {
      this.address = (value & 0x80fffffc) >>> 0;
      return;
    }
    if (port < 0xcfc) return;
    const f = this.selected();
    if (f === undefined) return;
    f.write((this.address & 0xfc) | (port & 3), size, value, this.bus);
  }
}
