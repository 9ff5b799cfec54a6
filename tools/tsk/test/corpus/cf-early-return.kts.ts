// @node
// Returns from inside nested loops and switches; void functions returning early.
let hits: i32 = 0;
function find(target: i32): i32 {
  for (let i: i32 = 0; i < 10; i++) {
    for (let j: i32 = 0; j < 10; j++) {
      if (i * j == target) return i * 100 + j;
    }
  }
  return -1;
}
function touch(n: i32): void {
  if (n < 0) return;
  hits += n;
}
export function main(): i32 {
  put_i32(find(12)); putc(32); put_i32(find(81)); putc(32); put_i32(find(97)); putc(10);
  touch(5); touch(-3); touch(2);
  put_i32(hits); putc(10);
  return 3;
}
