// A module of mod-private-names: one more private helper and count; its exported `bump`
// is the only one of that name, so it keeps its plain symbol.
let count: i32 = 0;
function helper(): i32 { count = count + 10; return count; }
export function bump(): i32 { return helper(); }
