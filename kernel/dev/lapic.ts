// lapic.ts: the local APIC of each CPU (xAPIC, memory-mapped): enable, EOI, IPIs, and the
// timer, calibrated once against the PIT and then run periodically at HZ on every CPU.
// Intel SDM vol. 3A chapter 10 (register map table 10-1; ICR §10.6.1; timer §10.5.4).
import { apicinfo } from "./apicinfo.ts";
import { pit_read, pit_init, PIT_HZ } from "./pit.ts";
import { mycpu, Globaldata, globaldata, ncpus } from "../kern/globaldata.ts";

const LAPIC_ID: u32 = 0x20; //      bits 31:24
const LAPIC_VER: u32 = 0x30;
const LAPIC_TPR: u32 = 0x80;
const LAPIC_EOI: u32 = 0xb0;
const LAPIC_SVR: u32 = 0xf0;
const LAPIC_SVR_ENABLE: u32 = 0x100;
const LAPIC_ESR: u32 = 0x280;
const LAPIC_ICR_LO: u32 = 0x300;
const ICR_FIXED: u32 = 0x000;
const ICR_NMI: u32 = 0x400;
const ICR_INIT: u32 = 0x500;
const ICR_STARTUP: u32 = 0x600;
const ICR_DELIVS: u32 = 0x1000; //  send pending
const ICR_ASSERT: u32 = 0x4000;
const ICR_LEVEL: u32 = 0x8000;
const ICR_ALL_BUT_SELF: u32 = 0xc0000;
const LAPIC_ICR_HI: u32 = 0x310; // destination in bits 31:24
const LAPIC_LVT_TIMER: u32 = 0x320;
const LVT_MASKED: u32 = 0x10000;
const LVT_PERIODIC: u32 = 0x20000;
const LAPIC_LVT_LINT0: u32 = 0x350;
const LAPIC_LVT_LINT1: u32 = 0x360;
const LAPIC_LVT_ERROR: u32 = 0x370;
const LAPIC_TIMER_INIT: u32 = 0x380;
const LAPIC_TIMER_CUR: u32 = 0x390;
const LAPIC_TIMER_DIV: u32 = 0x3e0;
const TIMER_DIV_16: u32 = 0x3;

/** Timer interrupts per second on each CPU. */
export const HZ: u32 = 100;

let lapic_base: u32 = 0xfee00000;
/** LAPIC timer counts (at divide 16) per millisecond, measured by lapic_timer_calibrate. */
export let lapic_timer_per_ms: u32 = 0;
/** PIT ticks the calibration window really lasted (for the selftest's plausibility check). */
export let lapic_calib_pit_ticks: u32 = 0;

function lapic_read(reg: u32): u32 {
  return mmio_read32(lapic_base + reg);
}

function lapic_write(reg: u32, value: u32): void {
  mmio_write32(lapic_base + reg, value);
  mmio_read32(lapic_base + LAPIC_ID); // wait for the write to land (xv6's habit; harmless)
}

export function lapic_id(): u32 {
  return lapic_read(LAPIC_ID) >>> 24;
}

export function lapic_version(): u32 {
  return lapic_read(LAPIC_VER);
}

/** Per CPU: software-enable, spurious vector, mask LINT0/1 (the 8259 is masked), TPR 0. */
export function lapic_init(spurious_vector: u32, error_vector: u32): void {
  lapic_base = apicinfo.lapic_addr;
  lapic_write(LAPIC_SVR, LAPIC_SVR_ENABLE | spurious_vector);
  lapic_write(LAPIC_LVT_TIMER, LVT_MASKED);
  lapic_write(LAPIC_LVT_LINT0, LVT_MASKED);
  lapic_write(LAPIC_LVT_LINT1, LVT_MASKED);
  lapic_write(LAPIC_LVT_ERROR, error_vector);
  lapic_write(LAPIC_ESR, 0); // back-to-back writes clear it (SDM §10.5.3)
  lapic_write(LAPIC_ESR, 0);
  lapic_write(LAPIC_EOI, 0);
  lapic_write(LAPIC_TPR, 0);
}

export function lapic_eoi(): void {
  mmio_write32(lapic_base + LAPIC_EOI, 0);
}

function icr_wait(): void {
  let spins: u32 = 0;
  while ((lapic_read(LAPIC_ICR_LO) & ICR_DELIVS) != 0 && spins < 10000000) {
    pause();
    spins++;
  }
}

function icr_send(apicid: u32, low: u32): void {
  const eflags: u32 = read_eflags();
  cli(); // ICR high then low must not be split by an interrupt that also sends
  icr_wait();
  lapic_write(LAPIC_ICR_HI, apicid << 24);
  lapic_write(LAPIC_ICR_LO, low);
  icr_wait();
  if ((eflags & 0x200) != 0) sti();
}

/** A fixed-vector IPI to the CPU with LAPIC ID `apicid`; counted in gd_ipi_sent. */
export function lapic_send_ipi(apicid: u32, vector: u32): void {
  icr_send(apicid, ICR_FIXED | ICR_ASSERT | (vector & 0xff));
  mycpu().gd_ipi_sent++;
}

/** A fixed-vector IPI to cpuid `cpu` (globaldata index). */
export function ipi_send_cpu(cpu: u32, vector: u32): void {
  lapic_send_ipi(globaldata[cpu].gd_apicid, vector);
}

/** A fixed-vector IPI to every other CPU (shorthand "all excluding self"). */
export function lapic_send_ipi_all_but_self(vector: u32): void {
  icr_send(0, ICR_ALL_BUT_SELF | ICR_FIXED | ICR_ASSERT | (vector & 0xff));
  mycpu().gd_ipi_sent++;
}

/** INIT assert, INIT de-assert (MP spec B.4): resets an AP even if firmware started it. */
export function lapic_send_init(apicid: u32): void {
  icr_send(apicid, ICR_INIT | ICR_LEVEL | ICR_ASSERT);
  icr_send(apicid, ICR_INIT | ICR_LEVEL);
}

export function lapic_send_startup(apicid: u32, page: u32): void {
  icr_send(apicid, ICR_STARTUP | (page & 0xff));
}

/** panic(): NMI every other online CPU so it stops wherever it is (even with IF=0). */
export function lapic_stop_others(): void {
  if (lapic_timer_per_ms == 0 || ncpus <= 1) return;
  icr_send(0, ICR_ALL_BUT_SELF | ICR_NMI | ICR_ASSERT);
}

/**
 * Measure the timer against the PIT: count down from 0xFFFFFFFF (divide 16, masked,
 * one-shot) across ~10 ms of PIT channel 0, then derive counts per ms. BSP only, once.
 */
export function lapic_timer_calibrate(): void {
  pit_init();
  lapic_write(LAPIC_TIMER_DIV, TIMER_DIV_16);
  lapic_write(LAPIC_LVT_TIMER, LVT_MASKED);
  const window: u32 = PIT_HZ / 100; // 10 ms
  let last: u32 = pit_read();
  let elapsed: u32 = 0;
  lapic_write(LAPIC_TIMER_INIT, 0xffffffff);
  while (elapsed < window) {
    const now: u32 = pit_read();
    elapsed += (last - now) & 0xffff;
    last = now;
  }
  const counted: u32 = 0xffffffff - lapic_read(LAPIC_TIMER_CUR);
  lapic_write(LAPIC_TIMER_INIT, 0);
  lapic_calib_pit_ticks = elapsed;
  // counts per ms = counted * (PIT_HZ / 1000) / elapsed, in 64 bits to keep the precision.
  lapic_timer_per_ms = u32((u64(counted) * u64(PIT_HZ)) / (u64(elapsed) * 1000n));
  if (lapic_timer_per_ms == 0) lapic_timer_per_ms = 1;
}

/**
 * Measure the running periodic timer against ~5 ms of PIT (for the selftest): counts per ms.
 * Follows the periodic reloads by watching the current count go up.
 */
export function lapic_timer_measure(): u32 {
  const period: u32 = lapic_read(LAPIC_TIMER_INIT);
  if (period == 0) return 0;
  const eflags: u32 = read_eflags();
  cli();
  const window: u32 = PIT_HZ / 200;
  let last: u32 = pit_read();
  let elapsed: u32 = 0;
  let prev: u32 = lapic_read(LAPIC_TIMER_CUR);
  let counted: u32 = 0;
  while (elapsed < window) {
    const now: u32 = pit_read();
    elapsed += (last - now) & 0xffff;
    last = now;
    const cur: u32 = lapic_read(LAPIC_TIMER_CUR);
    counted += cur <= prev ? prev - cur : prev + (period - cur);
    prev = cur;
  }
  if ((eflags & 0x200) != 0) sti();
  return u32((u64(counted) * u64(PIT_HZ)) / (u64(elapsed) * 1000n));
}

/** Start this CPU's periodic timer at HZ on `vector` (after calibration). */
export function lapic_timer_start(vector: u32): void {
  lapic_write(LAPIC_TIMER_DIV, TIMER_DIV_16);
  lapic_write(LAPIC_LVT_TIMER, LVT_PERIODIC | vector);
  lapic_write(LAPIC_TIMER_INIT, (lapic_timer_per_ms * 1000) / HZ);
}

export function lapic_timer_current(): u32 {
  return lapic_read(LAPIC_TIMER_CUR);
}

/** Timer interrupt: one tick on this CPU. (lwkt hooks its scheduler clock here later.) */
export function lapic_timer_tick(): void {
  const gd: Globaldata = mycpu();
  gd.gd_ticks++;
}

export function lapic_esr(): u32 {
  lapic_write(LAPIC_ESR, 0);
  return lapic_read(LAPIC_ESR);
}
