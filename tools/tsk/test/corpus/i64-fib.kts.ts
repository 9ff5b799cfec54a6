// @node
// Fibonacci numbers up to F(90) in u64.
export function main(): i32 {
  let a: u64 = 0n, b: u64 = 1n;
  for (let i: i32 = 0; i < 90; i++) { const t: u64 = a + b; a = b; b = t; }
  put_hex32(u32(a >> 32n)); put_hex32(u32(a & 0xffffffffn)); putc(10);
  put_u32(u32(a % 1000000007n)); putc(10);
  return 0;
}
