// mm.ts: kernel/mm's one entry point from kernel_main (right after the boot allocator exists,
// before the APs start): the physical page allocator, the slab allocator, their console
// commands. The kernel pmap (pmap.ts) is set up by kernel_main after the boot page tables
// (pmap_init), and on each AP by ap_main (pmap_ap_init).
import { vm_page_startup, vmstat_print } from "./vm_page.ts";
import { slab_init, slab_gd, SlabGlobaldata } from "./slab.ts";
import { malloc_types_print } from "./malloc_type.ts";
import { console_register } from "../kern/console.ts";
import { kprintf, kprintf4 } from "../dev/kprintf.ts";
import { ncpus } from "../kern/globaldata.ts";

function cmd_vmstat(): void {
  vmstat_print();
}

function cmd_slabstat(): void {
  kprintf("cpu    allocs  localfree remotefree  ipi-sent   ipi-run zones-new zones-rel freezones\n");
  for (let c: u32 = 0; c < ncpus; c++) {
    const sg: SlabGlobaldata = slab_gd[c];
    kprintf4("%3u %9u %10u %10u", c, sg.sg_allocs, sg.sg_frees_local, sg.sg_frees_remote);
    kprintf4(" %9u %9u %9u %9u", sg.sg_signals_sent, sg.sg_signals_run, sg.sg_zones_new, sg.sg_zones_released);
    kprintf4(" %9u\n", sg.NFreeZones, 0, 0, 0);
  }
  malloc_types_print();
}

export function mm_startup(mbi: usize): void {
  vm_page_startup(mbi);
  slab_init();
  console_register("vmstat", "physical page counters", cmd_vmstat);
  console_register("slabstat", "slab allocator counters per CPU and kmalloc types", cmd_slabstat);
}
