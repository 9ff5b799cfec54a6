// @node
// Strings in globals, in an array, and passed to functions; the same literal twice.
const GREETING: string = "hi there\n";
const NAMES: FixedArray<string, 3> = ["alpha", "beta", "gamma"];
function line(s: string): void { puts(s); putc(10); }
export function main(): i32 {
  puts(GREETING);
  for (let i: i32 = 0; i < 3; i++) line(NAMES[i]);
  line("again"); line("again");
  return 0;
}
