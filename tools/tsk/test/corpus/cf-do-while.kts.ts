// @node
// do-while runs its body once even when the condition is false; continue goes to the test.
export function main(): i32 {
  let n: i32 = 100;
  do { put_i32(n); putc(10); n++; } while (n < 100);
  let k: i32 = 0, odd: i32 = 0;
  do {
    k++;
    if (k % 2 == 0) continue;
    odd += k;
  } while (k < 9);
  put_i32(odd); putc(10);
  return 0;
}
