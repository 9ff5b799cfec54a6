// unreachable() stops the program with a trap; volatile accesses behave as plain ones here.
//| 3
// expect-trap: unreachable() reached
let flag: u32 = 0;
function check(v: u32): void {
  if (v > 2) { put_u32(volatile_load<u32>(addressof(flag))); putc(10); unreachable(); }
}
export function main(): i32 {
  volatile_store<u32>(addressof(flag), 3);
  check(1);
  check(3);
  puts("not printed\n");
  return 0;
}
