// Rejected construct: namespace.
// expect-error-at: namespace
// expect-message: namespaces
namespace NS { export const a = 1; } // <-
export function main(): i32 { return 0; }
