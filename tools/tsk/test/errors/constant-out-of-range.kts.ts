// Rejected construct: a global's constant initializer outside its narrow type (narrowing is explicit, not a silent wrap to 44).
// expect-error-at: 300
// expect-message: 300 does not fit in u8
const LIMIT: u8 = 300; // <-
export function main(): i32 { return LIMIT; }
