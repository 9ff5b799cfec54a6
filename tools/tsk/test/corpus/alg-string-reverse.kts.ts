// Copying a C string into a byte array backwards with load<u8>, then printing it via putc.
// "stressed" reversed is "desserts".
//| desserts
let buf: FixedArray<u8, 32> = [];
export function main(): i32 {
  const s: string = "stressed";
  let n: u32 = 0;
  while (load<u8>(addr(s) + n) != 0) n++;
  for (let i: u32 = 0; i < n; i++) buf[i] = load<u8>(addr(s) + n - 1 - i);
  for (let i: u32 = 0; i < n; i++) putc(buf[i]);
  putc(10);
  return 0;
}
