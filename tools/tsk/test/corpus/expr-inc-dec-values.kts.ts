// @node
// Prefix and postfix ++/-- as values, on locals, globals, fields and array elements.
class C { n: i32 = 0; }
let g: i32 = 10;
let arr: FixedArray<i32, 4> = [0, 0, 0, 0];
export function main(): i32 {
  let x: i32 = 5;
  const a: i32 = x++;
  const b: i32 = ++x;
  put_i32(a); putc(32); put_i32(b); putc(32); put_i32(x); putc(10);
  put_i32(g--); putc(32); put_i32(--g); putc(32); put_i32(g); putc(10);
  const c = new C();
  c.n = 7;
  put_i32(c.n++ + ++c.n); putc(32); put_i32(c.n); putc(10);
  let i: i32 = 0;
  arr[i++] = 11; arr[i++] = 22; arr[++i] = 44;
  for (let k: i32 = 0; k < 4; k++) { put_i32(arr[k]); putc(32); }
  put_i32(i); putc(10);
  return 0;
}
