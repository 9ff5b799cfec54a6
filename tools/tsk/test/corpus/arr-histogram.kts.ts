// @node
// Counting values into buckets indexed by a computed expression.
const SAMPLES: FixedArray<u8, 16> = [3, 14, 15, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3];
let hist: FixedArray<u32, 4> = [0, 0, 0, 0];
export function main(): i32 {
  for (let i: i32 = 0; i < 16; i++) hist[i32(SAMPLES[i] / 4)]++;
  for (let b: i32 = 0; b < 4; b++) { put_u32(hist[b]); putc(32); }
  putc(10);
  return 0;
}
