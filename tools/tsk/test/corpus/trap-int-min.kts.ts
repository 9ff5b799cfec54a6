// INT_MIN / -1 does not fit in i32: it traps like a division by zero (#DE on x86).
//| 1073741824
// expect-trap: integer divide error
function div(a: i32, b: i32): i32 { return a / b; }
export function main(): i32 {
  put_i32(div(-2147483648, -2)); putc(10);
  put_i32(div(-2147483648, -1));
  return 0;
}
