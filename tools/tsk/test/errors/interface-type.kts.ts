// Rejected construct: interface type.
// expect-error-at: Pt
// expect-message: no layout
interface Pt { x: i32; }
function f(p: Pt): i32 { return p.x; } // <-
export function main(): i32 { return 0; }
