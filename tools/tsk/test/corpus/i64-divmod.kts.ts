// @node
// 64-bit division and remainder (through the backend's helpers on x86), signed operands.
export function main(): i32 {
  const a: i64 = 123456789012345n;
  put_i32(i32(a / 1000000000n)); putc(32); put_i32(i32(a % 1000000000n)); putc(10);
  const n: i64 = -98765432109876n;
  put_i32(i32(n / 10000000n)); putc(32); put_i32(i32(n % 10000000n)); putc(10);
  const u: u64 = 0xfedcba9876543210n;
  put_u32(u32(u / 0x100000000n)); putc(32); put_u32(u32(u % 1000000n)); putc(10);
  return 0;
}
