// @node
// Three nested loops building a checksum; loop variables shadowed per block.
export function main(): i32 {
  let acc: i32 = 0;
  for (let i: i32 = 1; i <= 4; i++) {
    for (let j: i32 = 1; j <= 4; j++) {
      let k: i32 = 1;
      while (k <= 4) { acc = (acc * 7 + i * 100 + j * 10 + k) % 100003; k++; }
    }
  }
  put_i32(acc); putc(10);
  { let i: i32 = 42; put_i32(i); }
  putc(10);
  return 0;
}
