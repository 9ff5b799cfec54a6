// addr() and cast<T>() convert a struct reference to an address and back.
// The second reference aliases the first: a write through it is seen by both.
//| 5 5
//| 1
class Box { v: i32; }
const box = new Box();
export function main(): i32 {
  const a: usize = addr(box);
  const again = cast<Box>(a);
  again.v = 5;
  put_i32(box.v); putc(32); put_i32(again.v); putc(10);
  put_i32(addr(again) == a ? 1 : 0); putc(10);
  return 0;
}
