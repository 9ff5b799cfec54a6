// Rejected construct: assigning a whole struct stored in place.
// expect-error-at: o.inner = p
// expect-message: assign its fields
class Inner { v: i32; }
class Outer { inner: Inline<Inner>; }
export function main(): i32 {
  const o = new Outer();
  const p = new Inner();
  o.inner = p; // <-
  return 0;
}
