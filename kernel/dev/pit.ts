// pit.ts: the 8254 PIT, the clock of known rate the LAPIC timer is calibrated against.
// Channel 0 runs in mode 2 (rate generator) at PIT_IRQ_HZ. Its interrupt (ISA IRQ 0, routed
// through the IOAPIC only while something needs it) counts in pit_irqs; the polled delays of
// AP bring-up read the counter back through the latch command and follow its reloads.
// Intel 8254 data sheet; 1.193182 MHz input clock.

const PIT_CH0: u32 = 0x40;
const PIT_CMD: u32 = 0x43;
const PIT_CMD_CH0_LOHI_MODE2: u32 = 0x34;
const PIT_CMD_LATCH_CH0: u32 = 0x00;
export const PIT_HZ: u32 = 1193182;
/** Interrupt rate of channel 0. */
export const PIT_IRQ_HZ: u32 = 20;
/** ISA IRQ line of channel 0. */
export const PIT_ISA_IRQ: u32 = 0;

let pit_reload: u32 = 0;
/** Channel 0 interrupts taken (pit_intr). */
export let pit_irqs: u32 = 0;

/** Start channel 0: mode 2, PIT_IRQ_HZ. */
export function pit_init(): void {
  pit_reload = (PIT_HZ + PIT_IRQ_HZ / 2) / PIT_IRQ_HZ;
  outb(PIT_CMD, PIT_CMD_CH0_LOHI_MODE2);
  outb(PIT_CH0, pit_reload & 0xff);
  outb(PIT_CH0, pit_reload >>> 8);
}

export function pit_intr(): void {
  pit_irqs++;
}

/** The current count of channel 0 (counts down from the reload value to 1, then reloads). */
export function pit_read(): u32 {
  outb(PIT_CMD, PIT_CMD_LATCH_CH0);
  const lo: u32 = inb(PIT_CH0);
  const hi: u32 = inb(PIT_CH0);
  return (hi << 8) | lo;
}

/** PIT ticks from count `last` to count `now` (one reload at most in between). */
export function pit_ticks_between(last: u32, now: u32): u32 {
  return last >= now ? last - now : last + (pit_reload - now);
}

/**
 * Busy-wait at least `ticks` PIT input clocks (any number: the reloads are followed as long
 * as polls come less than one period, 10 ms, apart). Returns the ticks that really elapsed.
 */
export function pit_delay_ticks(ticks: u32): u32 {
  if (pit_reload == 0) pit_init();
  let last: u32 = pit_read();
  let elapsed: u32 = 0;
  let spins: u32 = 0;
  while (elapsed < ticks) {
    const now: u32 = pit_read();
    elapsed += pit_ticks_between(last, now);
    last = now;
    spins++;
    // A PIT that never moves (absent device) must not hang bring-up forever.
    if (spins > 50000000) return elapsed;
  }
  return elapsed;
}

export function pit_delay_us(us: u32): void {
  pit_delay_ticks(u32((u64(us) * u64(PIT_HZ)) / 1000000n));
}

export function pit_delay_ms(ms: u32): void {
  for (let i: u32 = 0; i < ms; i++) pit_delay_ticks(1193);
}
