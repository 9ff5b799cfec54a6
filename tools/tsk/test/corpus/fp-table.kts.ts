// @node
// A global table of function pointers, called by index.
type BinOp = (a: i32, b: i32) => i32;
function add(a: i32, b: i32): i32 { return a + b; }
function sub(a: i32, b: i32): i32 { return a - b; }
function mul(a: i32, b: i32): i32 { return a * b; }
const OPS: FixedArray<BinOp, 3> = [add, sub, mul];
export function main(): i32 {
  for (let i: i32 = 0; i < 3; i++) { const f = OPS[i]; put_i32(f(7, 3)); putc(32); }
  putc(10);
  return 0;
}
