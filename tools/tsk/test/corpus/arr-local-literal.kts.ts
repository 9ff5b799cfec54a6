// @node
// A local FixedArray initialized from a literal, then modified.
export function main(): i32 {
  let v: FixedArray<u16, 6> = [10, 20, 30, 40, 50, 60];
  for (let i: i32 = 0; i < 6; i += 2) v[i] = u16(v[i] + v[i + 1]);
  for (let i: i32 = 0; i < 6; i++) { put_u32(v[i]); putc(32); }
  putc(10);
  return 0;
}
