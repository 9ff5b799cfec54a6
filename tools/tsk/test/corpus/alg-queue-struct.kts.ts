// @node
// A queue as a struct with methods over a linked list of global nodes.
class QNode { v: i32 = 0; next: QNode | null = null; }
class Queue {
  head: QNode | null = null;
  tail: QNode | null = null;
  len: i32 = 0;
  push(n: QNode): void { n.next = null; const t = this.tail; if (t == null) this.head = n; else t.next = n; this.tail = n; this.len++; }
  pop(): QNode | null { const h = this.head; if (h == null) return null; this.head = h.next; if (this.head == null) this.tail = null; this.len--; return h; }
}
const q = new Queue();
const n1 = new QNode(), n2 = new QNode(), n3 = new QNode();
export function main(): i32 {
  n1.v = 10; n2.v = 20; n3.v = 30;
  q.push(n1); q.push(n2);
  const a = q.pop(); if (a != null) put_i32(a.v);
  putc(32);
  q.push(n3); q.push(n1);
  while (q.len > 0) { const x = q.pop(); if (x != null) { put_i32(x.v); putc(32); } }
  putc(10);
  return 0;
}
