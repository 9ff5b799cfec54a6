// @node
// Converting between 32- and 64-bit values (values that mean the same in JavaScript).
export function main(): i32 {
  const a: i32 = -5;
  const b: u32 = 4000000000;
  const wa: i64 = i64(a);
  const wb: i64 = i64(b);
  put_i32(i32(wa * 3n)); putc(32);
  put_u32(u32(wb / 2n)); putc(32);
  put_i32(i32((wa + wb) / 1000000n)); putc(10);
  const sum: i64 = wb * 4n;
  put_u32(u32(sum >> 32n)); putc(32); put_u32(u32(sum & 0xffffffffn)); putc(10);
  return 0;
}
