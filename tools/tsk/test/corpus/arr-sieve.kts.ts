// @node
// Sieve of Eratosthenes over a zeroed u8 global array.
let composite: FixedArray<u8, 200> = [];
export function main(): i32 {
  for (let i: i32 = 0; i < 200; i++) composite[i] = 0;
  let count: i32 = 0;
  for (let i: i32 = 2; i < 200; i++) {
    if (composite[i] != 0) continue;
    count++;
    if (i > 180) { put_i32(i); putc(32); }
    for (let j: i32 = i * i; j < 200; j += i) composite[j] = 1;
  }
  putc(10); put_i32(count); putc(10);
  return 0;
}
