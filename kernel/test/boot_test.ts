// boot_test.ts: selftests of the boot floor: formatting, symbols, traps, paging, tables.
import { selftest_register, st_expect, st_expect_eq, st_expect_str } from "./selftest.ts";
import { ksnprintf4 } from "../dev/kprintf.ts";
import { ksym_name, ksym_offset, ksym_lookup, ksym_total } from "../kern/ksyms.ts";
import { intr_register, TrapFrame } from "../kern/trap.ts";
import { paging_enabled } from "../kern/pmap_boot.ts";
import { apicinfo } from "../dev/apicinfo.ts";
import { ioapic_npins } from "../dev/ioapic.ts";
import { cpu_int3, cpu_int3_end } from "../kern/cpufunc.ts";


function test_kprintf_format(): void {
  let buf: FixedArray<u8, 64> = [];
  const n: u32 = ksnprintf4(addressof(buf[0]), 64, "%d|%u|%x|%08x", u32(-42), 4000000000, 0xbeef, 0x1f);
  st_expect_str("ksnprintf", addr("-42|4000000000|beef|0000001f"), addressof(buf[0]));
  st_expect_eq("length", 28, n);
  ksnprintf4(addressof(buf[0]), 64, "[%-5s][%5s][%c%%]", addr("ab"), addr("cd"), 90, 0);
  st_expect_str("padding", addr("[ab   ][   cd][Z%]"), addressof(buf[0]));
  ksnprintf4(addressof(buf[0]), 8, "%s", addr("truncated text"), 0, 0, 0);
  st_expect_str("truncation", addr("truncat"), addressof(buf[0]));
}

function test_ksyms_symbolize(): void {
  st_expect(ksym_total() > 50, "the symbol table lists the kernel's functions");
  const fn: usize = ksym_lookup("ksym_index");
  st_expect(fn != 0, "ksym_lookup finds ksym_index");
  const name: usize = ksym_name(fn + 3);
  st_expect(name != 0, "ksym_name finds a symbol for an address inside ksym_index");
  if (name != 0) st_expect_str("ksym_name(ksym_index+3)", addr("ksym_index"), name);
  st_expect_eq("ksym_offset", 3, ksym_offset(fn + 3));
}

let int3_seen: u32 = 0;
let int3_eip: u32 = 0;

function int3_handler(frame: TrapFrame): void {
  int3_seen++;
  int3_eip = frame.eip;
}

function test_trap_breakpoint(): void {
  intr_register(3, int3_handler);
  const before: u32 = int3_seen;
  cpu_int3();
  st_expect_eq("breakpoint handler runs", before + 1, int3_seen);
  // int3 is a trap: the saved EIP is the instruction after it.
  st_expect_eq("saved eip", addressof(cpu_int3_end[0]), int3_eip);
}

function test_paging_on(): void {
  st_expect(paging_enabled(), "CR0.PG is set");
  // The identity map covers the kernel image and the LAPIC window.
  st_expect_eq("identity map", 0x2badb002, load<u32>(addressof(probe_word)));
}

let probe_word: u32 = 0x2badb002;

/** The interrupt topology is usable: tables (or, without any, this CPU alone) and an IOAPIC. */
function test_tables(): void {
  st_expect(apicinfo.ncpu >= 1, "at least one CPU known (tables, or this CPU when there are none)");
  st_expect_eq("CPUs beyond MAXCPU", 0, apicinfo.ncpu_ignored);
  st_expect(apicinfo.nioapic >= 1, "an IOAPIC listed or found at the standard address");
  st_expect(ioapic_npins() >= 16, "the IOAPIC has at least 16 inputs");
  st_expect(apicinfo.lapic_addr == 0xfee00000, "the LAPIC at 0xFEE00000");
}

export function boot_selftests(): void {
  selftest_register("kprintf.format", test_kprintf_format);
  selftest_register("ksyms.symbolize", test_ksyms_symbolize);
  selftest_register("trap.breakpoint_handled", test_trap_breakpoint);
  selftest_register("paging.identity_map", test_paging_on);
  selftest_register("apic.topology_found", test_tables);
}
