// The interpreter's flat memory: one ArrayBuffer holding globals (from 1 MiB, where a bare
// image is loaded too), and the stack frames' slots (growing down from the top).
// Addresses below 4 KiB trap, so a null dereference is reported instead of read.
import { KbcTrap } from "./trap.ts";

export const NULL_GUARD = 0x1000;
export const GLOBALS_BASE = 0x100000;

export class FlatMemory {
  readonly bytes: Uint8Array;
  readonly view: DataView;

  constructor(readonly size: number) {
    this.bytes = new Uint8Array(size);
    this.view = new DataView(this.bytes.buffer);
  }

  check(addr: number, width: number): number {
    addr >>>= 0;
    if (addr < NULL_GUARD || addr + width > this.size) {
      throw new KbcTrap(addr < NULL_GUARD ? `memory access at 0x${addr.toString(16)} (a null pointer?)` : `memory access at 0x${addr.toString(16)} is outside the interpreter's ${this.size >> 20} MiB`);
    }
    return addr;
  }

  /** A 32-bit load, extended to an int32-normalized number. */
  load32(addr: number, width: 1 | 2 | 4, signed: boolean): number {
    const a = this.check(addr, width);
    switch (width) {
      case 1: return signed ? this.view.getInt8(a) : this.view.getUint8(a);
      case 2: return signed ? this.view.getInt16(a, true) : this.view.getUint16(a, true);
      case 4: return this.view.getInt32(a, true);
    }
  }

  store32(addr: number, width: 1 | 2 | 4, value: number): void {
    const a = this.check(addr, width);
    if (width === 1) this.view.setUint8(a, value & 0xff);
    else if (width === 2) this.view.setUint16(a, value & 0xffff, true);
    else this.view.setInt32(a, value | 0, true);
  }

  load64(addr: number): bigint {
    return this.view.getBigInt64(this.check(addr, 8), true);
  }

  store64(addr: number, value: bigint): void {
    this.view.setBigInt64(this.check(addr, 8), BigInt.asIntN(64, value), true);
  }

  /** The NUL-terminated string at `addr`, as bytes. */
  cString(addr: number): Uint8Array {
    const start = this.check(addr, 1);
    let end = start;
    while (end < this.size && this.bytes[end] !== 0) end++;
    if (end >= this.size) throw new KbcTrap(`string at 0x${start.toString(16)} has no terminating NUL`);
    return this.bytes.subarray(start, end);
  }
}
