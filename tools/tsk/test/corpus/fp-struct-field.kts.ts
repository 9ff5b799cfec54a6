// @node
// Function pointers in struct fields: a small "ops table", and a null handler check.
type Handler = (code: u32) => u32;
class Device { id: u32 = 0; handler: Handler | null = null; }
function h1(code: u32): u32 { return code + 1000; }
function h2(code: u32): u32 { return code * 3; }
function dispatch(d: Device, code: u32): u32 {
  const h = d.handler;
  if (h == null) return 0;
  return h(code);
}
export function main(): i32 {
  const d1 = new Device();
  const d2 = new Device();
  const d3 = new Device();
  d1.handler = h1; d2.handler = h2;
  put_u32(dispatch(d1, 5)); putc(32); put_u32(dispatch(d2, 5)); putc(32); put_u32(dispatch(d3, 5)); putc(10);
  return 0;
}
