// @node
// A sparse switch (compare chain) including large case values and no default.
function code(x: u32): u32 {
  let r: u32 = 7;
  switch (x) {
    case 0: r = 1; break;
    case 1000: r = 2; break;
    case 65536: r = 3; break;
    case 2000000000: r = 4; break;
  }
  return r;
}
export function main(): i32 {
  put_u32(code(0)); put_u32(code(1000)); put_u32(code(65536)); put_u32(code(2000000000)); put_u32(code(5));
  putc(10);
  return 0;
}
