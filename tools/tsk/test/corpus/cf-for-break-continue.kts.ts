// @node
// for loops with break and continue.
export function main(): i32 {
  for (let i: i32 = 0; i < 20; i++) {
    if (i % 3 == 0) continue;
    if (i > 13) break;
    put_i32(i); putc(32);
  }
  putc(10);
  let count: i32 = 0;
  for (;;) { count++; if (count == 7) break; }
  put_i32(count); putc(10);
  return 0;
}
