// @node
// Recursive binary search over a sorted global array.
const SORTED: FixedArray<i32, 12> = [-40, -7, 0, 3, 9, 15, 22, 23, 41, 56, 88, 100];
function find(x: i32, lo: i32, hi: i32): i32 {
  if (lo > hi) return -1;
  const mid: i32 = lo + i32((hi - lo) / 2);
  if (SORTED[mid] == x) return mid;
  return SORTED[mid] < x ? find(x, mid + 1, hi) : find(x, lo, mid - 1);
}
export function main(): i32 {
  put_i32(find(23, 0, 11)); putc(32); put_i32(find(-40, 0, 11)); putc(32);
  put_i32(find(100, 0, 11)); putc(32); put_i32(find(5, 0, 11)); putc(10);
  return 0;
}
