// @node
// A dense switch (a jump table) with negative and positive cases and a default.
function name(d: i32): i32 {
  switch (d) {
    case -2: return 20;
    case -1: return 21;
    case 0: return 22;
    case 1: return 23;
    case 2: return 24;
    case 3: return 25;
    case 5: return 27;
    default: return 99;
  }
}
export function main(): i32 {
  for (let d: i32 = -4; d <= 7; d++) { put_i32(name(d)); putc(32); }
  putc(10);
  return 0;
}
