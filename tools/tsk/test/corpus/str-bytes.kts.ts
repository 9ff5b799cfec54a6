// A string is the address of NUL-terminated bytes: its length by walking with load<u8>.
// "kernel" has 6 bytes; its first byte is 'k' = 107; the byte after the last is 0.
//| 6 107 0
function strlen(s: string): u32 {
  let n: u32 = 0;
  while (load<u8>(addr(s) + n) != 0) n++;
  return n;
}
export function main(): i32 {
  const s: string = "kernel";
  put_u32(strlen(s)); putc(32); put_u32(load<u8>(addr(s))); putc(32); put_u32(load<u8>(addr(s) + 6)); putc(10);
  return 0;
}
