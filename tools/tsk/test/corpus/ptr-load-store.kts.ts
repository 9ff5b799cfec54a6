// load/store through Ptr<T> into a global array, little-endian byte views.
// words[0] = 0x11223344: its bytes in memory are 44 33 22 11 (little-endian).
// Storing byte 0xAA at offset 1 gives 0x1122AA44; a u16 load at offset 2 reads 0x1122.
//| 68 51 34 17
//| 1122aa44
//| 4386
//| -1 65535
let words: FixedArray<u32, 2> = [0x11223344, 0];
export function main(): i32 {
  const p: Ptr<u32> = addressof(words[0]);
  for (let i: u32 = 0; i < 4; i++) { put_u32(load<u8>(p + i)); putc(i == 3 ? 10 : 32); }
  store<u8>(p + 1, 0xaa);
  put_hex32(load<u32>(p)); putc(10);
  put_u32(load<u16>(p + 2)); putc(10);
  store<i16>(p + 4, -1);
  put_i32(load<i16>(p + 4)); putc(32); put_u32(load<u16>(p + 4)); putc(10);
  return 0;
}
