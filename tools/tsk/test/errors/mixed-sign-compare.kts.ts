// Rejected construct: mixed sign compare.
// expect-error-at: a < b
// expect-message: signed and an unsigned
export function main(): i32 {
  const a: i32 = -1;
  const b: u32 = 1;
  if (a < b) return 1; // <-
  return 0;
}
