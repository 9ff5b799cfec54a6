// @node
// Insertion sort of u32 values, descending.
let V: FixedArray<u32, 8> = [17, 4, 4000000000, 0, 99, 3000000000, 5, 18];
export function main(): i32 {
  for (let i: i32 = 1; i < 8; i++) {
    const key: u32 = V[i];
    let j: i32 = i - 1;
    while (j >= 0 && V[j] < key) { V[j + 1] = V[j]; j--; }
    V[j + 1] = key;
  }
  for (let i: i32 = 0; i < 8; i++) { put_u32(V[i]); putc(32); }
  putc(10);
  return 0;
}
