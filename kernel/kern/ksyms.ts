// ksyms.ts: address -> function name, for backtraces. The table is generated at build time
// from the linked image's own ELF symbol table (boot/kernel/mkksyms.ts writes ksyms.S) and
// linked into .rodata; the image is linked twice, and since .text comes first, the second
// link (with the real table) leaves every code address where the first one put it.
//   ksym_table: ksym_count pairs {address, offset of the name in ksym_strtab}, by address.

declare const ksym_count: u32;
declare const ksym_table: FixedArray<u32, 2>;
declare const ksym_strtab: FixedArray<u8, 1>;

/** Index of the symbol containing `pc` (the last one at or below it), or -1. */
export function ksym_index(pc: usize): i32 {
  let lo: u32 = 0;
  let hi: u32 = ksym_count;
  if (hi == 0 || pc < ksym_table[0]) return -1;
  while (hi - lo > 1) {
    const mid: u32 = (lo + hi) >>> 1;
    if (ksym_table[mid * 2] <= pc) lo = mid;
    else hi = mid;
  }
  return i32(lo);
}

/** The name (C string address) of the function containing pc, or 0 if unknown. */
export function ksym_name(pc: usize): usize {
  const i: i32 = ksym_index(pc);
  if (i < 0) return 0;
  return addressof(ksym_strtab[0]) + ksym_table[u32(i) * 2 + 1];
}

/** Offset of pc from the start of its symbol. */
export function ksym_offset(pc: usize): u32 {
  const i: i32 = ksym_index(pc);
  if (i < 0) return pc;
  return pc - ksym_table[u32(i) * 2];
}

/** Address of the symbol called `name`, or 0: lets selftests check the table both ways. */
export function ksym_lookup(name: string): usize {
  const n: usize = addr(name);
  for (let i: u32 = 0; i < ksym_count; i++) {
    const s: usize = addressof(ksym_strtab[0]) + ksym_table[i * 2 + 1];
    let k: u32 = 0;
    while (load<u8>(s + k) == load<u8>(n + k) && load<u8>(n + k) != 0) k++;
    if (load<u8>(s + k) == load<u8>(n + k)) return ksym_table[i * 2];
  }
  return 0;
}

export function ksym_total(): u32 {
  return ksym_count;
}
