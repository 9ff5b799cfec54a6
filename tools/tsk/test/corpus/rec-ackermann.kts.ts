// @node
// Ackermann's function for small arguments (deep recursion).
function ack(m: i32, n: i32): i32 {
  if (m == 0) return n + 1;
  if (n == 0) return ack(m - 1, 1);
  return ack(m - 1, ack(m, n - 1));
}
export function main(): i32 {
  put_i32(ack(1, 5)); putc(32); put_i32(ack(2, 3)); putc(32); put_i32(ack(3, 3)); putc(10);
  return 0;
}
