// trap.ts: the IDT and the C-level entry of every interrupt and exception. Each vector's
// stub (boot/kernel/vectors.S) pushes a TrapFrame and calls trap_dispatch, which runs the
// handler registered with intr_register (or panics for an unhandled exception).
// LAPIC-delivered vectors (>= 0x20, except the spurious vector) get their EOI *before* the
// handler runs, as DragonFly's Xipiq does: a handler may then switch threads or re-enable
// interrupts without holding up the LAPIC's in-service bit.
import { mycpu, Globaldata } from "./globaldata.ts";
import { panic_trap } from "./panic.ts";
import { lapic_eoi } from "../dev/lapic.ts";
import { KCODE_SEL } from "./gdt.ts";
import { trap_vectors } from "./cpufunc.ts";

/** Vector assignments. 0x20 + GSI for IOAPIC inputs; the top range for LAPIC sources. */
export const IRQ_BASE: u32 = 0x20; // IOAPIC pin n -> vector 0x20 + n (24 pins: 0x20..0x37)
export const IPI_TEST: u32 = 0xe0; // selftests: counts arrivals on the target
export const LAPIC_TIMER_VECTOR: u32 = 0xf0;
/** 0xf1..0xf7 are reserved for kernel/lwkt (IPI queue, cpusync, ...). */
export const IPI_LWKT_FIRST: u32 = 0xf1;
export const IPI_LWKT_LAST: u32 = 0xf7;
export const IPI_STOP: u32 = 0xf8; // panic: stop this CPU for good
export const LAPIC_ERROR_VECTOR: u32 = 0xfe;
export const SPURIOUS_VECTOR: u32 = 0xff;

/** What vectors.S leaves on the stack (lowest address first). */
export class TrapFrame {
  edi: u32 = 0;
  esi: u32 = 0;
  ebp: u32 = 0;
  esp: u32 = 0; // pushal's copy, unused
  ebx: u32 = 0;
  edx: u32 = 0;
  ecx: u32 = 0;
  eax: u32 = 0;
  vector: u32 = 0;
  err: u32 = 0;
  eip: u32 = 0;
  cs: u32 = 0;
  eflags: u32 = 0;
}

export type IntrHandler = (frame: TrapFrame) => void;

let intr_handlers: FixedArray<IntrHandler | null, 256> = [];
/** Run after a handler, back at nesting level 0, when gd_reqflags has a bit set (lwkt's
 * preemption on the way out of an interrupt). A hook rather than an import: kern/ may not
 * depend on lwkt/. */
let intr_return_hook: IntrHandler | null = null;
let intr_counts: FixedArray<u32, 256> = [];
let idt: FixedArray<u32, 512> = [];
let idt_pseudo: FixedArray<u16, 4> = []; // [pad, limit, base lo, base hi]

const STUB_SIZE: u32 = 16;

const exception_names: FixedArray<string, 20> = [
  "divide error", "debug", "NMI", "breakpoint", "overflow", "bound range", "invalid opcode",
  "device not available", "double fault", "coprocessor overrun", "invalid TSS",
  "segment not present", "stack fault", "general protection fault", "page fault", "reserved",
  "x87 error", "alignment check", "machine check", "SIMD error",
];

/** Fill the IDT once (BSP); every CPU then loads it with idt_load. */
export function idt_init(): void {
  const stubs: u32 = addressof(trap_vectors[0]);
  for (let v: u32 = 0; v < 256; v++) {
    const h: u32 = stubs + v * STUB_SIZE;
    idt[v * 2] = (h & 0xffff) | (KCODE_SEL << 16);
    idt[v * 2 + 1] = (h & 0xffff0000) | 0x8e00; // present, DPL 0, 32-bit interrupt gate
  }
  idt_pseudo[1] = u16(256 * 8 - 1);
  const base: u32 = addressof(idt[0]);
  idt_pseudo[2] = u16(base);
  idt_pseudo[3] = u16(base >>> 16);
}

export function idt_load(): void {
  lidt(addressof(idt_pseudo[1]));
}

/** Run `handler` for `vector` on every CPU (one handler per vector; registering twice panics). */
export function intr_register(vector: u32, handler: IntrHandler): void {
  intr_handlers[vector & 0xff] = handler;
}

export function intr_set_return_hook(hook: IntrHandler): void {
  intr_return_hook = hook;
}

export function intr_count(vector: u32): u32 {
  return intr_counts[vector & 0xff];
}

/** Called by vectors.S with interrupts disabled (interrupt gates). */
export function trap_dispatch(frame: TrapFrame): void {
  const v: u32 = frame.vector;
  const gd: Globaldata = mycpu();
  xadd(addressof(intr_counts[v]), 1);
  gd.gd_intr_count++;
  if (v == IPI_TEST || (v >= IPI_LWKT_FIRST && v <= IPI_STOP)) gd.gd_ipi_received++;
  if (v >= IRQ_BASE && v != SPURIOUS_VECTOR) lapic_eoi();
  const h = intr_handlers[v];
  if (h != null) {
    gd.gd_intr_nesting_level++;
    h(frame);
    gd.gd_intr_nesting_level--;
    if (gd.gd_intr_nesting_level == 0 && gd.gd_reqflags != 0) {
      const rh = intr_return_hook;
      if (rh != null) rh(frame);
    }
    return;
  }
  if (v < 20) panic_trap(exception_names[v], v, frame.err, frame.eip, frame.ebp);
  else if (v < IRQ_BASE) panic_trap("reserved exception", v, frame.err, frame.eip, frame.ebp);
  // An unclaimed device or IPI vector: counted above, otherwise ignored.
}
