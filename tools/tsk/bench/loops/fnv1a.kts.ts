// FNV-1a over a buffer: a byte load, xor and multiply per byte.
const SIZE: u32 = 16384;
let buffer: FixedArray<u8, 16384> = [];

function fill(): void {
  let x: u32 = 777;
  for (let i: u32 = 0; i < SIZE; i++) {
    x = x * 1664525 + 1013904223;
    buffer[i] = u8(x >>> 24);
  }
}

function fnv1a(p: usize, len: u32): u32 {
  let hash: u32 = 2166136261;
  for (let i: u32 = 0; i < len; i++) {
    hash ^= load<u8>(p + i);
    hash *= 16777619;
  }
  return hash;
}

export function main(): i32 {
  fill();
  let total: u32 = 0;
  for (let round: u32 = 0; round < 16; round++) total ^= fnv1a(addressof(buffer[0]) + round, SIZE - round);
  put_hex32(total);
  putc(10);
  return 0;
}
