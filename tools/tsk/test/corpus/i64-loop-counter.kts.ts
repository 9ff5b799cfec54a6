// @node
// A 64-bit accumulator summing past 2^32.
export function main(): i32 {
  let s: u64 = 0n;
  for (let i: u32 = 0; i < 100000; i++) s += u64(i) * 1000n;
  put_u32(u32(s >> 32n)); putc(32); put_u32(u32(s & 0xffffffffn)); putc(10);
  return 0;
}
