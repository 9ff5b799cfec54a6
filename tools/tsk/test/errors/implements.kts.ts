// Rejected construct: implements.
// expect-error-at: implements
// expect-message: no inheritance
interface Shape { area(): i32; }
class Sq implements Shape { s: i32; area(): i32 { return this.s * this.s; } } // <-
export function main(): i32 { return 0; }
