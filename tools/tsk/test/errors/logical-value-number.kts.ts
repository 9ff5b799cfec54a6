// Rejected construct: && used as a value on numbers (JavaScript yields an operand).
// expect-error-at: a && b
// expect-message: needs bool operands
export function main(): i32 {
  const a: i32 = 3, b: i32 = 5;
  put_i32(a && b); // <-
  return 0;
}
