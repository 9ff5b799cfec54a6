// The machine operations KBC can name, with their stack effects. One table: the front end
// checks calls against it, the interpreter and the x86 backend dispatch on its names.
import type { KType } from "./types.ts";

export interface IntrinsicSpec {
  /** Operand types, first-pushed first. Pointers and ports are u32. */
  params: KType[];
  result: KType | null;
  /** The x86 instruction(s) it stands for, for readers of the KBC text. */
  x86: string;
}

const u32: KType = "u32";
const u64: KType = "u64";

export const INTRINSICS = {
  // Port I/O. The port is a u32 of which the low 16 bits are used; values are zero-extended.
  inb: { params: [u32], result: u32, x86: "inb %dx, %al" },
  inw: { params: [u32], result: u32, x86: "inw %dx, %ax" },
  inl: { params: [u32], result: u32, x86: "inl %dx, %eax" },
  outb: { params: [u32, u32], result: null, x86: "outb %al, %dx" },
  outw: { params: [u32, u32], result: null, x86: "outw %ax, %dx" },
  outl: { params: [u32, u32], result: null, x86: "outl %eax, %dx" },
  // Processor state.
  cli: { params: [], result: null, x86: "cli" },
  sti: { params: [], result: null, x86: "sti" },
  hlt: { params: [], result: null, x86: "hlt" },
  pause: { params: [], result: null, x86: "pause" },
  read_eflags: { params: [], result: u32, x86: "pushfl; popl" },
  write_eflags: { params: [u32], result: null, x86: "pushl; popfl" },
  read_cr0: { params: [], result: u32, x86: "movl %cr0, r" },
  read_cr2: { params: [], result: u32, x86: "movl %cr2, r" },
  read_cr3: { params: [], result: u32, x86: "movl %cr3, r" },
  read_cr4: { params: [], result: u32, x86: "movl %cr4, r" },
  write_cr0: { params: [u32], result: null, x86: "movl r, %cr0" },
  write_cr3: { params: [u32], result: null, x86: "movl r, %cr3" },
  write_cr4: { params: [u32], result: null, x86: "movl r, %cr4" },
  invlpg: { params: [u32], result: null, x86: "invlpg (r)" },
  /** Operand: address of a 6-byte pseudo-descriptor. */
  lgdt: { params: [u32], result: null, x86: "lgdt (r)" },
  lidt: { params: [u32], result: null, x86: "lidt (r)" },
  ltr: { params: [u32], result: null, x86: "ltr r16" },
  rdtsc: { params: [], result: u64, x86: "rdtsc (edx:eax)" },
  /** cpuid(leaf, subleaf, out): writes eax, ebx, ecx, edx as four u32 at `out`. */
  cpuid: { params: [u32, u32, u32], result: null, x86: "cpuid" },
  rdmsr: { params: [u32], result: u64, x86: "rdmsr (ecx -> edx:eax)" },
  wrmsr: { params: [u32, u64], result: null, x86: "wrmsr (ecx, edx:eax)" },
  // Atomics on a 32-bit word; each returns the value the word held before.
  /** xchg(ptr, value) -> old */
  xchg: { params: [u32, u32], result: u32, x86: "xchgl r, (p)" },
  /** cmpxchg(ptr, expected, replacement) -> old; stored only if old == expected. */
  cmpxchg: { params: [u32, u32, u32], result: u32, x86: "lock cmpxchgl r, (p)" },
  /** xadd(ptr, delta) -> old */
  xadd: { params: [u32, u32], result: u32, x86: "lock xaddl r, (p)" },
  /** Compiler and CPU full fence: no memory access moves across it. */
  barrier: { params: [], result: null, x86: "lock addl $0, (%esp)" },
  // Volatile MMIO: exactly one access of exactly this width, never merged, elided or moved.
  mmio_read8: { params: [u32], result: u32, x86: "movzbl (p), r" },
  mmio_read16: { params: [u32], result: u32, x86: "movzwl (p), r" },
  mmio_read32: { params: [u32], result: u32, x86: "movl (p), r" },
  mmio_write8: { params: [u32, u32], result: null, x86: "movb r8, (p)" },
  mmio_write16: { params: [u32, u32], result: null, x86: "movw r16, (p)" },
  mmio_write32: { params: [u32, u32], result: null, x86: "movl r, (p)" },
} as const satisfies Record<string, IntrinsicSpec>;

export type IntrinsicName = keyof typeof INTRINSICS;

export function isIntrinsicName(name: string): name is IntrinsicName {
  return Object.prototype.hasOwnProperty.call(INTRINSICS, name);
}

export function intrinsicSpec(name: IntrinsicName): IntrinsicSpec {
  return INTRINSICS[name];
}
