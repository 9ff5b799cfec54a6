// @node
// A nullable string reference tested before printing.
function greet(name: string | null): void {
  if (name == null) { puts("nobody\n"); return; }
  puts("hello "); puts(name); putc(10);
}
export function main(): i32 {
  greet("ada"); greet(null); greet("linus");
  return 0;
}
