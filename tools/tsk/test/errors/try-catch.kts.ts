// Rejected construct: try catch.
// expect-error-at: try
// expect-message: error code
export function main(): i32 {
  try { puts("x"); } catch { puts("y"); } // <-
  return 0;
}
