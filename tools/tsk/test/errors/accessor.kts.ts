// Rejected construct: accessor.
// expect-error-at: get
// expect-message: accessors
class C { v: i32; get double(): i32 { return this.v * 2; } } // <-
export function main(): i32 { return 0; }
