// addressof a struct field, and offsetof/sizeof agreeing with the C layout.
// class S { a: u8; b: u32; c: u16 } -> a at 0, b at 4 (aligned), c at 8, size 12.
// Writing through the field's address changes the field.
//| 0 4 8 12
//| 777
//| 4
class S { a: u8; b: u32; c: u16; }
const s = new S();
export function main(): i32 {
  put_u32(offsetof<S>("a")); putc(32); put_u32(offsetof<S>("b")); putc(32);
  put_u32(offsetof<S>("c")); putc(32); put_u32(sizeof<S>()); putc(10);
  const pb: Ptr<u32> = addressof(s.b);
  store(pb, 777);
  put_u32(s.b); putc(10);
  put_u32(addr(pb) - addr(s)); putc(10);
  return 0;
}
