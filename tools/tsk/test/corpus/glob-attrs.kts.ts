// @node
// Functions carrying JSDoc attributes still compute what their bodies say.
/** @inline */
function add3(x: i32): i32 { return x + 3; }
/** @inline */
function twice(x: i32): i32 { return add3(x) * 2; }
export function main(): i32 {
  put_i32(twice(4)); putc(10);
  return 0;
}
