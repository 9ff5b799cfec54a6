// Rejected construct: a constant initializer that divides by zero (it would trap at run time).
// expect-error-at: SIZE / ZERO
// expect-message: division by zero in a constant expression
const SIZE: u32 = 4096;
const ZERO: u32 = 0;
const PER: u32 = SIZE / ZERO; // <-
export function main(): i32 { return i32(PER); }
