// @node
// Counting set bits with shifts and masks (values below 2^31 so JS agrees).
function popcount(x: u32): u32 { let n: u32 = 0; while (x != 0) { n += x & 1; x = x >>> 1; } return n; }
export function main(): i32 {
  put_u32(popcount(0)); putc(32); put_u32(popcount(255)); putc(32); put_u32(popcount(0x12345678)); putc(32); put_u32(popcount(0x7fffffff)); putc(10);
  return 0;
}
