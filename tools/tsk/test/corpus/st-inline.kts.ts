// Structs stored in place: an embedded struct field and an array of in-place structs, as a
// kernel's IPI ring holds {func, arg} slots. Layout by C rules:
//   Slot = { func: fn pointer @0, arg: u32 @4 } -> 8 bytes
//   Ring = { head: u32 @0, lock: Inline<Lock> @4 (4 bytes), slots: 4 x Slot @8 } -> 40 bytes
// The handler adds its argument to `total`: 10 + 20 + 30 = 60, in FIFO order.
//| 8 40 4 8
//| 10 20 30
//| 60 3
type IpiFn = (arg: u32) => void;
class Lock { held: u32; }
class Slot { func: IpiFn | null; arg: u32; }
class Ring { head: u32; lock: Inline<Lock>; slots: FixedArray<Inline<Slot>, 4>; }
const ring = new Ring();
let total: u32 = 0;
function handler(arg: u32): void { total += arg; put_u32(arg); putc(arg == 30 ? 10 : 32); }
function send(f: IpiFn, arg: u32): void {
  const s = ring.slots[ring.head % 4];
  s.func = f; s.arg = arg;
  ring.head++;
}
export function main(): i32 {
  put_u32(sizeof<Slot>()); putc(32); put_u32(sizeof<Ring>()); putc(32);
  put_u32(offsetof<Ring>("lock")); putc(32); put_u32(offsetof<Ring>("slots")); putc(10);
  send(handler, 10); send(handler, 20); send(handler, 30);
  ring.lock.held = 1;
  for (let i: u32 = 0; i < ring.head; i++) {
    const s = ring.slots[i];
    const f = s.func;
    if (f != null) f(s.arg);
  }
  put_u32(total); putc(32); put_u32(ring.lock.held + 2); putc(10);
  return 0;
}
