// Rejected construct: new with arguments.
// expect-error-at: new
// expect-message: takes no arguments
class P { x: i32; }
export function main(): i32 {
  const p = new P(5); // <-
  return 0;
}
