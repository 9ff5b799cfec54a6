// Rejected construct: comparing a signed narrow value with an unsigned 32-bit one.
// expect-error-at: c < n
// expect-message: signed and an unsigned
export function main(): i32 {
  const c: i8 = -1;
  const n: u32 = 5;
  if (c < n) return 1; // <-
  return 0;
}
