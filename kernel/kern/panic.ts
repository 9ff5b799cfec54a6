// panic.ts: stop the kernel with a message and a symbolized backtrace. The first CPU to
// panic takes the console (breaking its lock: the holder may be the broken CPU), tells the
// other CPUs to stop, prints, then leaves through the debug-exit port (so a test run ends
// at once with a distinct status) or halts on a machine without it.
import { kprintf, kprintf1, kprintf2, kprintf3, kprintf_panic_takeover } from "../dev/kprintf.ts";
import { ksym_name, ksym_offset } from "./ksyms.ts";
import { debug_exit, EXIT_PANIC } from "../dev/debugexit.ts";
import { lapic_stop_others } from "../dev/lapic.ts";
import { percpu_cpuid_safe } from "./percpu.ts";
import { read_ebp, cpu_halt_forever, __kernel_start, __kernel_end } from "./cpufunc.ts";


let panicking: u32 = 0;
const BACKTRACE_MAX: u32 = 16;

/** Print "  #n addr name+off" for each frame of the %ebp chain starting at `ebp`. */
export function backtrace_from(ebp: u32, first_pc: u32): void {
  let fp: u32 = ebp;
  let pc: u32 = first_pc;
  let shown: u32 = 0;
  for (let n: u32 = 0; n < BACKTRACE_MAX; n++) {
    if (pc != 0) {
      const name: usize = ksym_name(pc);
      if (name != 0) kprintf3("  #%u %p %s", shown, pc, name);
      else kprintf2("  #%u %p ?", shown, pc);
      kprintf1("+0x%x\n", ksym_offset(pc));
      shown++;
    }
    // Frames live on kernel stacks, inside RAM we own; anything else ends the walk.
    if (fp == 0 || (fp & 3) != 0 || fp < 0x1000 || fp >= 0xfe000000) break;
    pc = load<u32>(fp + 4);
    fp = load<u32>(fp);
  }
}

export function backtrace(): void {
  backtrace_from(read_ebp(), 0);
}

function panic_begin(): bool {
  cli();
  if (xchg(addressof(panicking), 1) != 0) return false;
  kprintf_panic_takeover();
  lapic_stop_others();
  return true;
}

function panic_end(): void {
  debug_exit(EXIT_PANIC);
  cpu_halt_forever();
}

export function panic(msg: string): void {
  if (!panic_begin()) cpu_halt_forever();
  kprintf2("\npanic: cpu%u: %s\n", percpu_cpuid_safe(), addr(msg));
  backtrace();
  panic_end();
}

/** panic with one number (a register, an address) appended: panic1("bad vector %u", v). */
export function panic1(fmt: string, a: u32): void {
  if (!panic_begin()) cpu_halt_forever();
  kprintf1("\npanic: cpu%u: ", percpu_cpuid_safe());
  kprintf1(fmt, a);
  kprintf("\n");
  backtrace();
  panic_end();
}

/** panic from a trap frame: the message, then the frame's registers and its backtrace. */
export function panic_trap(msg: string, vector: u32, err: u32, eip: u32, ebp: u32): void {
  if (!panic_begin()) cpu_halt_forever();
  kprintf3("\npanic: cpu%u: %s (vector %u)", percpu_cpuid_safe(), addr(msg), vector);
  kprintf3(" err=%x eip=%p cr2=%p\n", err, eip, read_cr2());
  backtrace_from(ebp, eip);
  panic_end();
}

/** KBC `trap` (division by zero in checked code, unreachable paths): a kernel panic. */
export function __tsk_trap(reason: string): void {
  panic(reason);
}
