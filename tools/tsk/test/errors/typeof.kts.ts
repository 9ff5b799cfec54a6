// Rejected construct: typeof.
// expect-error-at: typeof
// expect-message: typeof
export function main(): i32 {
  const x: i32 = 2;
  const t = typeof x; // <-
  return 0;
}
