// @node
// Assignments as expressions: chains, in conditions, compound results used as values.
let total: i32 = 0;
export function main(): i32 {
  let a: i32 = 0, b: i32 = 0, c: i32 = 0;
  a = b = c = 7;
  put_i32(a + b + c); putc(10);
  let n: i32 = 0;
  while ((n += 3) < 10) total += n;
  put_i32(n); putc(32); put_i32(total); putc(10);
  const d: i32 = (a *= 2) + (b -= 1);
  put_i32(d); putc(32); put_i32(a); putc(32); put_i32(b); putc(10);
  return 0;
}
