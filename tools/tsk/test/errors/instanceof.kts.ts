// Rejected construct: instanceof.
// expect-error-at: instanceof
// expect-message: type tag
class C { v: i32; }
export function main(): i32 {
  const c = new C();
  if (c instanceof C) return 1; // <-
  return 0;
}
