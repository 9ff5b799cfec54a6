// Stores into a u8 array keep the low 8 bits; loads zero-extend.
// 250 + 10 = 260 -> 4;  255 * 2 = 510 -> 254;  -1 as u8 -> 255.
//| 4 254 255
let bytes: FixedArray<u8, 3> = [250, 255, 0];
export function main(): i32 {
  bytes[0] = u8(bytes[0] + 10);
  bytes[1] = u8(bytes[1] * 2);
  bytes[2] = u8(-1);
  put_u32(bytes[0]); putc(32); put_u32(bytes[1]); putc(32); put_u32(bytes[2]); putc(10);
  return 0;
}
