// Rejected construct: nested function.
// expect-error-at: function inner
// expect-message: nested functions
export function main(): i32 {
  function inner(): i32 { return 1; } // <-
  return inner();
}
