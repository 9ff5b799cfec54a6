// Rejected construct: nullish.
// expect-error-at: ??
// expect-message: ??
class N { v: i32; }
let n: N | null = null;
export function main(): i32 {
  const m = n ?? new N(); // <-
  return 0;
}
