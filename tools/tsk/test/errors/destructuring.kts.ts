// Rejected construct: destructuring.
// expect-error-at: { x }
// expect-message: destructuring
class P { x: i32; }
export function main(): i32 {
  const p = new P();
  const { x } = p; // <-
  return x;
}
