// Rejected construct: non constant global.
// expect-error-at: f()
// expect-message: must be a constant
function f(): i32 { return 3; }
let g: i32 = f(); // <-
export function main(): i32 { return g; }
