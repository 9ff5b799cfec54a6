// The physical address space and the 64K I/O port space that every CPU and device shares.
//
// RAM is one Uint8Array starting at physical 0. Devices claim MMIO ranges and port ranges
// when they are constructed; an access nobody claimed reads all-ones and ignores writes, as
// on a PC with nothing decoding the address. MMIO handlers receive the id of the CPU that
// made the access, because the LAPIC shows each CPU its own registers at one address.

export type PhysAddr = number;
export type AccessSize = 1 | 2 | 4;

/** A device's register window in physical memory. `offset` is relative to the claimed base. */
export interface MmioHandler {
  read(offset: number, size: AccessSize, cpuId: number): number;
  write(offset: number, size: AccessSize, value: number, cpuId: number): void;
}

/** A device's I/O ports. `port` is the absolute port number. */
export interface PortHandler {
  read(port: number, size: AccessSize): number;
  write(port: number, size: AccessSize, value: number): void;
}

interface MmioRegion {
  base: PhysAddr;
  end: PhysAddr; // exclusive
  name: string;
  handler: MmioHandler;
}

const ALL_ONES: Record<AccessSize, number> = { 1: 0xff, 2: 0xffff, 4: 0xffffffff };

export class Bus {
  readonly ram: Uint8Array;
  private readonly portHandlers: (PortHandler | undefined)[] = new Array(0x10000);
  private readonly portNames: (string | undefined)[] = new Array(0x10000);
  private mmio: MmioRegion[] = [];
  /**
   * Called after anything other than a CPU store writes RAM (DMA, firmware, debugger), with
   * the physical range written, so decoded-instruction caches can drop what they hold there.
   */
  readonly ramWriteListeners: ((addr: PhysAddr, length: number) => void)[] = [];

  constructor(ramBytes: number) {
    if (ramBytes <= 0 || ramBytes > 0xf0000000 || ramBytes % 4096 !== 0) {
      throw new RangeError(`RAM size ${ramBytes} must be a positive multiple of 4096 below 3.75 GiB`);
    }
    this.ram = new Uint8Array(ramBytes);
  }

  get ramSize(): number {
    return this.ram.length;
  }

  // ---- claiming -------------------------------------------------------------------------

  claimPorts(base: number, count: number, name: string, handler: PortHandler): void {
    for (let p = base; p < base + count; p++) {
      if (p < 0 || p > 0xffff) throw new RangeError(`${name}: port ${p.toString(16)} out of range`);
      const owner = this.portNames[p];
      if (owner !== undefined) {
        throw new Error(`${name}: port 0x${p.toString(16)} is already claimed by ${owner}`);
      }
      this.portHandlers[p] = handler;
      this.portNames[p] = name;
    }
  }

  claimMmio(base: PhysAddr, length: number, name: string, handler: MmioHandler): void {
    const end = base + length;
    for (const r of this.mmio) {
      if (base < r.end && r.base < end) {
        throw new Error(`${name}: MMIO 0x${base.toString(16)}+0x${length.toString(16)} overlaps ${r.name}`);
      }
    }
    this.mmio.push({ base, end, name, handler });
    this.mmio.sort((a, b) => a.base - b.base);
  }

  /** Remove an MMIO claim (PCI BAR moves). */
  releaseMmio(base: PhysAddr): void {
    this.mmio = this.mmio.filter((r) => r.base !== base);
  }

  // ---- ports ----------------------------------------------------------------------------

  readPort(port: number, size: AccessSize): number {
    const h = this.portHandlers[port & 0xffff];
    return h === undefined ? ALL_ONES[size] : h.read(port & 0xffff, size) >>> 0;
  }

  writePort(port: number, size: AccessSize, value: number): void {
    const h = this.portHandlers[port & 0xffff];
    if (h !== undefined) h.write(port & 0xffff, size, value);
  }

  // ---- physical memory ------------------------------------------------------------------

  /** The MMIO region covering `addr`, if any. RAM below the region list is the fast case. */
  findMmio(addr: PhysAddr): MmioRegion | undefined {
    for (const r of this.mmio) {
      if (addr < r.base) return undefined;
      if (addr < r.end) return r;
    }
    return undefined;
  }

  /** True when `addr` is plain RAM (not covered by MMIO and below the end of RAM). */
  isRam(addr: PhysAddr): boolean {
    return addr >= 0 && addr < this.ram.length && this.findMmio(addr) === undefined;
  }

  read(addr: PhysAddr, size: AccessSize, cpuId = 0): number {
    addr >>>= 0;
    const r = this.findMmio(addr);
    if (r !== undefined) return r.handler.read(addr - r.base, size, cpuId) >>> 0;
    const ram = this.ram;
    if (addr + size <= ram.length) {
      if (size === 1) return ram[addr]!;
      if (size === 2) return ram[addr]! | (ram[addr + 1]! << 8);
      return (ram[addr]! | (ram[addr + 1]! << 8) | (ram[addr + 2]! << 16) | (ram[addr + 3]! << 24)) >>> 0;
    }
    return ALL_ONES[size];
  }

  write(addr: PhysAddr, size: AccessSize, value: number, cpuId = 0): void {
    addr >>>= 0;
    const r = this.findMmio(addr);
    if (r !== undefined) {
      r.handler.write(addr - r.base, size, value >>> 0, cpuId);
      return;
    }
    const ram = this.ram;
    if (addr + size <= ram.length) {
      ram[addr] = value;
      if (size >= 2) ram[addr + 1] = value >>> 8;
      if (size === 4) {
        ram[addr + 2] = value >>> 16;
        ram[addr + 3] = value >>> 24;
      }
      this.notifyRamWrite(addr, size);
    }
  }

  /** Copy bytes into RAM (firmware loading, DMA). Bytes beyond the end of RAM are dropped. */
  writeBytes(addr: PhysAddr, bytes: Uint8Array): void {
    const n = Math.max(0, Math.min(bytes.length, this.ram.length - addr));
    this.ram.set(bytes.subarray(0, n), addr);
    if (n > 0) this.notifyRamWrite(addr, n);
  }

  /** Copy bytes out of RAM; bytes beyond the end of RAM read as 0xff. */
  readBytes(addr: PhysAddr, length: number): Uint8Array {
    const out = new Uint8Array(length).fill(0xff);
    const n = Math.max(0, Math.min(length, this.ram.length - addr));
    out.set(this.ram.subarray(addr, addr + n));
    return out;
  }

  private notifyRamWrite(addr: PhysAddr, length: number): void {
    for (const l of this.ramWriteListeners) l(addr, length);
  }
}
