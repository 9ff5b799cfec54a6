// @node
// Counting N-queens solutions for N = 1..7 with backtracking over global arrays.
let cols: FixedArray<u8, 8> = [];
let d1: FixedArray<u8, 16> = [];
let d2: FixedArray<u8, 16> = [];
function place(r: i32, n: i32): i32 {
  if (r == n) return 1;
  let c: i32 = 0;
  for (let q: i32 = 0; q < n; q++) {
    if (cols[q] != 0 || d1[r + q] != 0 || d2[r - q + 7] != 0) continue;
    cols[q] = 1; d1[r + q] = 1; d2[r - q + 7] = 1;
    c += place(r + 1, n);
    cols[q] = 0; d1[r + q] = 0; d2[r - q + 7] = 0;
  }
  return c;
}
export function main(): i32 {
  for (let i: i32 = 0; i < 16; i++) { d1[i] = 0; d2[i] = 0; if (i < 8) cols[i] = 0; }
  for (let n: i32 = 1; n <= 7; n++) { put_i32(place(0, n)); putc(32); }
  putc(10);
  return 0;
}
