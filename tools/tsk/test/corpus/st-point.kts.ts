// @node
// A struct with fields and methods; references passed to functions.
class Point {
  x: i32 = 0;
  y: i32 = 0;
  move(dx: i32, dy: i32): void { this.x += dx; this.y += dy; }
  manhattan(): i32 { return (this.x < 0 ? -this.x : this.x) + (this.y < 0 ? -this.y : this.y); }
}
function show(p: Point): void { put_i32(p.x); putc(44); put_i32(p.y); putc(10); }
export function main(): i32 {
  const p = new Point();
  show(p);
  p.move(3, -4);
  show(p);
  p.move(-10, 1);
  show(p);
  put_i32(p.manhattan()); putc(10);
  return 0;
}
