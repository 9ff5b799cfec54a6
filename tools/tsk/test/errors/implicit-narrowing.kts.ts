// Rejected construct: implicit narrowing.
// expect-error-at: x + 1
// expect-message: narrowing is explicit
export function main(): i32 {
  const x: i32 = 2;
  const b: u8 = x + 1; // <-
  return b;
}
