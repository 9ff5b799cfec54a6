// Rejected construct: a function expression as a global.
// expect-error-at: (x: i32)
// expect-message: top-level `function` declaration
const twice = (x: i32): i32 => x * 2; // <-
export function main(): i32 { return twice(2); }
