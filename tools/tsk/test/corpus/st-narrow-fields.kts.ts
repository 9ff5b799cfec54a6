// @node
// Fields of every width keep their own width (values within range, as JS has them).
class Mixed { a: u8 = 0; b: i8 = 0; c: u16 = 0; d: i16 = 0; e: u32 = 0; f: i32 = 0; g: bool = false; }
export function main(): i32 {
  const m = new Mixed();
  m.a = 200; m.b = -100; m.c = 60000; m.d = -30000; m.e = 4000000000; m.f = -2000000000; m.g = true;
  put_u32(m.a); putc(32); put_i32(m.b); putc(32); put_u32(m.c); putc(32); put_i32(m.d); putc(32);
  put_u32(m.e); putc(32); put_i32(m.f); putc(32); putc(m.g ? 84 : 70); putc(10);
  return 0;
}
