// @node
// A global struct instance updated by several functions.
class Stats { count: u32 = 0; total: u32 = 0; max: u32 = 0; }
const stats = new Stats();
function record(v: u32): void {
  stats.count++;
  stats.total += v;
  if (v > stats.max) stats.max = v;
}
export function main(): i32 {
  record(5); record(17); record(3); record(11);
  put_u32(stats.count); putc(32); put_u32(stats.total); putc(32); put_u32(stats.max); putc(10);
  return 0;
}
