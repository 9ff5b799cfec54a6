// Rejected construct: rest parameter.
// expect-error-at: ...
// expect-message: rest parameters
function sum(...xs: i32[]): i32 { return 0; } // <-
export function main(): i32 { return sum(1, 2); }
