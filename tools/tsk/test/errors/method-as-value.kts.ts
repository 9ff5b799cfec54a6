// Rejected construct: method as value.
// expect-error-at: c.m
// expect-message: is a method
class C { v: i32; m(): i32 { return this.v; } }
export function main(): i32 {
  const c = new C();
  const f = c.m; // <-
  return 0;
}
