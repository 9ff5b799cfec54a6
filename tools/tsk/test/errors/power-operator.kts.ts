// Rejected construct: power operator.
// expect-error-at: **
// expect-message: **
export function main(): i32 {
  const x: i32 = 2;
  return x ** 3; // <-
}
