// 64-bit arithmetic wraps modulo 2^64 (so this does not mean the same in JavaScript).
// (2^63 - 1) + 1 = -2^63 -> hex 8000000000000000; u64 0 - 1 = ffffffffffffffff;
// 0x100000001 * 0x100000001 = 0x200000001 (the 2^64 term wraps away).
//| 8000000000000000
//| ffffffffffffffff
//| 0000000200000001
function hex(x: u64): void { put_hex32(u32(x >> 32n)); put_hex32(u32(x)); putc(10); }
export function main(): i32 {
  let m: i64 = 0x7fffffffffffffffn;
  m += 1n;
  hex(u64(m));
  let z: u64 = 0n;
  z -= 1n;
  hex(z);
  const k: u64 = 0x100000001n;
  hex(k * k);
  return 0;
}
