// Structs made by `new` in a function live in its frame; passing their reference down works,
// and each call gets fresh zeroed storage.
//| 0 3
//| 0 3
class Acc { n: i32; }
function bump(a: Acc, k: i32): void { for (let i: i32 = 0; i < k; i++) a.n++; }
function run(): i32 {
  const a = new Acc();
  put_i32(a.n); putc(32);
  bump(a, 3);
  return a.n;
}
export function main(): i32 {
  put_i32(run()); putc(10);
  put_i32(run()); putc(10);
  return 0;
}
