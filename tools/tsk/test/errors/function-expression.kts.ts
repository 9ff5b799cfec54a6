// Rejected construct: function expression.
// expect-error-at: function
// expect-message: function expressions
export function main(): i32 {
  const f = function (x: i32): i32 { return x; }; // <-
  return f(1);
}
