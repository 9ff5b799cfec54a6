// Rejected construct: for of.
// expect-error-at: for
// expect-message: index loop
const A: FixedArray<i32, 3> = [1, 2, 3];
export function main(): i32 {
  for (const x of [1, 2]) put_i32(x); // <-
  return 0;
}
