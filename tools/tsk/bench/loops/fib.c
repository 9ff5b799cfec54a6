/* Recursive Fibonacci: call/return, argument passing and a compare per call. */
void put_i32(int v);
void putc(unsigned c);

static int fib(int n) {
  if (n < 2) return n;
  return fib(n - 1) + fib(n - 2);
}

int main(void) {
  put_i32(fib(24));
  putc(10);
  return 0;
}
