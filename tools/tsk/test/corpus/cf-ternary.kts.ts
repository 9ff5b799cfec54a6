// @node
// Conditional expressions, nested, as values and arguments.
function sign(x: i32): i32 { return x > 0 ? 1 : x < 0 ? -1 : 0; }
function max3(a: i32, b: i32, c: i32): i32 { return a > b ? (a > c ? a : c) : (b > c ? b : c); }
export function main(): i32 {
  put_i32(sign(-9)); put_i32(sign(0)); put_i32(sign(4)); putc(10);
  put_i32(max3(1, 2, 3)); put_i32(max3(3, 2, 1)); put_i32(max3(2, 3, 1)); putc(10);
  let flag: bool = true;
  putc(flag ? 89 : 78); putc(!flag ? 89 : 78); putc(10);
  return 0;
}
