// Rejected construct: optional chain.
// expect-error-at: n?.v
// expect-message: optional chaining
class N { v: i32; }
let n: N | null = null;
export function main(): i32 {
  const v = n?.v; // <-
  return 0;
}
