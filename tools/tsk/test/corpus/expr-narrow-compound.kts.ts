// Compound assignments and ++ wrap at the width of the place (field, array element, local).
// u8 field 250 += 10 -> 4; i8 field 127 + 1 -> -128; u16 element 0 - 1 -> 65535;
// i16 local -32768 - 1 -> 32767; u8 local 255 ++ -> 0; u8 field <<= 4 of 0x3f -> 0xf0 = 240.
//| 4 -128 65535 32767 0 240
class F { a: u8; b: i8; c: u8; }
let e: FixedArray<u16, 2> = [0, 9];
export function main(): i32 {
  const f = new F();
  f.a = 250; f.a += 10;
  f.b = 127; f.b++;
  e[0]--;
  let s: i16 = -32768; s -= 1;
  let u: u8 = 255; u++;
  f.c = 0x3f; f.c <<= 4;
  put_u32(f.a); putc(32); put_i32(f.b); putc(32); put_u32(e[0]); putc(32); put_i32(s); putc(32);
  put_u32(u); putc(32); put_u32(f.c); putc(10);
  return 0;
}
