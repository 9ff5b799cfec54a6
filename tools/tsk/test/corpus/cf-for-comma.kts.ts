// @node
// Two loop variables moving towards each other, stepped with a comma in the for header.
export function main(): i32 {
  let steps: i32 = 0;
  for (let i: i32 = 0, j: i32 = 9; i < j; i++, j--) { put_i32(i * 10 + j); putc(32); steps++; }
  putc(10);
  put_i32(steps); putc(10);
  return 0;
}
