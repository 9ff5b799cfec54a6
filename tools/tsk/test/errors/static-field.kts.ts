// Rejected construct: static field.
// expect-error-at: static
// expect-message: static fields
class C { static count: i32; } // <-
export function main(): i32 { return 0; }
