// @node
// Towers of Hanoi: move count and the first moves.
let moves: i32 = 0;
function hanoi(n: i32, from: i32, to: i32, via: i32): void {
  if (n == 0) return;
  hanoi(n - 1, from, via, to);
  moves++;
  if (moves <= 7) { put_i32(from); putc(62); put_i32(to); putc(32); }
  hanoi(n - 1, via, to, from);
}
export function main(): i32 {
  hanoi(10, 1, 3, 2);
  putc(10); put_i32(moves); putc(10);
  return 0;
}
