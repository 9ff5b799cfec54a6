// @node
// if / else if / else chains over a range of values.
function classify(x: i32): i32 {
  if (x < 0) return -1;
  else if (x == 0) return 0;
  else if (x < 10) return 1;
  else if (x < 100) return 2;
  else return 3;
}
export function main(): i32 {
  for (let x: i32 = -5; x <= 120; x += 25) { put_i32(classify(x)); putc(32); }
  putc(10);
  let y: i32 = 7;
  if (y > 5) { if (y > 6) puts("big"); else puts("mid"); } else puts("small");
  putc(10);
  return 0;
}
