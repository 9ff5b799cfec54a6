// Rejected construct: object literal.
// expect-error-at: { x: 1 }
// expect-message: object literals
export function main(): i32 {
  const o = { x: 1 }; // <-
  return 0;
}
