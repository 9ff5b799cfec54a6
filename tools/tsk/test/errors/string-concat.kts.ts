// Rejected construct: string concat.
// expect-error-at: "a"
// expect-message: strings are C strings
export function main(): i32 {
  puts("a" + "b"); // <-
  return 0;
}
