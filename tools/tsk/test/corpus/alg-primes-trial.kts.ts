// @node
// Trial-division primality for a range, counting primes and printing the last few.
function isPrime(n: u32): bool {
  if (n < 2) return false;
  for (let d: u32 = 2; d * d <= n; d++) if (n % d == 0) return false;
  return true;
}
export function main(): i32 {
  let c: u32 = 0;
  for (let n: u32 = 0; n < 3000; n++) if (isPrime(n)) { c++; if (n > 2950) { put_u32(n); putc(32); } }
  putc(10); put_u32(c); putc(10);
  return 0;
}
