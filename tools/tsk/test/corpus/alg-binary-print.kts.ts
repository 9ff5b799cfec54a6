// @node
// Printing numbers in binary and in a chosen base with a digit table.
const DIGITS: string = "0123456789abcdefghijklmnopqrstuvwxyz";
let tmp: FixedArray<u8, 40> = [];
function printBase(v: u32, base: u32): void {
  let n: i32 = 0;
  do { tmp[n++] = u8(v % base); v = u32(v / base); } while (v != 0);
  while (n > 0) { const d: u8 = tmp[--n]; putc(d < 10 ? u8(48 + d) : u8(87 + d)); }
  putc(32);
}
export function main(): i32 {
  printBase(10, 2); printBase(255, 2); printBase(255, 16); printBase(1295, 36); printBase(0, 7);
  putc(10);
  return 0;
}
