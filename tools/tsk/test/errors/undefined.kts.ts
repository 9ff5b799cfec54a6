// Rejected construct: undefined.
// expect-error-at: undefined
// expect-message: 'undefined' is not in KTS
let p: i32 = 0;
export function main(): i32 {
  if (p === undefined) return 1; // <-
  return 0;
}
