// @node
// Reversing an array with two indices; the array is filled by a loop first.
let buf: FixedArray<i32, 11> = [];
export function main(): i32 {
  for (let i: i32 = 0; i < 11; i++) buf[i] = i * i - 20;
  let lo: i32 = 0, hi: i32 = 10;
  while (lo < hi) { const t: i32 = buf[lo]; buf[lo] = buf[hi]; buf[hi] = t; lo++; hi--; }
  for (let i: i32 = 0; i < 11; i++) { put_i32(buf[i]); putc(32); }
  putc(10);
  return 0;
}
