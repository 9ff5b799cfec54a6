// Rejected construct: inheritance.
// expect-error-at: extends
// expect-message: no inheritance
class Base { a: i32; }
class Derived extends Base { b: i32; } // <-
export function main(): i32 { return 0; }
