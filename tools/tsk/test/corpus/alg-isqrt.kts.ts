// @node
// Integer square root by Newton's method.
function isqrt(n: u32): u32 {
  if (n < 2) return n;
  let x: u32 = n, y: u32 = u32((x + 1) / 2);
  while (y < x) { x = y; y = u32((x + u32(n / x)) / 2); }
  return x;
}
export function main(): i32 {
  put_u32(isqrt(0)); putc(32); put_u32(isqrt(15)); putc(32); put_u32(isqrt(16)); putc(32);
  put_u32(isqrt(1000000)); putc(32); put_u32(isqrt(2147395600)); putc(10);
  return 0;
}
