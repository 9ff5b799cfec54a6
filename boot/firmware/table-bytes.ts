// A little-endian byte builder for firmware tables (ACPI, MP, Multiboot info), with the
// "all bytes sum to zero" checksum both ACPI and the MP spec use.

export class TableBytes {
  private bytes: number[] = [];

  get length(): number {
    return this.bytes.length;
  }

  u8(v: number): this {
    this.bytes.push(v & 0xff);
    return this;
  }
  u16(v: number): this {
    return this.u8(v).u8(v >>> 8);
  }
  u32(v: number): this {
    return this.u16(v & 0xffff).u16(v >>> 16);
  }
  u64(v: number): this {
    return this.u32(v >>> 0).u32(Math.floor(v / 0x100000000));
  }
  /** ASCII, padded with spaces (or cut) to exactly `width` bytes when a width is given. */
  ascii(s: string, width = s.length): this {
    for (let i = 0; i < width; i++) this.u8(i < s.length ? s.charCodeAt(i) : 0x20);
    return this;
  }
  set8(at: number, v: number): void {
    this.bytes[at] = v & 0xff;
  }
  set16(at: number, v: number): void {
    this.set8(at, v);
    this.set8(at + 1, v >>> 8);
  }
  set32(at: number, v: number): void {
    this.set16(at, v & 0xffff);
    this.set16(at + 2, v >>> 16);
  }
  /** Store at `at` the byte that makes bytes [from, to) sum to zero. */
  checksum(at: number, from = 0, to = this.bytes.length): void {
    this.bytes[at] = 0;
    let sum = 0;
    for (let i = from; i < to; i++) sum += this.bytes[i]!;
    this.bytes[at] = -sum & 0xff;
  }
  toUint8Array(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

export function byteSum(bytes: Uint8Array, from = 0, to = bytes.length): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += bytes[i]!;
  return sum & 0xff;
}
