// MC146818 real-time clock and CMOS RAM (Motorola MC146818A datasheet), ports 0x70/0x71,
// IRQ8, with the CMOS layout QEMU's PC uses for memory sizes and the CPU count.
//
// Port 0x70: bit 7 NMI disable, bits 0-6 register index.  Port 0x71: the selected register.
// Registers:
//   0x00 seconds 0x02 minutes 0x04 hours 0x06 day of week 0x07 day 0x08 month 0x09 year
//   0x0A A: bit 7 update in progress (RO), bits 0-3 periodic rate
//   0x0B B: bit 6 periodic interrupt enable, 2 binary (else BCD), 1 24-hour
//   0x0C C: bit 7 IRQF, 6 PF (read clears)     0x0D D: bit 7 valid RAM/time (RO)
//   0x0F shutdown status (warm-reset reason, kept for firmware)
//   0x15/0x16 base memory in KiB   0x17/0x18 and 0x30/0x31 KiB above 1 MiB (max 0xFFFF)
//   0x32 century   0x34/0x35 64 KiB blocks above 16 MiB   0x5F CPU count - 1

import type { AccessSize, Bus, PortHandler } from "../bus/bus.ts";
import type { ClockTimer, VirtualClock } from "../clock.ts";
import type { IrqLine } from "./isa-irq.ts";

const REG_A = 0x0a, REG_B = 0x0b, REG_C = 0x0c, REG_D = 0x0d;
const B_PIE = 0x40, B_BINARY = 0x04, B_24H = 0x02;

export class Rtc implements PortHandler {
  private index = 0;
  private readonly cmos = new Uint8Array(128);
  /** Seconds since the Unix epoch the guest clock showed at virtual time 0. */
  private epochAtZero: number;
  private periodicEvent: ClockTimer | undefined;
  nmiDisabled = false;

  constructor(
    bus: Bus,
    private readonly clock: VirtualClock,
    private readonly irq8: IrqLine,
    opts: { epochSeconds: number; ramBytes: number; cpus: number },
  ) {
    this.epochAtZero = Math.floor(opts.epochSeconds);
    this.cmos[REG_A] = 0x26;
    this.cmos[REG_B] = B_24H;
    this.cmos[REG_D] = 0x80;
    const kb = opts.ramBytes / 1024;
    this.cmos[0x15] = 0x80; // 640 KiB base memory
    this.cmos[0x16] = 0x02;
    const ext = Math.min(0xffff, Math.max(0, kb - 1024));
    this.cmos[0x17] = this.cmos[0x30] = ext & 0xff;
    this.cmos[0x18] = this.cmos[0x31] = ext >> 8;
    const above16 = Math.min(0xffff, Math.max(0, (opts.ramBytes - 16 * 1024 * 1024) / 65536));
    this.cmos[0x34] = above16 & 0xff;
    this.cmos[0x35] = above16 >> 8;
    this.cmos[0x5f] = opts.cpus - 1;
    bus.claimPorts(0x70, 2, "rtc", this);
  }

  private seconds(): number {
    return this.epochAtZero + Math.floor(this.clock.now() / 1e9);
  }

  private encode(v: number): number {
    return (this.cmos[REG_B]! & B_BINARY) !== 0 ? v : ((Math.floor(v / 10) << 4) | (v % 10));
  }

  private decode(v: number): number {
    return (this.cmos[REG_B]! & B_BINARY) !== 0 ? v : (v >> 4) * 10 + (v & 0xf);
  }

  private timeRegister(reg: number): number {
    const d = new Date(this.seconds() * 1000);
    switch (reg) {
      case 0x00: return this.encode(d.getUTCSeconds());
      case 0x02: return this.encode(d.getUTCMinutes());
      case 0x04: {
        const h = d.getUTCHours();
        if ((this.cmos[REG_B]! & B_24H) !== 0) return this.encode(h);
        return this.encode(h % 12 === 0 ? 12 : h % 12) | (h >= 12 ? 0x80 : 0);
      }
      case 0x06: return this.encode(d.getUTCDay() + 1);
      case 0x07: return this.encode(d.getUTCDate());
      case 0x08: return this.encode(d.getUTCMonth() + 1);
      case 0x09: return this.encode(d.getUTCFullYear() % 100);
      default: return this.encode(Math.floor(d.getUTCFullYear() / 100)); // 0x32 century
    }
  }

  /** The guest sets the clock: rebuild the epoch from the written field. */
  private setTimeRegister(reg: number, value: number): void {
    const d = new Date(this.seconds() * 1000);
    let v = this.decode(value & 0x7f);
    switch (reg) {
      case 0x00: d.setUTCSeconds(v); break;
      case 0x02: d.setUTCMinutes(v); break;
      case 0x04:
        if ((this.cmos[REG_B]! & B_24H) === 0) v = (v % 12) + ((value & 0x80) !== 0 ? 12 : 0);
        d.setUTCHours(v);
        break;
      case 0x07: d.setUTCDate(v); break;
      case 0x08: d.setUTCMonth(v - 1); break;
      case 0x09: d.setUTCFullYear(Math.floor(d.getUTCFullYear() / 100) * 100 + v); break;
      default: return;
    }
    this.epochAtZero += Math.floor(d.getTime() / 1000) - this.seconds();
  }

  private armPeriodic(): void {
    this.clock.cancel(this.periodicEvent);
    this.periodicEvent = undefined;
    const rate = this.cmos[REG_A]! & 0xf;
    if ((this.cmos[REG_B]! & B_PIE) === 0 || rate === 0) return;
    const period = Math.round((1e9 * (1 << (rate <= 2 ? rate + 7 : rate - 1))) / 32768);
    const fire = (at: number) => {
      this.cmos[REG_C] = this.cmos[REG_C]! | 0xc0;
      this.irq8(true);
      this.irq8(false);
      this.periodicEvent = this.clock.schedule(at + period, () => fire(at + period));
    };
    const first = this.clock.now() + period;
    this.periodicEvent = this.clock.schedule(first, () => fire(first));
  }

  read(port: number, _size: AccessSize): number {
    if (port === 0x70) return 0xff;
    const reg = this.index;
    if (reg <= 0x09 && reg !== 0x01 && reg !== 0x03 && reg !== 0x05) return this.timeRegister(reg);
    if (reg === 0x32) return this.timeRegister(reg);
    if (reg === REG_A) {
      // Update-in-progress during the last 244 us of each second.
      const uip = this.clock.now() % 1e9 >= 1e9 - 244_000 ? 0x80 : 0;
      return (this.cmos[REG_A]! & 0x7f) | uip;
    }
    if (reg === REG_C) {
      const v = this.cmos[REG_C]!;
      this.cmos[REG_C] = 0;
      return v;
    }
    return this.cmos[reg]!;
  }

  write(port: number, _size: AccessSize, value: number): void {
    value &= 0xff;
    if (port === 0x70) {
      this.index = value & 0x7f;
      this.nmiDisabled = (value & 0x80) !== 0;
      return;
    }
    const reg = this.index;
    if (reg <= 0x09 || reg === 0x32) {
      this.setTimeRegister(reg, value);
      return;
    }
    if (reg === REG_C || reg === REG_D) return; // read-only
    this.cmos[reg] = value;
    if (reg === REG_A || reg === REG_B) this.armPeriodic();
  }
}
