// @node
// Euclid's algorithm, recursive, on unsigned values; lcm through it.
function gcd(a: u32, b: u32): u32 { return b == 0 ? a : gcd(b, a % b); }
function lcm(a: u32, b: u32): u32 { return u32(a / gcd(a, b)) * b; }
export function main(): i32 {
  put_u32(gcd(1071, 462)); putc(32); put_u32(gcd(17, 5)); putc(32); put_u32(gcd(0, 9)); putc(32);
  put_u32(lcm(4, 6)); putc(32); put_u32(lcm(21, 6)); putc(10);
  return 0;
}
