// @node
// A linked list through struct references, built from global nodes; null ends it.
class Node { value: i32 = 0; next: Node | null = null; }
const a = new Node();
const b = new Node();
const c = new Node();
function sum(n: Node | null): i32 {
  let s: i32 = 0;
  while (n != null) { s += n.value; n = n.next; }
  return s;
}
export function main(): i32 {
  a.value = 1; b.value = 20; c.value = 300;
  a.next = b; b.next = c;
  put_i32(sum(a)); putc(10);
  b.next = null;
  put_i32(sum(a)); putc(10);
  put_i32(sum(null)); putc(10);
  return 0;
}
