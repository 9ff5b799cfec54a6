// @node
// main's return value is the exit value.
export function main(): i32 {
  puts("exiting with 42\n");
  return 42;
}
