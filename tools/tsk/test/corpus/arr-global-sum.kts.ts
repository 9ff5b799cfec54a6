// @node
// Sum, min and max over an initialized global array.
const DATA: FixedArray<i32, 10> = [12, -5, 33, 0, 7, -21, 64, 8, 3, -1];
export function main(): i32 {
  let sum: i32 = 0, lo: i32 = DATA[0], hi: i32 = DATA[0];
  for (let i: i32 = 0; i < 10; i++) {
    sum += DATA[i];
    if (DATA[i] < lo) lo = DATA[i];
    if (DATA[i] > hi) hi = DATA[i];
  }
  put_i32(sum); putc(32); put_i32(lo); putc(32); put_i32(hi); putc(10);
  return 0;
}
