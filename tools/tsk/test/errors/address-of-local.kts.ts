// Rejected construct: address of local.
// expect-error-at: x)
// expect-message: no address
export function main(): i32 {
  let x: u32 = 0;
  const p = addressof(x); // <-
  return 0;
}
