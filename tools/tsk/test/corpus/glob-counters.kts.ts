// @node
// Globals of several types shared between functions.
let calls: u32 = 0;
let balance: i32 = -10;
let flag: bool = false;
let small: u8 = 7;
function deposit(n: i32): void { calls++; balance += n; if (balance > 0) flag = true; }
export function main(): i32 {
  deposit(4); deposit(3); put_i32(balance); putc(flag ? 84 : 70); putc(10);
  deposit(9); put_i32(balance); putc(flag ? 84 : 70); putc(10);
  small = u8(small * 3);
  put_u32(calls); putc(32); put_u32(small); putc(10);
  return 0;
}
