// @node
// A ring buffer in a struct-free style: global array, head and tail indices.
let ring: FixedArray<i32, 4> = [0, 0, 0, 0];
let head: i32 = 0, tail: i32 = 0, count: i32 = 0;
function push(v: i32): bool { if (count == 4) return false; ring[tail] = v; tail = (tail + 1) % 4; count++; return true; }
function pop(): i32 { const v: i32 = ring[head]; head = (head + 1) % 4; count--; return v; }
export function main(): i32 {
  for (let i: i32 = 1; i <= 6; i++) putc(push(i * 11) ? 43 : 45);
  putc(10);
  put_i32(pop()); putc(32); put_i32(pop()); putc(32);
  push(77); push(88);
  while (count > 0) { put_i32(pop()); putc(32); }
  putc(10);
  return 0;
}
