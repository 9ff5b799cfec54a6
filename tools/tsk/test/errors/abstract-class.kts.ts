// Rejected construct: abstract class.
// expect-error-at: abstract
// expect-message: abstract classes
abstract class A { x: i32; } // <-
export function main(): i32 { return 0; }
