// @node
// A bitset in u32 words: set, test, clear, count (bit 31 avoided so JS agrees).
let words: FixedArray<u32, 4> = [0, 0, 0, 0];
function set(i: u32): void { words[i >>> 5] = words[i >>> 5] | (1 << (i & 31)); }
function test(i: u32): bool { return (words[i >>> 5] & (1 << (i & 31))) != 0; }
function clear(i: u32): void { words[i >>> 5] = words[i >>> 5] & ~(1 << (i & 31)); }
export function main(): i32 {
  for (let i: u32 = 0; i < 120; i += 7) set(i);
  clear(14); clear(63);
  let c: u32 = 0;
  for (let i: u32 = 0; i < 120; i++) if (test(i)) { c++; if (i < 40) { put_u32(i); putc(32); } }
  putc(10); put_u32(c); putc(10);
  return 0;
}
