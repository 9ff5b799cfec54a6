// @node
// String literals with escapes, printed by puts.
export function main(): i32 {
  puts("Hello, world!\n");
  puts("tab:\tend\n");
  puts("quote: \" backslash: \\ \n");
  puts("");
  puts("done\n");
  return 0;
}
