// console.ts: the kernel console on the serial line, until userland has a shell. It reads
// lines from the UART's ring, filled by the COM1 interrupt thread (which wakes the console)
// or, without an IOAPIC, polled once a tick; and runs commands from a table; other
// subsystems add or replace commands with console_register (kernel/lwkt replaces `threads`).
import { uart_getc, uart_rx_pending, uart_poll_rx } from "../dev/uart.ts";
import { kprintf, kprintf1, kprintf2, kputc } from "../dev/kprintf.ts";
import { globaldata, Globaldata, ncpus, ncpus_online } from "./globaldata.ts";
import { apicinfo } from "../dev/apicinfo.ts";
import { lapic_timer_per_ms, HZ } from "../dev/lapic.ts";
import { intr_count, IPI_TEST } from "./trap.ts";
import { debug_exit, EXIT_PASS } from "../dev/debugexit.ts";
import { lapic_send_ipi_all_but_self } from "../dev/lapic.ts";
import { IPI_STOP } from "./trap.ts";
import { cpu_halt_forever, cpu_triple_fault } from "./cpufunc.ts";
import { tsleep_interlock, tsleep_commit, tsleep_cancel, wakeup } from "../lwkt/sleep.ts";


export type ConsoleCmd = () => void;

class ConsoleEntry {
  name: string | null = null;
  help: string | null = null;
  fn: ConsoleCmd | null = null;
}

const MAX_COMMANDS: u32 = 32;
let commands: FixedArray<Inline<ConsoleEntry>, 32> = [];
let ncommands: u32 = 0;
let line: FixedArray<u8, 128> = [];
let line_len: u32 = 0;

function str_eq(a: usize, b: usize): bool {
  let i: u32 = 0;
  while (load<u8>(a + i) == load<u8>(b + i)) {
    if (load<u8>(a + i) == 0) return true;
    i++;
  }
  return false;
}

/** Add a command, or replace the one of the same name. */
export function console_register(name: string, help: string, fn: ConsoleCmd): void {
  for (let i: u32 = 0; i < ncommands; i++) {
    const n = commands[i].name;
    if (n != null && str_eq(addr(n), addr(name))) {
      commands[i].help = help;
      commands[i].fn = fn;
      return;
    }
  }
  if (ncommands >= MAX_COMMANDS) return;
  commands[ncommands].name = name;
  commands[ncommands].help = help;
  commands[ncommands].fn = fn;
  ncommands++;
}

function cmd_help(): void {
  for (let i: u32 = 0; i < ncommands; i++) {
    const n = commands[i].name;
    const h = commands[i].help;
    if (n != null && h != null) kprintf2("  %-10s %s\n", addr(n), addr(h));
  }
}

function cmd_cpus(): void {
  kprintf2("%u CPUs, %u online", ncpus, ncpus_online);
  kprintf2(" (from %s; lapic timer %u counts/ms)\n", apicinfo.source, lapic_timer_per_ms);
  kprintf("  cpu  apic  online  ticks     interrupts\n");
  for (let c: u32 = 0; c < ncpus; c++) {
    const gd: Globaldata = globaldata[c];
    kprintf4x(c, gd.gd_apicid, gd.gd_online, gd.gd_ticks, gd.gd_intr_count);
  }
}

function kprintf4x(c: u32, apic: u32, online: u32, ticks: u32, intrs: u32): void {
  kprintf2("  %3u  %4u", c, apic);
  kprintf2("  %6s  %-8u", online != 0 ? addr("yes") : addr("no"), ticks);
  kprintf1("  %u\n", intrs);
}

function cmd_threads(): void {
  kprintf("no threads yet: the LWKT scheduler (kernel/lwkt) is not in this kernel\n");
}

function cmd_ipistat(): void {
  kprintf("  cpu  ipi-sent  ipi-received  test-ipis\n");
  for (let c: u32 = 0; c < ncpus; c++) {
    const gd: Globaldata = globaldata[c];
    kprintf2("  %3u  %8u", c, gd.gd_ipi_sent);
    kprintf2("  %12u  %9u\n", gd.gd_ipi_received, gd.gd_ipi_test_received);
  }
  kprintf1("  test vector interrupts, all CPUs: %u\n", intr_count(IPI_TEST));
}

function cmd_reboot(): void {
  kprintf("rebooting\n");
  outb(0x64, 0xfe); // keyboard controller: pulse the reset line
  // No 8042 reset: triple fault (an empty IDT, then an exception).
  let empty: FixedArray<u16, 4> = [];
  lidt(addressof(empty[1]));
  cpu_halt_forever_via_fault();
}

function cpu_halt_forever_via_fault(): void {
  cpu_triple_fault();
}

function cmd_halt(): void {
  kprintf("halting\n");
  if (ncpus > 1) lapic_send_ipi_all_but_self(IPI_STOP);
  debug_exit(0); // ends the emulator where the debug-exit port exists
  cpu_halt_forever();
}

/** Register `name` only if nobody registered it yet. */
function console_register_default(name: string, help: string, fn: ConsoleCmd): void {
  for (let i: u32 = 0; i < ncommands; i++) {
    const n = commands[i].name;
    if (n != null && str_eq(addr(n), addr(name))) return;
  }
  console_register(name, help, fn);
}

export function console_init(): void {
  console_register("help", "list the commands", cmd_help);
  console_register("cpus", "CPUs, their LAPIC IDs, ticks and interrupts", cmd_cpus);
  // kernel/lwkt registers its own threads/ipistat before the console starts: keep those.
  console_register_default("threads", "LWKT threads on each CPU", cmd_threads);
  console_register_default("ipistat", "IPIs sent and received per CPU", cmd_ipistat);
  console_register("reboot", "reset the machine", cmd_reboot);
  console_register("halt", "stop every CPU (and the emulator)", cmd_halt);
}

function run_line(): void {
  line[line_len] = 0;
  let start: u32 = 0;
  while (line[start] == 32) start++;
  let end: u32 = line_len;
  while (end > start && line[end - 1] == 32) end--;
  line[end] = 0;
  if (end == start) return;
  const word: usize = addressof(line[start]);
  for (let i: u32 = 0; i < ncommands; i++) {
    const n = commands[i].name;
    const f = commands[i].fn;
    if (n != null && f != null && str_eq(addr(n), word)) {
      f();
      return;
    }
  }
  kprintf1("unknown command: %s (try help)\n", word);
}

let console_chan: u32 = 0;
/** 1 once COM1's interrupt thread feeds the ring (console_rx_intr); else the console polls. */
let console_irq_driven: u32 = 0;

/** COM1's interrupt thread handler: move the received bytes into the ring, wake the reader. */
export function console_rx_intr(arg: usize): void {
  uart_poll_rx();
  if (uart_rx_pending()) wakeup(addressof(console_chan));
}

export function console_set_irq_driven(): void {
  console_irq_driven = 1;
}

/**
 * Wait for one input byte. The console runs in an LWKT thread (thread0) and sleeps, so other
 * threads of this CPU run meanwhile and the CPU's idle thread does the halting: until the
 * interrupt thread's wakeup, or for one tick when there is no receive interrupt.
 */
function console_getc(): u32 {
  for (;;) {
    // On the sleep queue before looking, so a wakeup right after the look is not lost.
    tsleep_interlock(addressof(console_chan), "conin", console_irq_driven != 0 ? 0 : 1);
    cli();
    if (console_irq_driven == 0) uart_poll_rx();
    const c: i32 = uart_getc();
    sti();
    if (c >= 0) {
      tsleep_cancel();
      return u32(c);
    }
    tsleep_commit();
  }
}

export function console_run(): void {
  console_init();
  kprintf("Damselfly kernel console; type help\n");
  for (;;) {
    kprintf("> ");
    line_len = 0;
    for (;;) {
      const c: u32 = console_getc();
      if (c == 13 || c == 10) {
        kputc(10);
        break;
      }
      if (c == 8 || c == 127) {
        if (line_len > 0) {
          line_len--;
          kputc(8); kputc(32); kputc(8);
        }
        continue;
      }
      if (c < 32 || line_len >= 127) continue;
      line[line_len] = u8(c);
      line_len++;
      kputc(c);
    }
    run_line();
  }
}

export function console_has_input(): bool {
  return uart_rx_pending();
}

export const CONSOLE_HZ: u32 = HZ;
