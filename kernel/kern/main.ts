// main.ts: kernel_main (the boot CPU, from entry.S) and ap_main (every other CPU, from the
// trampoline). The order matters: output first (to report anything), then the descriptor
// tables and %fs (so mycpu() works), paging, the interrupt hardware, the timer, the APs;
// last the selftests (`selftest` on the command line) or the console.
import { uart_init, uart_intr_enable } from "../dev/uart.ts";
import { kprintf, kprintf1, kprintf2, kprintf3 } from "../dev/kprintf.ts";
import { multiboot_init, multiboot_ram_end, cmdline_has, multiboot_cmdline } from "./multiboot.ts";
import { bootalloc_init } from "./bootalloc.ts";
import { mm_startup } from "../mm/mm.ts";
import { pmap_init, pmap_ap_init } from "../mm/pmap.ts";
import { gdt_init, gdt_load, tss_load } from "./gdt.ts";
import { percpu_init } from "./percpu.ts";
import { idt_init, idt_load, intr_register, TrapFrame, IRQ_BASE, LAPIC_TIMER_VECTOR, IPI_TEST, IPI_STOP, SPURIOUS_VECTOR, LAPIC_ERROR_VECTOR } from "./trap.ts";
import { pmap_bootstrap } from "./pmap_boot.ts";
import { smp_discover, smp_assign_cpuids, smp_start_aps, ap_starting } from "./smp.ts";
import { apicinfo } from "../dev/apicinfo.ts";
import { lapic_init, lapic_id, lapic_timer_calibrate, lapic_timer_per_ms } from "../dev/lapic.ts";
import { ioapic_init, ioapic_route_isa, ioapic_mask_isa, pic_disable } from "../dev/ioapic.ts";
import { pit_init, pit_intr, PIT_ISA_IRQ } from "../dev/pit.ts";
import { globaldata, Globaldata, mycpu, ncpus, ncpus_online, ncpus_online_inc } from "./globaldata.ts";
import { panic } from "./panic.ts";
import { console_run, console_rx_intr, console_set_irq_driven } from "./console.ts";
import { selftest_run_all } from "../test/selftest.ts";
import { selftests_register_all } from "../test/registry.ts";
import { debug_exit, EXIT_PASS, EXIT_FAIL } from "../dev/debugexit.ts";
import { __kernel_end, boot_stack_top, load_kernel_segments, cpu_halt_forever } from "./cpufunc.ts";
import { lwkt_boot, lwkt_smp_boot } from "../lwkt/init.ts";
import { lwkt_clock_init, lwkt_clock_start } from "../lwkt/clock.ts";
import { systimer_intr } from "../lwkt/systimer.ts";
import { slab_cleanup_start } from "../mm/slab.ts";
import { lwkt_ap_idle, TDPRI_INT_MED } from "../lwkt/thread.ts";
import { register_int } from "../lwkt/ithread.ts";


const COM1_IRQ: u32 = 4;
/** Without any memory information, assume this much RAM above the kernel (bounded, small). */
const FALLBACK_BOOT_MEMORY: u32 = 0x400000;

function timer_intr(frame: TrapFrame): void {
  systimer_intr();
}

function pit_intr_handler(frame: TrapFrame): void {
  pit_intr();
}

function ipi_test_intr(frame: TrapFrame): void {
  const gd: Globaldata = mycpu();
  gd.gd_ipi_test_last_vector = frame.vector;
  barrier();
  xadd(addressof(gd.gd_ipi_test_received), 1);
}

function ipi_stop_intr(frame: TrapFrame): void {
  cpu_halt_forever();
}

function ignore_intr(frame: TrapFrame): void {}

/** What every CPU does for itself: descriptor tables, %fs, TSS, LAPIC, timer. */
function cpu_init_common(cpu: u32): void {
  gdt_load();
  load_kernel_segments();
  percpu_init(cpu);
  const gd: Globaldata = mycpu();
  tss_load(cpu, gd.gd_stack_top);
  idt_load();
}

function cpu_online(gd: Globaldata): void {
  gd.gd_lapic_id_seen = lapic_id();
  gd.gd_cpuid_seen = mycpu().gd_cpuid;
  barrier();
  gd.gd_online = 1;
  ncpus_online_inc();
}

export function kernel_main(magic: u32, mbi: usize): void {
  uart_init();
  multiboot_init(magic, mbi);
  kprintf1("Damselfly kernel: cmdline \"%s\"\n", multiboot_cmdline());

  const kend: usize = addressof(__kernel_end[0]);
  let ram_end: usize = multiboot_ram_end(mbi, kend);
  if (ram_end == 0) ram_end = kend + FALLBACK_BOOT_MEMORY;
  bootalloc_init(ram_end);
  mm_startup(mbi);

  gdt_init();
  globaldata[0].gd_stack_top = addressof(boot_stack_top[0]);
  idt_init();
  cpu_init_common(0);
  lwkt_boot();
  intr_register(LAPIC_TIMER_VECTOR, timer_intr);
  intr_register(IPI_TEST, ipi_test_intr);
  intr_register(IPI_STOP, ipi_stop_intr);
  intr_register(SPURIOUS_VECTOR, ignore_intr);
  intr_register(LAPIC_ERROR_VECTOR, ignore_intr);

  pmap_bootstrap();
  pmap_init();

  smp_discover(!cmdline_has("noacpi"));
  pic_disable();
  lapic_init(SPURIOUS_VECTOR, LAPIC_ERROR_VECTOR);
  smp_assign_cpuids();
  lwkt_smp_boot();
  lwkt_clock_init();
  const have_ioapic: bool = ioapic_init();
  if (!have_ioapic) kprintf("ioapic: none found; console input is polled\n");

  // Calibrate the LAPIC timer by the PIT's interrupts, then mask the PIT again: it is only
  // a reference clock (the selftests unmask it to re-measure).
  pit_init();
  const pit_vector: u32 = IRQ_BASE + apicinfo.isa_gsi[PIT_ISA_IRQ];
  intr_register(pit_vector, pit_intr_handler);
  const pit_routed: bool = have_ioapic && ioapic_route_isa(PIT_ISA_IRQ, pit_vector, globaldata[0].gd_apicid) != 0xffffffff;
  sti();
  lapic_timer_calibrate(pit_routed);
  cli();
  if (pit_routed) ioapic_mask_isa(PIT_ISA_IRQ, true);
  lwkt_clock_start(LAPIC_TIMER_VECTOR);
  slab_cleanup_start();

  // COM1's receive interrupt wakes an interrupt thread that feeds the console.
  const com1_vector: u32 = IRQ_BASE + apicinfo.isa_gsi[COM1_IRQ];
  if (have_ioapic) {
    register_int(com1_vector, console_rx_intr, 0, "com1", 0, TDPRI_INT_MED);
    if (ioapic_route_isa(COM1_IRQ, com1_vector, globaldata[0].gd_apicid) != 0xffffffff) {
      uart_intr_enable();
      console_set_irq_driven();
    }
  }

  cpu_online(globaldata[0]);
  sti();
  smp_start_aps();
  kprintf4_summary();

  // `panictest`: panic on purpose, so the host can check the panic path and its backtrace.
  if (cmdline_has("panictest")) panic("panictest requested on the command line");
  selftests_register_all();
  if (cmdline_has("selftest")) {
    const failed: u32 = selftest_run_all();
    debug_exit(failed == 0 ? EXIT_PASS : EXIT_FAIL);
    cpu_halt_forever();
  }
  console_run();
  panic("console_run returned");
}

function kprintf4_summary(): void {
  kprintf3("cpus: %u of %u online (tables: %s)", ncpus_online, ncpus, apicinfo.source);
  kprintf1(", lapic timer %u counts/ms\n", lapic_timer_per_ms);
}

/** Every AP, on its own stack, paging on, interrupts off. */
export function ap_main(): void {
  const cpu: u32 = ap_starting;
  cpu_init_common(cpu);
  pmap_ap_init();
  lapic_init(SPURIOUS_VECTOR, LAPIC_ERROR_VECTOR);
  lwkt_clock_start(LAPIC_TIMER_VECTOR);
  slab_cleanup_start();
  cpu_online(mycpu());
  // This bring-up context becomes the CPU's LWKT idle thread.
  lwkt_ap_idle();
}
