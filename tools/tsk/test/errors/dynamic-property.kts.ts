// Rejected construct: dynamic property.
// expect-error-at: p[
// expect-message: dynamic property access
class P { x: i32; y: i32; }
export function main(): i32 {
  const p = new P();
  return p["x"]; // <-
}
