// gdt.ts: the one GDT all CPUs share, and each CPU's TSS. Layout (selector = index * 8):
//   1 kernel code 0x08, 2 kernel data 0x10 (the same selectors entry.S's boot GDT uses),
//   3 user code 0x1b, 4 user data 0x23 (ring 3, for the process issue),
//   5 + 2*cpu: that CPU's %fs segment (base = its .percpu copy),
//   6 + 2*cpu: that CPU's TSS (ring-0 stack for traps from ring 3).
// Intel SDM vol. 3A §3.4.5 (segment descriptors), §7.2 (TSS).

export const KCODE_SEL: u32 = 0x08;
export const KDATA_SEL: u32 = 0x10;
export const UCODE_SEL: u32 = 0x1b;
export const UDATA_SEL: u32 = 0x23;
const GDT_FIRST_CPU: u32 = 5;
const GDT_ENTRIES: u32 = 69; // 5 + 2 * MAXCPU

// Access bytes: present | DPL | type.
const ACC_KCODE: u32 = 0x9a;
const ACC_KDATA: u32 = 0x92;
const ACC_UCODE: u32 = 0xfa;
const ACC_UDATA: u32 = 0xf2;
const ACC_TSS: u32 = 0x89; // 32-bit available TSS
const FLAGS_4K_32: u32 = 0xc; // granularity 4 KiB, 32-bit
const FLAGS_BYTE_32: u32 = 0x4;

let gdt: FixedArray<u32, 138> = [];
let gdt_pseudo: FixedArray<u16, 4> = []; // [pad, limit, base lo, base hi]: lgdt reads 6 bytes from [1]

export class Tss {
  link: u32 = 0;
  esp0: u32 = 0;
  ss0: u32 = 0;
  rest!: FixedArray<u32, 22>; // esp1..ldt: unused by a kernel that never task-switches
  trap: u16 = 0;
  iomap_base: u16 = 0;
}
let tss: FixedArray<Inline<Tss>, 32> = [];

function gdt_set(index: u32, base: u32, limit: u32, access: u32, flags: u32): void {
  gdt[index * 2] = (limit & 0xffff) | ((base & 0xffff) << 16);
  gdt[index * 2 + 1] = ((base >>> 16) & 0xff) | (access << 8) | (limit & 0xf0000) | (flags << 20) | (base & 0xff000000);
}

/** Fill the shared entries once (BSP, before any AP starts). */
export function gdt_init(): void {
  gdt_set(1, 0, 0xfffff, ACC_KCODE, FLAGS_4K_32);
  gdt_set(2, 0, 0xfffff, ACC_KDATA, FLAGS_4K_32);
  gdt_set(3, 0, 0xfffff, ACC_UCODE, FLAGS_4K_32);
  gdt_set(4, 0, 0xfffff, ACC_UDATA, FLAGS_4K_32);
  gdt_pseudo[1] = u16(GDT_ENTRIES * 8 - 1);
  const base: u32 = addressof(gdt[0]);
  gdt_pseudo[2] = u16(base);
  gdt_pseudo[3] = u16(base >>> 16);
}

export function gdt_fs_selector(cpu: u32): u32 {
  return (GDT_FIRST_CPU + 2 * cpu) * 8;
}

export function gdt_tss_selector(cpu: u32): u32 {
  return (GDT_FIRST_CPU + 2 * cpu + 1) * 8;
}

/** This CPU's %fs segment: `size` bytes at `base` (its per-CPU data copy). */
export function gdt_set_percpu(cpu: u32, base: u32, size: u32): void {
  gdt_set(GDT_FIRST_CPU + 2 * cpu, base, size - 1, ACC_KDATA, FLAGS_BYTE_32);
}

/** Describe and load this CPU's TSS with `stack_top` as its ring-0 stack. */
export function tss_load(cpu: u32, stack_top: u32): void {
  const t: Tss = tss[cpu];
  t.ss0 = KDATA_SEL;
  t.esp0 = stack_top;
  t.iomap_base = u16(sizeof<Tss>()); // no I/O bitmap: ring 3 gets no ports
  gdt_set(GDT_FIRST_CPU + 2 * cpu + 1, addr(t), sizeof<Tss>() - 1, ACC_TSS, FLAGS_BYTE_32);
  ltr(gdt_tss_selector(cpu));
}

export function tss_set_esp0(cpu: u32, esp0: u32): void {
  tss[cpu].esp0 = esp0;
}

/** Load the shared GDT on this CPU (segment registers are reloaded by load_kernel_segments). */
export function gdt_load(): void {
  lgdt(addressof(gdt_pseudo[1]));
}
