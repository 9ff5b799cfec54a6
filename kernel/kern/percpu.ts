// percpu.ts: gives each CPU its own copy of the .percpu template and points %fs at it.
// tsk compiles an @percpu access as `movl %fs:0, r; leal (x - __percpu_start)(r)`: the copy's
// first word holds the copy's own linear address ("self"), and %fs's descriptor has the copy
// as its base, so %fs:0 reads it. The template itself is never used at run time.
import { globaldata, Globaldata, gd_mycpu, set_mycpu } from "./globaldata.ts";
import { gdt_set_percpu, gdt_fs_selector, KDATA_SEL } from "./gdt.ts";
import { bootalloc } from "./bootalloc.ts";
import { __percpu_start, __percpu_end, memcpy, load_fs, read_fs } from "./cpufunc.ts";


/** Bytes in one per-CPU copy (the template's size, at least the self word). */
export function percpu_size(): u32 {
  const n: u32 = addressof(__percpu_end[0]) - addressof(__percpu_start[0]);
  return n < 4 ? 4 : n;
}

/**
 * Give CPU `cpu` its per-CPU copy (allocated here; the caller is that CPU or the BSP before
 * the CPU starts) and load %fs with it. Called by the CPU itself, first thing after entry.
 */
export function percpu_init(cpu: u32): void {
  const gd: Globaldata = globaldata[cpu];
  let base: usize = gd.gd_percpu_base;
  const size: u32 = percpu_size();
  if (base == 0) {
    base = bootalloc(size);
    gd.gd_percpu_base = base;
  }
  memcpy(base, addressof(__percpu_start[0]), size);
  store<u32>(base, base); // the self pointer
  gdt_set_percpu(cpu, base, size);
  load_fs(gdt_fs_selector(cpu));
  set_mycpu(gd);
  gd.gd_cpuid = cpu;
}

/** The CPU number if this CPU's %fs is set up, else 0 (early boot and panics). */
export function percpu_cpuid_safe(): u32 {
  const fs: u32 = read_fs();
  if (fs == KDATA_SEL || fs == 0) return 0;
  const gd = gd_mycpu;
  if (gd == null) return 0;
  return gd.gd_cpuid;
}
