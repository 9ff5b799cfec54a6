// @node
// A 4x4 matrix product with row-major indexing in one array.
let M: FixedArray<i32, 16> = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];
let R: FixedArray<i32, 16> = [];
export function main(): i32 {
  for (let i: i32 = 0; i < 4; i++) {
    for (let j: i32 = 0; j < 4; j++) {
      let s: i32 = 0;
      for (let k: i32 = 0; k < 4; k++) s += M[i * 4 + k] * M[k * 4 + j];
      R[i * 4 + j] = s;
    }
  }
  for (let i: i32 = 0; i < 16; i++) { put_i32(R[i]); putc(i % 4 == 3 ? 10 : 32); }
  return 0;
}
