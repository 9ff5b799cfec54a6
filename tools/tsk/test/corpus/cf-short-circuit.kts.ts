// @node
// && and || evaluate their right side only when needed (counted by side effects).
let calls: i32 = 0;
function t(v: bool): bool { calls++; return v; }
export function main(): i32 {
  if (t(false) && t(true)) puts("x");
  put_i32(calls); putc(10);
  if (t(true) || t(true)) puts("y");
  put_i32(calls); putc(10);
  const v: bool = t(true) && (t(false) || t(true));
  putc(v ? 49 : 48); put_i32(calls); putc(10);
  const w: bool = !(t(false) || t(false));
  putc(w ? 49 : 48); put_i32(calls); putc(10);
  return 0;
}
