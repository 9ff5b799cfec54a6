// FNV-1a 32-bit over a string: multiplication wraps modulo 2^32 (not JavaScript's meaning).
// Reference values of the published algorithm: fnv1a("") = 811c9dc5, fnv1a("a") = e40c292c,
// fnv1a("foobar") = bf9cf968.
//| 811c9dc5
//| e40c292c
//| bf9cf968
function fnv1a(s: string): u32 {
  let h: u32 = 0x811c9dc5;
  let p: usize = addr(s);
  while (load<u8>(p) != 0) { h = (h ^ load<u8>(p)) * 16777619; p++; }
  return h;
}
export function main(): i32 {
  put_hex32(fnv1a("")); putc(10); put_hex32(fnv1a("a")); putc(10); put_hex32(fnv1a("foobar")); putc(10);
  return 0;
}
