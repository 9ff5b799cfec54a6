// Rejected construct: top level code.
// expect-error-at: puts
// expect-message: never runs
puts("hello"); // <-
export function main(): i32 { return 0; }
