// A module of mod-private-names: the same private names as kern/init.kts.ts (and a file of
// the same name in another folder), with other meanings.
type Step = (x: i32) => i32;
let count: i32 = 7;
class Entry { v: i32; value(): i32 { return this.v - 1; } }
function helper(x: i32): i32 { return x * count; }
let table: FixedArray<Step, 1> = [helper];
export function init(): i32 {
  const e = new Entry();
  e.v = 5;
  count = count + 1;
  return table[0](e.value());
}
export function step(): Step { return helper; }
