// @node
// Labelled break and continue out of nested loops, and a labelled block.
export function main(): i32 {
  outer: for (let i: i32 = 0; i < 5; i++) {
    for (let j: i32 = 0; j < 5; j++) {
      if (j == 3) continue outer;
      if (i == 3) break outer;
      put_i32(i * 10 + j); putc(32);
    }
  }
  putc(10);
  let found: i32 = -1;
  search: {
    for (let k: i32 = 0; k < 100; k++) {
      if (k * k == 49) { found = k; break search; }
    }
    found = -2;
  }
  put_i32(found); putc(10);
  let n: i32 = 0;
  loop1: while (true) {
    let m: i32 = 0;
    while (true) { m++; n++; if (m == 4) continue loop1; if (n > 10) break loop1; }
  }
  put_i32(n); putc(10);
  return 0;
}
