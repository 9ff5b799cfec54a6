// Rejected construct: float literal.
// expect-error-at: 1.5
// expect-message: integers
export function main(): i32 {
  const x: i32 = 1.5; // <-
  return x;
}
