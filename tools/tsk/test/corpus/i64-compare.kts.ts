// @node
// 64-bit comparisons that the low or high halves alone would get wrong.
function cmp(a: i64, b: i64): void { putc(a < b ? 60 : a > b ? 62 : 61); }
export function main(): i32 {
  cmp(0x100000000n, 0xffffffffn); cmp(-1n, 0n); cmp(-0x100000000n, -0xffffffffn);
  cmp(0x7fffffff00000000n, 0x7fffffff00000000n); cmp(5n, 0x500000000n);
  putc(10);
  return 0;
}
