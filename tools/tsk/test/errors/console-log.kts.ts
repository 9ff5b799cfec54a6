// Rejected construct: console log.
// expect-error-at: console
// expect-message: JavaScript library
export function main(): i32 {
  console.log(5); // <-
  return 0;
}
