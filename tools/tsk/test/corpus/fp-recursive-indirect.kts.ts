// @node
// Recursion through a function pointer held in a global.
type F = (n: u32) => u32;
let self: F | null = null;
function fact(n: u32): u32 {
  const f = self;
  if (n <= 1 || f == null) return 1;
  return n * f(n - 1);
}
export function main(): i32 {
  self = fact;
  put_u32(fact(10)); putc(10);
  return 0;
}
