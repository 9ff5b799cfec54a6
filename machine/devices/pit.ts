// 8254 programmable interval timer, 1.193182 MHz (Intel 8254 datasheet), channels 0 (IRQ0)
// and 2 (gated by port 0x61, what kernels use to calibrate the LAPIC timer and the TSC).
// Counters are computed from the virtual clock when read, so nothing ticks in the host.
//
// Ports:
//   0x40-0x42 channel 0-2 counter: writes load the count, reads return the counter or a latch
//   0x43      control word: bits 6-7 channel (3 = read-back), 4-5 access (0 latch, 1 lo, 2 hi,
//             3 lo then hi), 1-3 mode, 0 BCD (not supported: counts are binary)
//   0x61      system control port B: bit 0 gate of channel 2, bit 1 speaker data enable,
//             bit 4 refresh toggle (RO), bit 5 output of channel 2 (RO)

import type { AccessSize, Bus, PortHandler } from "../bus/bus.ts";
import type { ClockTimer, VirtualClock } from "../clock.ts";
import type { IrqLine } from "./isa-irq.ts";
import type { DeviceLog } from "./lapic.ts";

export const PIT_HZ = 1_193_182;
const TICKS_PER_NS = PIT_HZ / 1e9;

class PitChannel {
  mode = 0;
  access = 3;
  reload = 0x10000;
  /** Virtual time the count was loaded (or counting resumed). */
  start = 0;
  counting = false;
  gate = true;
  frozenTicks = 0;
  private writeHigh = false;
  private readHigh = false;
  private latched: number | undefined;
  private latchHighNext = false;
  private statusLatch: number | undefined;
  private lowByte = 0;
  nullCount = true;

  constructor(private readonly clock: VirtualClock, private readonly onLoad: () => void) {}

  /** Input clock ticks since the count was loaded. */
  ticks(): number {
    if (!this.counting) return 0;
    if (!this.gate && (this.mode === 0 || this.mode === 2 || this.mode === 3 || this.mode === 4)) return this.frozenTicks;
    return this.frozenTicks + Math.floor((this.clock.now() - this.start) * TICKS_PER_NS);
  }

  timeOfTick(ticks: number): number {
    return this.start + Math.ceil((ticks - this.frozenTicks) / TICKS_PER_NS);
  }

  count(): number {
    if (!this.counting) return this.reload & 0xffff;
    const t = this.ticks();
    const n = this.reload;
    switch (this.mode) {
      case 2: return n - (t % n);
      case 3: return (n - 2 * (t % Math.max(1, n >> 1))) & 0xfffe;
      default: return (n - t) & 0xffff; // modes 0, 1, 4, 5 count down through zero and wrap
    }
  }

  output(): boolean {
    if (!this.counting) return this.mode !== 0;
    const t = this.ticks();
    const n = this.reload;
    switch (this.mode) {
      case 0: case 1: return t >= n;
      case 2: return t % n !== n - 1;
      case 3: return t % n < (n + 1) >> 1;
      default: return t !== n; // 4, 5: one low pulse at terminal count
    }
  }

  setGate(level: boolean): void {
    if (level === this.gate) return;
    const now = this.clock.now();
    if (!level) {
      this.frozenTicks = this.ticks();
      this.gate = false;
      return;
    }
    this.gate = true;
    if (this.mode === 1 || this.mode === 2 || this.mode === 3 || this.mode === 5) {
      this.frozenTicks = 0; // a rising gate retriggers these modes
      this.counting = true;
    }
    this.start = now;
    this.onLoad();
  }

  writeControl(access: number, mode: number): void {
    this.access = access;
    this.mode = mode > 5 ? mode - 4 : mode; // 6 and 7 alias 2 and 3
    this.writeHigh = false;
    this.readHigh = false;
    this.counting = false;
    this.nullCount = true;
    this.onLoad();
  }

  latch(): void {
    if (this.latched === undefined) {
      this.latched = this.count();
      this.latchHighNext = false;
    }
  }

  latchStatus(): void {
    if (this.statusLatch === undefined) {
      this.statusLatch = (this.output() ? 0x80 : 0) | (this.nullCount ? 0x40 : 0) | (this.access << 4) | (this.mode << 1);
    }
  }

  write(v: number): void {
    if (this.access === 1) this.load(v);
    else if (this.access === 2) this.load(v << 8);
    else if (!this.writeHigh) {
      this.lowByte = v;
      this.writeHigh = true;
      if (this.mode === 0) this.counting = false; // writing the first byte stops mode 0
    } else {
      this.writeHigh = false;
      this.load(this.lowByte | (v << 8));
    }
  }

  private load(count: number): void {
    this.reload = count === 0 ? 0x10000 : count;
    this.nullCount = false;
    this.frozenTicks = 0;
    this.start = this.clock.now();
    // Modes 1 and 5 wait for a gate edge; the others start on the write.
    this.counting = this.mode !== 1 && this.mode !== 5 ? true : this.counting;
    this.onLoad();
  }

  read(): number {
    if (this.statusLatch !== undefined) {
      const s = this.statusLatch;
      this.statusLatch = undefined;
      return s;
    }
    if (this.latched !== undefined) {
      const v = this.latched;
      if (this.access === 3 && !this.latchHighNext) {
        this.latchHighNext = true;
        return v & 0xff;
      }
      this.latched = undefined;
      return this.access === 2 || this.access === 3 ? (v >> 8) & 0xff : v & 0xff;
    }
    const v = this.count();
    if (this.access === 1) return v & 0xff;
    if (this.access === 2) return (v >> 8) & 0xff;
    this.readHigh = !this.readHigh;
    return this.readHigh ? v & 0xff : (v >> 8) & 0xff;
  }
}

export class Pit implements PortHandler {
  readonly channels: PitChannel[];
  private irqEvent: ClockTimer | undefined;
  private speakerEnable = false;

  constructor(
    bus: Bus,
    private readonly clock: VirtualClock,
    private readonly irq0: IrqLine,
    private readonly log: DeviceLog = () => {},
  ) {
    this.channels = [0, 1, 2].map((i) => new PitChannel(clock, () => (i === 0 ? this.armIrq() : undefined)));
    this.channels[2]!.gate = false; // port 0x61 bit 0 is clear at reset
    bus.claimPorts(0x40, 4, "pit", this);
    bus.claimPorts(0x61, 1, "port-b", this);
  }

  /** Schedule IRQ0 at channel 0's next rising output edge. */
  private armIrq(): void {
    this.clock.cancel(this.irqEvent);
    this.irqEvent = undefined;
    const ch = this.channels[0]!;
    if (!ch.counting || !ch.gate) return;
    const t = ch.ticks();
    const n = ch.reload;
    let edge: number;
    if (ch.mode === 0 || ch.mode === 1) {
      if (t >= n) return;
      edge = n;
    } else if (ch.mode === 2 || ch.mode === 3) {
      edge = (Math.floor(t / n) + 1) * n;
    } else return;
    const at = Math.max(ch.timeOfTick(edge), this.clock.now());
    this.irqEvent = this.clock.schedule(at, () => {
      this.irqEvent = undefined;
      this.irq0(true);
      this.irq0(false);
      if (ch.mode === 2 || ch.mode === 3) this.armIrq();
    });
  }

  read(port: number, _size: AccessSize): number {
    if (port === 0x61) {
      const ch2 = this.channels[2]!;
      // Bit 4 toggles every 15 us (memory refresh); some delay loops poll it.
      const refresh = Math.floor(this.clock.now() / 15085) & 1;
      return (ch2.gate ? 1 : 0) | (this.speakerEnable ? 2 : 0) | (refresh << 4) | (ch2.output() ? 0x20 : 0);
    }
    if (port === 0x43) return 0xff;
    return this.channels[port - 0x40]!.read();
  }

  write(port: number, _size: AccessSize, value: number): void {
    value &= 0xff;
    if (port === 0x61) {
      this.channels[2]!.setGate((value & 1) !== 0);
      this.speakerEnable = (value & 2) !== 0;
      return;
    }
    if (port !== 0x43) {
      this.channels[port - 0x40]!.write(value);
      return;
    }
    const sel = value >> 6;
    if (sel === 3) {
      // Read-back: bit 5 clear latches counts, bit 4 clear latches status, bits 1-3 pick channels.
      for (let i = 0; i < 3; i++) {
        if ((value & (2 << i)) === 0) continue;
        if ((value & 0x20) === 0) this.channels[i]!.latch();
        if ((value & 0x10) === 0) this.channels[i]!.latchStatus();
      }
      return;
    }
    const access = (value >> 4) & 3;
    if (access === 0) {
      this.channels[sel]!.latch();
      return;
    }
    if ((value & 1) !== 0) this.log("unimp", "pit: BCD counting is not supported; counting in binary");
    this.channels[sel]!.writeControl(access, (value >> 1) & 7);
  }
}
