// Rejected construct: the comma operator outside a for-loop header.
// expect-error-at: , 2
// expect-message: comma operator
function tick(): i32 { return 1; }
export function main(): i32 {
  let x: i32 = 0;
  x = (tick(), 2); // <-
  return x;
}
