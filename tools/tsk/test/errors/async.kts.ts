// Rejected construct: async.
// expect-error-at: async
// expect-message: async functions
async function f(): Promise<i32> { return 1; } // <-
export function main(): i32 { return 0; }
