// @node
// Unary - and ~ on constants at the top of the 32- and 64-bit ranges, in operands and in
// global initializers. tsk folds them; the value must be the one JavaScript computes for
// the same source (conversions written where a C width is meant): ~0x80000000 is
// 0x7fffffff in both languages, -0x80000000 is INT_MIN, ~ of a u32 constant is a u32.
const TOP: u32 = 0x80000000;
const ALL: u32 = 0xffffffff;
const LOW16: u32 = 0xffff;
const MIN: i32 = -0x80000000;
const NOT_TOP: u32 = ~0x80000000;
const NOT_TOP_C: u32 = u32(~TOP);
const NEG_TOP: i32 = -0x80000000;
const SHR0: u32 = 0xffffffff >>> 0;
const NOT_LOW16: u32 = u32(~LOW16);
const SIGN64: u64 = 0x8000000000000000n;
const NOT_SIGN64: u64 = u64(~0x8000000000000000n);
const PAGE_MASK: usize = u32(~0xfff);
const TABLE: FixedArray<u32, 4> = [~0x80000000, 0xffffffff >>> 4, u32(~0x7fffffff), u32(~0)];
function showHex64(x: u64): void { put_hex32(u32(x >> 32n)); put_hex32(u32(x)); putc(32); }
export function main(): i32 {
  // In operands: folded where they are used.
  put_u32(~0x80000000); putc(32); put_u32(~0xffffffff); putc(32); put_i32(~0x7fffffff); putc(32);
  put_i32(-0x80000000); putc(32); put_i32(-0x7fffffff); putc(32); put_u32(0xffffffff >>> 0); putc(10);
  put_u32(u32(~TOP)); putc(32); put_u32(u32(~ALL)); putc(32); put_u32(u32(~LOW16)); putc(32); put_i32(~MIN); putc(32); put_i32(i32(-TOP)); putc(10);
  // Initializers: the same values, folded when the globals are laid out.
  put_u32(NOT_TOP); putc(32); put_u32(NOT_TOP_C); putc(32); put_i32(NEG_TOP); putc(32); put_u32(SHR0); putc(32); put_u32(NOT_LOW16); putc(32); put_u32(PAGE_MASK); putc(10);
  for (let i: i32 = 0; i < 4; i++) { put_u32(TABLE[i]); putc(32); }
  putc(10);
  // Mixed with variables of every 32-bit flavour: a literal takes the variable's type.
  let flags: u32 = 0x9000000f;
  let signed: i32 = -1;
  let page: usize = 0x12345678;
  put_u32(flags & ~0x80000000); putc(32); put_i32(signed & ~0x80000000); putc(32); put_u32(page & ~0xfff); putc(32); put_u32(page & PAGE_MASK); putc(10);
  put_u32(flags & u32(~TOP)); putc(32); put_i32(signed ^ -0x80000000); putc(32); put_u32(u32(flags + ~0x7fffffff)); putc(10);
  // Widened to 64 bits: what the 32-bit value was, not what an unbounded fold would give.
  showHex64(u64(~0x80000000)); showHex64(u64(-0x80000000)); showHex64(u64(NOT_TOP)); showHex64(u64(u32(~TOP))); showHex64(u64(i64(MIN))); putc(10);
  showHex64(NOT_SIGN64); showHex64(u64(~0x8000000000000000n)); showHex64(u64(-0x8000000000000000n)); showHex64(SIGN64 >> 63n); showHex64(u64(~0n)); putc(10);
  // As switch cases and in comparisons.
  switch (flags & ~0x8000000f) {
    case ~0xefffffff: puts("case 0x10000000"); break;
    case ~0xffffffff: puts("zero"); break;
    default: puts("default");
  }
  putc(10);
  if (flags > ~0x80000000) puts("above 0x7fffffff"); else puts("below");
  putc(10);
  if (signed > -0x80000000) puts("above INT_MIN"); else puts("INT_MIN");
  putc(10);
  return 0;
}
