// Rejected construct: field initializer.
// expect-error-at: 7
// expect-message: starts zeroed
class C { x: i32 = 7; } // <-
export function main(): i32 { return 0; }
