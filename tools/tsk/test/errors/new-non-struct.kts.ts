// Rejected construct: new non struct.
// expect-error-at: new
// expect-message: struct storage
export function main(): i32 {
  const a = new Array<i32>(10); // <-
  return 0;
}
