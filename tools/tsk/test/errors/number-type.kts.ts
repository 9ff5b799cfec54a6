// Rejected construct: number type.
// expect-error-at: number
// expect-message: no width
export function main(): i32 {
  let x: number = 5; // <-
  return 0;
}
