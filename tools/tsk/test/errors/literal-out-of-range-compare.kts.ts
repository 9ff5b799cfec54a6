// Rejected construct: comparing an i32 with a literal only a u32 can hold (it would wrap to -1).
// expect-error-at: 0xffffffff
// expect-message: outside the range of i32
export function main(): i32 {
  const x: i32 = 5;
  if (x < 0xffffffff) return 1; // <-
  return 0;
}
