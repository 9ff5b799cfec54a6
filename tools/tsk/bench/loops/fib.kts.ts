// Recursive Fibonacci: call/return, argument passing and a compare per call.
function fib(n: i32): i32 {
  if (n < 2) return n;
  return fib(n - 1) + fib(n - 2);
}

export function main(): i32 {
  put_i32(fib(24));
  putc(10);
  return 0;
}
