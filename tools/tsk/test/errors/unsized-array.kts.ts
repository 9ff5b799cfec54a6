// Rejected construct: unsized array.
// expect-error-at: i32[]
// expect-message: FixedArray
export function main(): i32 {
  let a: i32[] = []; // <-
  return 0;
}
