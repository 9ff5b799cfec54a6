// @node
// A free-list allocator over a pool of global struct nodes: alloc, free, reuse order.
class Blk { id: i32 = 0; next: Blk | null = null; }
const b0 = new Blk(), b1 = new Blk(), b2 = new Blk();
let freeList: Blk | null = null;
function release(b: Blk): void { b.next = freeList; freeList = b; }
function alloc(): Blk | null { const b = freeList; if (b != null) freeList = b.next; return b; }
export function main(): i32 {
  b0.id = 0; b1.id = 1; b2.id = 2;
  release(b0); release(b1); release(b2);
  const x = alloc(), y = alloc();
  if (x != null && y != null) { put_i32(x.id); put_i32(y.id); release(x); }
  const z = alloc(), w = alloc(), v = alloc();
  if (z != null) put_i32(z.id);
  if (w != null) put_i32(w.id);
  putc(v == null ? 78 : 89);
  putc(10);
  return 0;
}
