// A FixedArray field inside a struct: layout and element access (zeroed by new, so this
// does not mean the same in JavaScript, where the field would be undefined).
// sizeof(Ring) = 4 (head) + 4 (count) + 8*2 (u16 slots) = 24.
//| 24 8
//| 100 101 102 103 104
//| 5
class Ring { head: u32; count: u32; slots: FixedArray<u16, 8>; }
export function main(): i32 {
  const r = new Ring();
  put_u32(sizeof<Ring>()); putc(32); put_u32(offsetof<Ring>("slots")); putc(10);
  for (let i: u32 = 0; i < 5; i++) { r.slots[i] = u16(100 + i); r.count++; }
  for (let i: u32 = 0; i < r.count; i++) { put_u32(r.slots[i]); putc(i == 4 ? 10 : 32); }
  put_u32(r.count); putc(10);
  return 0;
}
