// @node
// Longest Collatz chain below 1000.
function steps(n: u32): u32 { let s: u32 = 0; while (n != 1) { n = n % 2 == 0 ? u32(n / 2) : 3 * n + 1; s++; } return s; }
export function main(): i32 {
  let best: u32 = 0, arg: u32 = 0;
  for (let i: u32 = 1; i < 1000; i++) { const s: u32 = steps(i); if (s > best) { best = s; arg = i; } }
  put_u32(arg); putc(32); put_u32(best); putc(10);
  return 0;
}
