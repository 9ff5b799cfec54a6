// Rejected construct: generator.
// expect-error-at: function
// expect-message: generators
function* gen(): Generator<i32> { yield 1; } // <-
export function main(): i32 { return 0; }
