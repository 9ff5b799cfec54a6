// @node
// An array of 64-bit values: products that need more than 32 bits.
let big: FixedArray<i64, 5> = [];
export function main(): i32 {
  big[0] = 1n;
  for (let i: i32 = 1; i < 5; i++) big[i] = big[i - 1] * 10000n;
  for (let i: i32 = 0; i < 5; i++) {
    put_u32(u32(big[i] / 1000000000n)); putc(58); put_u32(u32(big[i] % 1000000000n)); putc(10);
  }
  return 0;
}
