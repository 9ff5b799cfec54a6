// Rejected construct: an optional struct field.
// expect-error-at: ?
// expect-message: optional fields
class C { v?: i32; } // <-
export function main(): i32 { return 0; }
