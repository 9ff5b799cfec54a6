// The Internet checksum: 16-bit ones-complement sum over a buffer, folded at the end.
const SIZE: u32 = 16384;
let buffer: FixedArray<u8, 16384> = [];

function fill(): void {
  let x: u32 = 12345;
  for (let i: u32 = 0; i < SIZE; i++) {
    x = x * 1103515245 + 12345;
    buffer[i] = u8(x >>> 16);
  }
}

function checksum(p: usize, len: u32): u32 {
  let sum: u32 = 0;
  while (len > 1) {
    sum += load<u16>(p);
    p += 2;
    len -= 2;
  }
  while ((sum >>> 16) !== 0) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

export function main(): i32 {
  fill();
  let total: u32 = 0;
  for (let round: i32 = 0; round < 16; round++) total += checksum(addressof(buffer[0]), SIZE - u32(round) * 2);
  put_u32(total);
  putc(10);
  return 0;
}
