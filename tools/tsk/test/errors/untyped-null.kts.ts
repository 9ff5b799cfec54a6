// Rejected construct: untyped null.
// expect-error-at: p = null
// expect-message: write the variable's type
export function main(): i32 {
  let p = null; // <-
  return 0;
}
