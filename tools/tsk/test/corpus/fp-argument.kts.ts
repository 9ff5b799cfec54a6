// @node
// Passing functions as arguments (a map over an array) and returning them.
type Fn = (x: i32) => i32;
function twice(x: i32): i32 { return x * 2; }
function square(x: i32): i32 { return x * x; }
function negate(x: i32): i32 { return -x; }
function pick(k: i32): Fn { return k == 0 ? twice : k == 1 ? square : negate; }
function applyAll(f: Fn, n: i32): i32 { let s: i32 = 0; for (let i: i32 = 1; i <= n; i++) s += f(i); return s; }
export function main(): i32 {
  put_i32(applyAll(twice, 5)); putc(32); put_i32(applyAll(square, 5)); putc(32); put_i32(applyAll(negate, 5)); putc(10);
  for (let k: i32 = 0; k < 3; k++) { put_i32(pick(k)(6)); putc(32); }
  putc(10);
  return 0;
}
