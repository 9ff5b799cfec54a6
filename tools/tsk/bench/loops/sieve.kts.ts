// Sieve of Eratosthenes over a byte array: indexed byte loads and stores in tight loops.
const N: u32 = 65536;
let composite: FixedArray<u8, 65536> = [];

function sieve(): u32 {
  for (let i: u32 = 0; i < N; i++) composite[i] = 0;
  let count: u32 = 0;
  for (let p: u32 = 2; p < N; p++) {
    if (composite[p] === 0) {
      count++;
      for (let m: u32 = p * p; m < N; m += p) composite[m] = 1;
    }
  }
  return count;
}

export function main(): i32 {
  let total: u32 = 0;
  for (let round: i32 = 0; round < 3; round++) total += sieve();
  put_u32(total);
  putc(10);
  return 0;
}
