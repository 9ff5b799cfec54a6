// @node
// switch with fall-through, default in the middle, and break.
function f(x: i32): i32 {
  let r: i32 = 0;
  switch (x) {
    case 1: r += 1;
    case 2: r += 10; break;
    default: r += 100;
    case 3: r += 1000; break;
    case 4: return -4;
  }
  return r;
}
export function main(): i32 {
  for (let i: i32 = 0; i < 6; i++) { put_i32(f(i)); putc(10); }
  return 0;
}
