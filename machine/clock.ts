// The machine's virtual clock and its timer queue.
//
// Virtual time is counted in nanoseconds, and one retired instruction is one nanosecond: the
// nominal CPU (and TSC) frequency is 1 GHz, as is the LAPIC bus clock QEMU models, so LAPIC
// timer counts agree with QEMU's. (With -icount shift=N an instruction is 2^N ns, as in QEMU.) Devices never read the host's clock: they ask `now()` and
// schedule callbacks at virtual times, which is what makes a seeded run repeatable.
//
// Inside a quantum the run loop tells the clock which CPU is executing, so a device register
// read (PIT counter, LAPIC current count) or RDTSC sees time advance instruction by
// instruction rather than in steps of a whole quantum.

/** Nominal frequency of the virtual clock, of the TSC and of the LAPIC timer input. */
export const VIRTUAL_HZ = 1_000_000_000;
export type VirtualNs = number;

export interface ClockTimer {
  readonly at: VirtualNs;
}

interface QueuedTimer extends ClockTimer {
  at: VirtualNs;
  seq: number;
  fn: () => void;
  queued: boolean;
}

export class VirtualClock {
  /** Start of the current round: every CPU's local time is at least this. */
  private base: VirtualNs = 0;
  /** Local time inside a round: how far the executing CPU has got, capped at the round length. */
  private localProbe: (() => number) | undefined;
  private heap: QueuedTimer[] = [];
  private seq = 0;

  /** Current virtual time, including the progress of the CPU executing right now. */
  now(): VirtualNs {
    return this.localProbe === undefined ? this.base : this.base + this.localProbe();
  }

  /** The run loop sets this while a CPU executes (its instructions retired in this round). */
  setLocalProbe(probe: (() => number) | undefined): void {
    this.localProbe = probe;
  }

  /**
   * Move the clock forward to `t` (never backwards), in whole nanoseconds: paced runs derive
   * targets from the host's fractional milliseconds, and guest-visible counters (RDTSC, the
   * LAPIC and PIT counts) must stay integers.
   */
  advanceTo(t: VirtualNs): void {
    const whole = Math.floor(t);
    if (whole > this.base) this.base = whole;
  }

  /** Call `fn` once virtual time reaches `at`. Timers at one instant fire in scheduling order. */
  schedule(at: VirtualNs, fn: () => void): ClockTimer {
    const t: QueuedTimer = { at, seq: this.seq++, fn, queued: true };
    this.push(t);
    return t;
  }

  cancel(timer: ClockTimer | undefined): void {
    if (timer === undefined) return;
    const t = timer as QueuedTimer;
    if (!t.queued) return;
    t.queued = false;
    const i = this.heap.indexOf(t);
    if (i >= 0) this.removeAt(i);
  }

  /** Time of the earliest pending timer, or undefined when none is armed. */
  nextEventTime(): VirtualNs | undefined {
    return this.heap.length > 0 ? this.heap[0]!.at : undefined;
  }

  /** Fire every timer due at or before the current time; returns how many fired. */
  runDue(): number {
    let fired = 0;
    const now = this.base;
    while (this.heap.length > 0 && this.heap[0]!.at <= now) {
      const t = this.heap[0]!;
      this.removeAt(0);
      t.queued = false;
      fired++;
      t.fn();
    }
    return fired;
  }

  // ---- binary heap ordered by (at, seq) --------------------------------------------------

  private less(a: QueuedTimer, b: QueuedTimer): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private push(t: QueuedTimer): void {
    const h = this.heap;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  private removeAt(i: number): void {
    const h = this.heap;
    const last = h.pop()!;
    if (i === h.length) return;
    h[i] = last;
    // Restore heap order in whichever direction the moved element needs.
    let j = i;
    while (j > 0) {
      const p = (j - 1) >> 1;
      if (!this.less(h[j]!, h[p]!)) break;
      [h[j], h[p]] = [h[p]!, h[j]!];
      j = p;
    }
    for (;;) {
      const l = 2 * j + 1;
      const r = l + 1;
      let m = j;
      if (l < h.length && this.less(h[l]!, h[m]!)) m = l;
      if (r < h.length && this.less(h[r]!, h[m]!)) m = r;
      if (m === j) break;
      [h[j], h[m]] = [h[m]!, h[j]!];
      j = m;
    }
  }
}
