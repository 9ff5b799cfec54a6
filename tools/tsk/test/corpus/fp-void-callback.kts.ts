// @node
// Void callbacks with side effects on globals, stored in a variable and reassigned.
let log: i32 = 0;
function a(): void { log = log * 10 + 1; }
function b(): void { log = log * 10 + 2; }
export function main(): i32 {
  let cb: () => void = a;
  cb(); cb();
  cb = b;
  cb(); a(); cb();
  put_i32(log); putc(10);
  return 0;
}
