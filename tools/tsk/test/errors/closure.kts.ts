// Rejected construct: closure.
// expect-error-at: (x: i32)
// expect-message: closures
export function main(): i32 {
  let k: i32 = 3;
  const f = (x: i32): i32 => x + k; // <-
  return f(1);
}
