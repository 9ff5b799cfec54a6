// @node
// Recursive digit printing and digit sums.
function printDigits(n: u32): void {
  if (n >= 10) printDigits(u32(n / 10));
  putc(u8(48 + n % 10)); putc(32);
}
function digitSum(n: u32): u32 { return n < 10 ? n : n % 10 + digitSum(u32(n / 10)); }
export function main(): i32 {
  printDigits(90210); putc(10);
  put_u32(digitSum(987654321)); putc(10);
  return 0;
}
