// QEMU's firmware configuration device, port interface (QEMU docs/specs/fw_cfg.txt):
//   0x510 (16-bit write) selector     0x511 (8-bit read) data, auto-incrementing offset
// Items kept: 0x0000 signature "QEMU", 0x0001 ID (1 = traditional interface only),
// 0x0003 RAM size (64-bit LE), 0x0005 CPU count (16-bit LE), 0x000F max CPUs (16-bit LE),
// 0x0019 file directory (big-endian count 0: no files).

import type { AccessSize, Bus, PortHandler } from "../bus/bus.ts";

export const FW_CFG_SIGNATURE = 0x0000;
export const FW_CFG_ID = 0x0001;
export const FW_CFG_RAM_SIZE = 0x0003;
export const FW_CFG_NB_CPUS = 0x0005;
export const FW_CFG_MAX_CPUS = 0x000f;
export const FW_CFG_FILE_DIR = 0x0019;

export class FwCfg implements PortHandler {
  private readonly items = new Map<number, Uint8Array>();
  private selected = 0;
  private offset = 0;

  constructor(bus: Bus, opts: { ramBytes: number; cpus: number }) {
    const ram = new Uint8Array(8);
    new DataView(ram.buffer).setBigUint64(0, BigInt(opts.ramBytes), true);
    this.items.set(FW_CFG_SIGNATURE, new TextEncoder().encode("QEMU"));
    this.items.set(FW_CFG_ID, new Uint8Array([1, 0, 0, 0]));
    this.items.set(FW_CFG_RAM_SIZE, ram);
    this.items.set(FW_CFG_NB_CPUS, new Uint8Array([opts.cpus & 0xff, opts.cpus >> 8]));
    this.items.set(FW_CFG_MAX_CPUS, new Uint8Array([opts.cpus & 0xff, opts.cpus >> 8]));
    this.items.set(FW_CFG_FILE_DIR, new Uint8Array(4));
    bus.claimPorts(0x510, 2, "fw_cfg", this);
  }

  read(port: number, size: AccessSize): number {
    if (port !== 0x511) return 0;
    const item = this.items.get(this.selected);
    let v = 0;
    // Wider reads of the data port return consecutive bytes, lowest first.
    for (let i = 0; i < size; i++) {
      const b = item !== undefined && this.offset < item.length ? item[this.offset]! : 0;
      this.offset++;
      v |= b << (8 * i);
    }
    return v >>> 0;
  }

  write(port: number, _size: AccessSize, value: number): void {
    if (port === 0x510) {
      this.selected = value & 0xffff;
      this.offset = 0;
    }
  }
}
