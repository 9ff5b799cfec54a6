// A module of mod-private-names: its private names (helper, count, Entry, table) are also
// defined by lwkt/init.kts.ts and counter.kts.ts, and its exported init by lwkt/init.kts.ts.
type Step = (x: i32) => i32;
let count: i32 = 100;
class Entry { v: i32; value(): i32 { return this.v * 2; } }
function helper(x: i32): i32 { return x + count; }
// A private function's address in a private global: a relocation against the module's own helper.
let table: FixedArray<Step, 1> = [helper];
export function init(): i32 {
  const e = new Entry();
  e.v = 3;
  count++;
  return table[0](e.value());
}
