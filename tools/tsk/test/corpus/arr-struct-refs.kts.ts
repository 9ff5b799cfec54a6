// @node
// An array of struct references, filled from global instances.
class Item { weight: u32 = 0; }
const i1 = new Item();
const i2 = new Item();
const i3 = new Item();
let items: FixedArray<Item | null, 3> = [null, null, null];
export function main(): i32 {
  i1.weight = 5; i2.weight = 11; i3.weight = 2;
  items[0] = i1; items[1] = i2; items[2] = i3;
  let total: u32 = 0;
  for (let i: i32 = 0; i < 3; i++) { const it = items[i]; if (it != null) total += it.weight; }
  put_u32(total); putc(10);
  return 0;
}
