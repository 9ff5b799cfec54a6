// xchg, cmpxchg and xadd on a 32-bit word return the old value.
// lock=0; xchg(lock,1) -> 0, lock 1; cmpxchg(lock,0,5) fails -> 1; cmpxchg(lock,1,7) -> 1, lock 7;
// xadd(lock,3) -> 7, lock 10.
//| 0 1
//| 1 1
//| 1 7
//| 7 10
let lock: u32 = 0;
export function main(): i32 {
  const p: Ptr<u32> = addressof(lock);
  put_u32(xchg(p, 1)); putc(32); put_u32(lock); putc(10);
  put_u32(cmpxchg(p, 0, 5)); putc(32); put_u32(lock); putc(10);
  put_u32(cmpxchg(p, 1, 7)); putc(32); put_u32(lock); putc(10);
  barrier();
  put_u32(xadd(p, 3)); putc(32); put_u32(lock); putc(10);
  return 0;
}
