// @node
// Operator precedence and associativity across arithmetic, shifts, bitwise and comparisons.
export function main(): i32 {
  const a: i32 = 6, b: i32 = 3, c: i32 = 2;
  put_i32(a + b * c); putc(32);
  put_i32((a + b) * c); putc(32);
  put_i32(a - b - c); putc(32);
  put_i32(1 << c + 1); putc(32);
  put_i32(a & b | c); putc(32);
  put_i32(a ^ b & c); putc(32);
  put_i32(a % 4 * b); putc(32);
  putc(a > b == b > c ? 84 : 70); putc(32);
  put_i32(-a * -b); putc(32);
  put_i32(~a & 15); putc(10);
  return 0;
}
