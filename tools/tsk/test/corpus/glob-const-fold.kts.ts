// @node
// const globals and enum members fold into the code; constant expressions in initializers.
const PAGE_SHIFT: i32 = 12;
const PAGE_SIZE: i32 = 1 << PAGE_SHIFT;
const MASK: u32 = PAGE_SIZE - 1;
enum Color { Red = 3, Green, Blue = Green * 2 }
let table: FixedArray<i32, 3> = [Color.Red, Color.Green, Color.Blue];
export function main(): i32 {
  put_i32(PAGE_SIZE); putc(32); put_u32(MASK); putc(32); put_u32(12345 & MASK); putc(10);
  for (let i: i32 = 0; i < 3; i++) { put_i32(table[i]); putc(32); }
  putc(10);
  return 0;
}
