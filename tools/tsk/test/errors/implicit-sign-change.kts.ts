// Rejected construct: passing a signed variable where an unsigned one is expected.
// expect-error-at: b)
// expect-message: changing sign is explicit in KTS; write u32(x)
export function main(): i32 {
  const b: i32 = -1;
  put_u32(b); // <-
  return 0;
}
