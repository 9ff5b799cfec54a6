// @node
// Doubly recursive Fibonacci.
function fib(n: i32): i32 { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
export function main(): i32 {
  for (let i: i32 = 0; i <= 20; i += 4) { put_i32(fib(i)); putc(32); }
  putc(10);
  return 0;
}
