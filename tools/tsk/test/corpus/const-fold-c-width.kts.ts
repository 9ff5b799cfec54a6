// Constants where the C meaning of a width differs from JavaScript's (so no Node shim leg):
// an operator on a typed constant works in that type and wraps, exactly as the same
// expression on variables does, in operands and in global initializers alike. The expected
// output is reasoned out in C terms (uint32_t, int32_t, uint8_t, int8_t, uint64_t).
//| 2147483647 2147483648 2147483648 4294967295 0 2147483648
//| 0000000080000000 000000007fffffff 00000000ffffffff ffffffff80000000 0000000080000000
//| -2147483648 -201 -200 128 127 -201 128
//| 1431655765 -1073741824 1073741824 268435455 -134217728 0
//| 7fffffffffffffff 8000000000000000 8000000000000001 7fffffffffffffff 0800000000000000 0000000000000000
//| below ONES above BIT31 Top Low
//| case -TOP
//| -2147483648 -2147483648 2147483647
const TOP: u32 = 0x80000000;
const ONES: u32 = ~0;
const BIT31: i32 = 1 << 31;
const SMALL: u8 = 200;
const NEG8: i8 = -128;
const W: u64 = ~0x8000000000000000n;
const BIG: u64 = 0xffffffffffffffffn;
const NEG_TOP: u32 = -TOP;
const NOT_SMALL: i32 = ~SMALL;
const NEG_NEG8: i32 = -NEG8;
const Q: u32 = ONES / 3;
const R: i32 = BIT31 / 2;
const U: u32 = -TOP / 2;
const HALF: u64 = BIG >> 1n;
const SHR_LIT: u64 = 0x8000000000000000n >> 4n;
enum Bits { Top = 1 << 31, Low = ~0x7fffffff, High = ~(1 << 31) }
let table: FixedArray<i32, 3> = [Bits.Top, Bits.Low, Bits.High];
function show64(x: u64, end: u8): void { put_hex32(u32(x >> 32n)); put_hex32(u32(x)); putc(end); }
export function main(): i32 {
  put_u32(~TOP); putc(32); put_u32(-TOP); putc(32); put_u32(NEG_TOP); putc(32); put_u32(ONES); putc(32); put_u32(~ONES); putc(32); put_u32(u32(-BIT31)); putc(10);
  show64(u64(-TOP), 32); show64(u64(~TOP), 32); show64(u64(ONES), 32); show64(u64(BIT31), 32); show64(u64(u32(BIT31)), 10);
  put_i32(BIT31); putc(32); put_i32(NOT_SMALL); putc(32); put_i32(-SMALL); putc(32); put_i32(NEG_NEG8); putc(32); put_i32(~NEG8); putc(32); put_i32(~SMALL); putc(32); put_i32(-NEG8); putc(10);
  put_u32(Q); putc(32); put_i32(R); putc(32); put_u32(U); putc(32); put_u32(ONES >> 4); putc(32); put_i32(BIT31 >> 4); putc(32); put_u32(~ONES >> 4); putc(10);
  show64(W, 32); show64(~W, 32); show64(-W, 32); show64(HALF, 32); show64(SHR_LIT, 32); show64(~BIG, 10);
  let x: u32 = 5;
  let y: i32 = 0;
  if (x < ONES) puts("below ONES"); else puts("not below");
  putc(32);
  if (y > BIT31) puts("above BIT31"); else puts("not above");
  putc(32);
  if (y > Bits.Top) puts("Top"); else puts("?");
  putc(32);
  if (Bits.Low == BIT31) puts("Low"); else puts("?");
  putc(10);
  let v: u32 = 0x80000000;
  switch (v) {
    case ~TOP: puts("case ~TOP"); break;
    case -TOP: puts("case -TOP"); break;
    default: puts("default");
  }
  putc(10);
  for (let i: i32 = 0; i < 3; i++) { put_i32(table[i]); putc(i < 2 ? 32 : 10); }
  return 0;
}
