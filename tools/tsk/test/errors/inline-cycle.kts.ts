// Rejected construct: a struct that contains itself in place.
// expect-error-at: Inline<Node>
// expect-message: contains itself in place
class Node { v: i32; child: Inline<Node>; } // <-
export function main(): i32 { return 0; }
