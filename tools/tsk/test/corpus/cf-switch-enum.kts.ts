// @node
// switch over enum members.
enum Op { Add, Sub, Mul = 10, Neg }
function apply(op: i32, a: i32, b: i32): i32 {
  switch (op) {
    case Op.Add: return a + b;
    case Op.Sub: return a - b;
    case Op.Mul: return a * b;
    case Op.Neg: return -a;
  }
  return 0;
}
export function main(): i32 {
  put_i32(apply(Op.Add, 6, 7)); putc(32);
  put_i32(apply(Op.Sub, 6, 7)); putc(32);
  put_i32(apply(Op.Mul, 6, 7)); putc(32);
  put_i32(apply(Op.Neg, 6, 7)); putc(32);
  put_i32(Op.Neg); putc(10);
  return 0;
}
