// @node
// The Takeuchi function: heavy recursion with three arguments.
function tak(x: i32, y: i32, z: i32): i32 { return y < x ? tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y)) : z; }
export function main(): i32 {
  put_i32(tak(12, 8, 4)); putc(32); put_i32(tak(10, 5, 0)); putc(10);
  return 0;
}
