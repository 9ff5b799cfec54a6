// Rejected construct: any.
// expect-error-at: any
// expect-message: write the value's type
export function main(): i32 {
  let v: any = 3; // <-
  return 0;
}
