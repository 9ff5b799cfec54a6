// @node
// Mutual recursion between two functions (even/odd), declared in either order.
function isEven(n: u32): bool { return n == 0 ? true : isOdd(n - 1); }
function isOdd(n: u32): bool { return n == 0 ? false : isEven(n - 1); }
export function main(): i32 {
  for (let i: u32 = 0; i < 8; i++) putc(isEven(i) ? 69 : 79);
  putc(10);
  putc(isOdd(1001) ? 49 : 48); putc(10);
  return 0;
}
