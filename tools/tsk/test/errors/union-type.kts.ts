// Rejected construct: union type.
// expect-error-at: i32 | u8
// expect-message: `T | null`
export function main(): i32 {
  let v: i32 | u8 = 0; // <-
  return 0;
}
