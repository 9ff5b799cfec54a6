// mm.ts: kernel/mm's one entry point from kernel_main (right after the boot allocator exists,
// before the APs start): the physical page allocator, the slab allocator, their console
// commands.
import { vm_page_startup, vmstat_print } from "./vm_page.ts";
import { console_register } from "../kern/console.ts";

function cmd_vmstat(): void {
  vmstat_print();
}

export function mm_startup(mbi: usize): void {
  vm_page_startup(mbi);
  console_register("vmstat", "physical page counters", cmd_vmstat);
}
