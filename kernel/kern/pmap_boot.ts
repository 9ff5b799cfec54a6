// pmap_boot.ts: turns paging on with the simplest map that covers everything the kernel
// touches before the memory issue's pmap exists: all 4 GiB identity-mapped with 4 MiB (PSE)
// pages, kernel-only, the top 32 MiB (LAPIC, IOAPIC, other MMIO) uncached. Every CPU loads
// the same page directory (entry.S's AP path reads ap_boot_cr3).
// Intel SDM vol. 3A §4.3 (32-bit paging, PDE for a 4 MiB page).
import { kernel_pgdir, ap_boot_cr3 } from "./cpufunc.ts";


const PDE_P: u32 = 0x001;
const PDE_W: u32 = 0x002;
const PDE_PWT: u32 = 0x008;
const PDE_PCD: u32 = 0x010;
const PDE_PS: u32 = 0x080;
const CR0_WP: u32 = 0x00010000;
const CR0_PG: u32 = 0x80000000;
const CR4_PSE: u32 = 0x00000010;
const MMIO_FIRST_PDE: u32 = 0x3f8; // 0xFE000000 >> 22

export function pmap_bootstrap(): void {
  for (let i: u32 = 0; i < 1024; i++) {
    let pde: u32 = (i << 22) | PDE_PS | PDE_W | PDE_P;
    if (i >= MMIO_FIRST_PDE) pde |= PDE_PCD | PDE_PWT;
    kernel_pgdir[i] = pde;
  }
  ap_boot_cr3[0] = addressof(kernel_pgdir[0]);
  pmap_enable_this_cpu();
}

export function pmap_enable_this_cpu(): void {
  write_cr4(read_cr4() | CR4_PSE);
  write_cr3(addressof(kernel_pgdir[0]));
  write_cr0(read_cr0() | CR0_PG | CR0_WP);
}

export function paging_enabled(): bool {
  return (read_cr0() & CR0_PG) != 0;
}
