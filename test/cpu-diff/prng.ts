// A small seeded PRNG (mulberry32) so a seed names one exact set of generated test cases on
// every machine and every run.

export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A uniformly random 32-bit unsigned integer. */
  u32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** An integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number {
    return lo + (this.u32() % (hi - lo + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.u32() / 2 ** 32 < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.u32() % items.length]!;
  }

  /**
   * A value of `bits` width biased towards the edges where carries, overflows and sign
   * changes happen (0, 1, all-ones, the sign boundary), mixed with fully random values.
   */
  interesting(bits: 8 | 16 | 32): number {
    const mask = bits === 32 ? 0xffffffff : (1 << bits) - 1;
    const sign = 2 ** (bits - 1);
    switch (this.int(0, 9)) {
      case 0:
        return this.pick([0, 1, 2, mask, mask - 1, sign, sign - 1, sign + 1]) >>> 0;
      case 1:
        return this.int(0, 16);
      case 2:
        return (mask - this.int(0, 16)) >>> 0;
      case 3:
        return ((sign + this.int(-8, 8)) & mask) >>> 0;
      default:
        return (this.u32() & mask) >>> 0;
    }
  }
}
