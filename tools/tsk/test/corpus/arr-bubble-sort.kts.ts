// @node
// Bubble sort of a global array in place.
let A: FixedArray<i32, 9> = [5, 3, 9, -2, 7, 7, 0, 100, -50];
export function main(): i32 {
  for (let i: i32 = 0; i < 9; i++) {
    for (let j: i32 = 0; j < 8 - i; j++) {
      if (A[j] > A[j + 1]) { const t: i32 = A[j]; A[j] = A[j + 1]; A[j + 1] = t; }
    }
  }
  for (let i: i32 = 0; i < 9; i++) { put_i32(A[i]); putc(32); }
  putc(10);
  return 0;
}
