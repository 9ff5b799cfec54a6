// @node
// Fast exponentiation by squaring, recursive, with a modulus.
function powmod(b: u32, e: u32, m: u32): u32 {
  if (e == 0) return 1;
  const half: u32 = powmod(b, u32(e / 2), m);
  const sq: u32 = (half * half) % m;
  return e % 2 == 1 ? (sq * b) % m : sq;
}
export function main(): i32 {
  put_u32(powmod(2, 10, 10000)); putc(32);
  put_u32(powmod(3, 13, 1000)); putc(32);
  put_u32(powmod(7, 222, 1009)); putc(10);
  return 0;
}
