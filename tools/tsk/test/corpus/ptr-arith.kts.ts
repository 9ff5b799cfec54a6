// Pointer arithmetic is in bytes: stepping a Ptr<i32> by 4 moves one element.
// Elements 10 20 30 40: reading at +4*k gives them in order; the sum is 100.
//| 10 20 30 40
//| 100
//| 12
const T: FixedArray<i32, 4> = [10, 20, 30, 40];
export function main(): i32 {
  let p: Ptr<i32> = addressof(T[0]);
  const end: Ptr<i32> = p + 16;
  let sum: i32 = 0;
  while (p < end) { put_i32(load(p)); putc(p + 4 < end ? 32 : 10); sum += load(p); p = p + 4; }
  put_i32(sum); putc(10);
  const q: Ptr<i32> = addressof(T[3]);
  put_u32(q - addressof(T[0])); putc(10);
  return 0;
}
