// Rejected construct: bigint type.
// expect-error-at: bigint
// expect-message: i64 or u64
export function main(): i32 {
  let x: bigint = 5n; // <-
  return 0;
}
