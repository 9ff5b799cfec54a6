// 64-bit remainder by zero traps too.
//| 1
// expect-trap: integer divide error
function rem(a: u64, b: u64): u64 { return a % b; }
export function main(): i32 {
  put_u32(u32(rem(10n, 3n))); putc(10);
  put_u32(u32(rem(10n, 0n)));
  return 0;
}
