// @node
// while loops: counting, a condition that is false at once, a loop exited by return.
function firstSquareAbove(n: i32): i32 {
  let i: i32 = 0;
  while (true) { if (i * i > n) return i; i++; }
}
export function main(): i32 {
  let i: i32 = 0, sum: i32 = 0;
  while (i < 10) { sum += i; i++; }
  put_i32(sum); putc(10);
  while (i < 5) { puts("never"); }
  put_i32(firstSquareAbove(50)); putc(10);
  put_i32(firstSquareAbove(1000)); putc(10);
  return 0;
}
