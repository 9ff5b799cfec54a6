// @node
// 20! fits in i64; printed as two 32-bit halves and as decimal parts.
export function main(): i32 {
  let f: i64 = 1n;
  for (let i: i64 = 2n; i <= 20n; i++) f *= i;
  put_hex32(u32(f >> 32n)); put_hex32(u32(f & 0xffffffffn)); putc(10);
  put_u32(u32(f / 1000000000000n)); putc(32); put_u32(u32(f % 1000000000000n / 1000000n)); putc(32); put_u32(u32(f % 1000000n)); putc(10);
  return 0;
}
