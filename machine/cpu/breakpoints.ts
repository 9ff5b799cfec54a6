// Execution breakpoints of one CPU, by linear address, kept so that they cost something only
// where they are. The run loop checks a breakpoint where a block starts; a block must
// therefore never run across a breakpointed address. Rather than look every block start up
// in the set (which, with chaining and self-looping blocks turned off, halved guest speed
// once any breakpoint existed), the table keeps:
//
// - a byte per linear 4 KiB page saying "some breakpoint is on this page": blocks on other
//   pages run, chain and loop exactly as without breakpoints, for the price of one typed-array
//   load per block;
// - a version number that every change bumps. A cached block remembers the linear address
//   and version under which it was last found free of breakpoints (Block.bpLin/bpEpoch), so
//   blocks on a breakpoint's page pay the range check once per change, not once per run.
//
// The verdict is per linear address, not per cached block alone: blocks are cached by
// physical address, and the same code can be reached through two linear mappings (or after
// a CR3 switch) of which only one has the breakpoint.

import type { Block } from "./code-cache.ts";

/** Page flags while a CPU has never had a breakpoint: shared, never written. */
const NO_PAGES = new Uint8Array(1 << 20);

export class BreakpointTable {
  private readonly addresses = new Set<number>();
  /** Index: linear page number; nonzero when a breakpoint lies on that page. */
  pages: Uint8Array = NO_PAGES;
  /** Bumped by every change; a block's verdict (Block.bpEpoch) from an older version is void. Never 0. */
  epoch = 1;
  /**
   * Lookups made (`has`, `within`): what breakpoints cost the run. Tests check that it grows
   * with decoding and with changes to the breakpoints, not with execution.
   */
  lookups = 0;

  get size(): number {
    return this.addresses.size;
  }

  has(linear: number): boolean {
    this.lookups++;
    return this.addresses.has(linear >>> 0);
  }

  add(linear: number): void {
    const a = linear >>> 0;
    if (this.pages === NO_PAGES) this.pages = new Uint8Array(1 << 20);
    this.addresses.add(a);
    this.pages[a >>> 12] = 1;
    this.epoch++;
  }

  delete(linear: number): void {
    const a = linear >>> 0;
    if (!this.addresses.delete(a)) return;
    this.epoch++;
    for (const b of this.addresses) if (b >>> 12 === a >>> 12) return;
    this.pages[a >>> 12] = 0;
  }

  /** Whether a breakpoint lies in the linear bytes [from, from + length). */
  within(from: number, length: number): boolean {
    this.lookups++;
    const base = from >>> 0;
    for (const b of this.addresses) if (((b - base) >>> 0) < length) return true;
    return false;
  }

  /**
   * Whether `block`, entered at linear `lin` (on a page with a breakpoint), can run as it is:
   * no breakpoint after its first byte, and no iterating back to a breakpoint at its start.
   * A block also free of a breakpoint at its start is remembered as such for this version.
   */
  blockFits(block: Block, lin: number): boolean {
    const atStart = this.has(lin);
    if (this.within(lin + 1, block.bytes - 1) || (atStart && block.loops)) return false;
    if (!atStart) {
      block.bpLin = lin;
      block.bpEpoch = this.epoch;
    }
    return true;
  }
}
