// pit.ts: the 8254 PIT, used only as a clock of known rate: to calibrate the LAPIC timer and
// for the delays of AP bring-up. Channel 0 runs in mode 2 (rate generator) with the full
// 65536 count, and delays poll its counter through the latch command; its IRQ 0 stays masked
// (PIC masked, IOAPIC pin unrouted). Intel 8254 data sheet; 1.193182 MHz input clock.

const PIT_CH0: u32 = 0x40;
const PIT_CMD: u32 = 0x43;
const PIT_CMD_CH0_LOHI_MODE2: u32 = 0x34;
const PIT_CMD_LATCH_CH0: u32 = 0x00;
export const PIT_HZ: u32 = 1193182;

let pit_running: bool = false;

export function pit_init(): void {
  outb(PIT_CMD, PIT_CMD_CH0_LOHI_MODE2);
  outb(PIT_CH0, 0); // reload 0 = 65536
  outb(PIT_CH0, 0);
  pit_running = true;
}

/** The current count of channel 0 (counts down from 65536, wrapping). */
export function pit_read(): u32 {
  outb(PIT_CMD, PIT_CMD_LATCH_CH0);
  const lo: u32 = inb(PIT_CH0);
  const hi: u32 = inb(PIT_CH0);
  return (hi << 8) | lo;
}

/**
 * Busy-wait at least `ticks` PIT input clocks (any number: the counter's wraps are followed
 * as long as polls come less than 55 ms apart). Returns the ticks that really elapsed.
 */
export function pit_delay_ticks(ticks: u32): u32 {
  if (!pit_running) pit_init();
  let last: u32 = pit_read();
  let elapsed: u32 = 0;
  let spins: u32 = 0;
  while (elapsed < ticks) {
    const now: u32 = pit_read();
    // Down-counter: elapsed = last - now modulo 65536.
    elapsed += (last - now) & 0xffff;
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
