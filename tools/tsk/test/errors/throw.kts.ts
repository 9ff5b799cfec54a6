// Rejected construct: throw.
// expect-error-at: throw
// expect-message: panic
export function main(): i32 {
  throw 5; // <-
}
