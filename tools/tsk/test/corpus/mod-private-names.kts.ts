// @node
// Module-private names in several modules: each of four modules defines its own `helper`,
// `count` (and three an `Entry` struct with a `value` method); two export an `init`,
// imported here under other names. Each module must reach its own definitions, also through
// function pointers taken in the module and stored in its globals.
import { init as kernInit } from "./modules/kern/init.kts.ts";
import { init as lwktInit, step } from "./modules/lwkt/init.kts.ts";
import { bump } from "./modules/counter.kts.ts";
type Step = (x: i32) => i32;
let count: i32 = 1000;
class Entry { v: i32; value(): i32 { return this.v + 1000; } }
function helper(x: i32): i32 { return x - count; }
export function main(): i32 {
  put_i32(kernInit()); putc(32); put_i32(kernInit()); putc(10);
  put_i32(lwktInit()); putc(32); put_i32(lwktInit()); putc(10);
  put_i32(bump()); putc(32); put_i32(bump()); putc(10);
  const e = new Entry();
  e.v = 1;
  const f: Step = step();
  put_i32(helper(e.value())); putc(32); put_i32(f(2)); putc(32); put_i32(count); putc(10);
  return 0;
}
