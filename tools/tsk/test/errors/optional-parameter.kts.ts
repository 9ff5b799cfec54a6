// Rejected construct: optional parameter.
// expect-error-at: b?
// expect-message: optional and default
function f(a: i32, b?: i32): i32 { return a; } // <-
export function main(): i32 { return f(1); }
