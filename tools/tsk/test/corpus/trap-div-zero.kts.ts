// Division by zero traps (x86 raises #DE); output before the trap is kept.
//| before
// expect-trap: integer divide error
function div(a: i32, b: i32): i32 { return a / b; }
export function main(): i32 {
  puts("before\n");
  put_i32(div(7, 0));
  puts("after\n");
  return 0;
}
