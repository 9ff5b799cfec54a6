// @node
// Methods calling methods and reading other structs' fields.
class Counter {
  n: u32 = 0;
  step: u32 = 0;
  tick(): u32 { this.n += this.step; return this.n; }
  tickTimes(k: u32): u32 { for (let i: u32 = 0; i < k; i++) this.tick(); return this.n; }
}
class Pair { left: Counter | null = null; right: Counter | null = null; }
export function main(): i32 {
  const c1 = new Counter();
  const c2 = new Counter();
  c1.step = 2; c2.step = 5;
  const p = new Pair();
  p.left = c1; p.right = c2;
  put_u32(c1.tickTimes(3)); putc(32);
  put_u32(c2.tickTimes(4)); putc(32);
  if (p.left != null && p.right != null) put_u32(p.left.n + p.right.n);
  putc(10);
  return 0;
}
