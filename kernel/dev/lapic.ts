// lapic.ts: the local APIC of each CPU (xAPIC, memory-mapped): enable, EOI, IPIs, and the
// timer, calibrated once against the PIT (the TSC with it, in the same window) and then run
// one-shot on every CPU, re-armed by kernel/lwkt/systimer.ts for its earliest deadline.
// Intel SDM vol. 3A chapter 10 (register map table 10-1; ICR §10.6.1; timer §10.5.4).
import { apicinfo } from "./apicinfo.ts";
import { pit_read, pit_ticks_between, pit_delay_ticks, pit_irqs, PIT_HZ, PIT_IRQ_HZ } from "./pit.ts";
import { cpu_idle_wait } from "../kern/cpufunc.ts";
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
/**
 * TSC counts per millisecond, measured over the same PIT window: the systimers' time base.
 * 32 bits hold up to a 4.29 GHz TSC.
 */
export let tsc_per_ms: u32 = 0;

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

/** Count down one-shot from 0xFFFFFFFF at divide 16, masked: a free-running measure. */
function lapic_timer_freerun(): void {
  lapic_write(LAPIC_TIMER_DIV, TIMER_DIV_16);
  lapic_write(LAPIC_LVT_TIMER, LVT_MASKED);
  lapic_write(LAPIC_TIMER_INIT, 0xffffffff);
}

/**
 * Does the PIT's interrupt reach this CPU? Polls (never halts) for up to ~200 ms of PIT time,
 * so wrong routing (a table that misdescribes IRQ 0) falls back to polling instead of hanging.
 */
function pit_irq_arrives(): bool {
  const seen: u32 = pit_irqs;
  for (let ms: u32 = 0; ms < 200; ms++) {
    if (pit_irqs != seen) return true;
    pit_delay_ticks(PIT_HZ / 1000);
  }
  return pit_irqs != seen;
}

/** Halt until the PIT's next interrupt (IF must be on and IRQ 0 routed to this CPU). */
function wait_pit_irq(): void {
  const seen: u32 = pit_irqs;
  for (;;) {
    cli();
    if (pit_irqs != seen) break;
    cpu_idle_wait(); // sti; hlt back to back: the interrupt cannot slip in between
  }
  sti();
}

/**
 * LAPIC counts per ms across `periods` PIT interrupts (PIT_IRQ_HZ each), halting in between.
 * Halting rather than polling matters on emulators that advance their devices only now and
 * then while the guest runs (v86 updates the PIT's counter so, and polling it gave rates
 * 3x off), but on time when it halts.
 */
function lapic_count_rate_irq(periods: u32): u32 {
  lapic_timer_freerun();
  wait_pit_irq();
  const c0: u32 = lapic_read(LAPIC_TIMER_CUR);
  const t0: u64 = rdtsc();
  for (let i: u32 = 0; i < periods; i++) wait_pit_irq();
  const c1: u32 = lapic_read(LAPIC_TIMER_CUR);
  const t1: u64 = rdtsc();
  lapic_write(LAPIC_TIMER_INIT, 0);
  lapic_calib_periods = periods;
  calib_tsc_per_ms = u32(((t1 - t0) * u64(PIT_IRQ_HZ)) / (u64(periods) * 1000n));
  return u32((u64(c0 - c1) * u64(PIT_IRQ_HZ)) / (u64(periods) * 1000n));
}

/** The same by polling the PIT's counter (no IOAPIC to route its interrupt): ~10 ms. */
function lapic_count_rate_polled(): u32 {
  lapic_timer_freerun();
  const window: u32 = PIT_HZ / 100;
  let last: u32 = pit_read();
  const c0: u32 = lapic_read(LAPIC_TIMER_CUR);
  const t0: u64 = rdtsc();
  let elapsed: u32 = 0;
  while (elapsed < window) {
    const now: u32 = pit_read();
    elapsed += pit_ticks_between(last, now);
    last = now;
  }
  const c1: u32 = lapic_read(LAPIC_TIMER_CUR);
  const t1: u64 = rdtsc();
  lapic_write(LAPIC_TIMER_INIT, 0);
  lapic_calib_periods = 0;
  calib_tsc_per_ms = u32(((t1 - t0) * u64(PIT_HZ)) / (u64(elapsed) * 1000n));
  return u32((u64(c0 - c1) * u64(PIT_HZ)) / (u64(elapsed) * 1000n));
}

/** PIT periods the calibration used (0: the polled fallback). */
export let lapic_calib_periods: u32 = 0;
/** The TSC rate the last measurement found (tsc_per_ms keeps the boot one). */
let calib_tsc_per_ms: u32 = 0;
const CALIB_PERIODS: u32 = 3; // 150 ms: an emulator that delivers a period late (v86, by a few ms) costs little

/**
 * Calibrate against the PIT: by its interrupts when `pit_irq_routed` (IF on), else by polling.
 * BSP only, before any CPU's periodic timer runs.
 */
export function lapic_timer_calibrate(pit_irq_routed: bool): void {
  const by_irq: bool = pit_irq_routed && pit_irq_arrives();
  lapic_timer_per_ms = by_irq ? lapic_count_rate_irq(CALIB_PERIODS) : lapic_count_rate_polled();
  if (lapic_timer_per_ms == 0) lapic_timer_per_ms = 1;
  tsc_per_ms = calib_tsc_per_ms;
  if (tsc_per_ms == 0) tsc_per_ms = 1;
}

/**
 * Measure again the same way (for the selftest, which checks the two agree), then restore
 * this CPU's timer: its one-shot restarts with the count it had, so it fires within one
 * such count and the systimer code re-arms it for its real deadline. The PIT interrupt must
 * be routed to this CPU, IF on.
 */
export function lapic_timer_measure(): u32 {
  const lvt: u32 = lapic_read(LAPIC_LVT_TIMER);
  const period: u32 = lapic_read(LAPIC_TIMER_INIT);
  const calib: u32 = lapic_calib_periods;
  const rate: u32 = lapic_count_rate_irq(CALIB_PERIODS);
  lapic_calib_periods = calib;
  lapic_write(LAPIC_TIMER_DIV, TIMER_DIV_16);
  lapic_write(LAPIC_LVT_TIMER, lvt);
  lapic_write(LAPIC_TIMER_INIT, period == 0 ? 1 : period);
  return rate;
}

/** The TSC rate found by the last lapic_timer_measure (the selftest compares it with tsc_per_ms). */
export function lapic_tsc_measured(): u32 {
  return calib_tsc_per_ms;
}

/**
 * This CPU's timer in one-shot mode on `vector`, stopped (after calibration). Nothing fires
 * until lapic_timer_oneshot arms it. DragonFly's lapic cputimer_intr does the same: a
 * one-shot count per earliest deadline rather than a fixed period, so an idle CPU is woken
 * only for timers that are due.
 */
export function lapic_timer_oneshot_init(vector: u32): void {
  lapic_write(LAPIC_TIMER_DIV, TIMER_DIV_16);
  lapic_write(LAPIC_LVT_TIMER, vector); // one-shot (mode bits 0), unmasked
  lapic_write(LAPIC_TIMER_INIT, 0);
}

/**
 * Fire once after `counts` timer counts (at divide 16; lapic_timer_per_ms per ms); 0 stops
 * it. Writing the initial count restarts the countdown (SDM §10.5.4), and a count that
 * already expired no longer fires. No read-back: this runs once per timer interrupt.
 */
export function lapic_timer_oneshot(counts: u32): void {
  mmio_write32(lapic_base + LAPIC_TIMER_INIT, counts);
}

export function lapic_timer_current(): u32 {
  return lapic_read(LAPIC_TIMER_CUR);
}

export function lapic_esr(): u32 {
  lapic_write(LAPIC_ESR, 0);
  return lapic_read(LAPIC_ESR);
}
