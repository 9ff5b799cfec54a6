// The decoded-instruction cache: blocks of straight-line instructions, decoded once into
// closures and keyed by the physical address of their first byte. A shared map of 64-byte
// "code lines" per bus lets every store (by any CPU, DMA, firmware or debugger) find out
// cheaply whether it touched decoded bytes; if so, every CPU drops its blocks on that page.

import type { Bus } from "../bus/bus.ts";

/** Code lines are 64 bytes: data next to code in the same page does not evict the code. */
export const LINE_SHIFT = 6;

export interface Block {
  /** One closure per instruction. All but the last fall through to the next. */
  readonly fns: (() => void | boolean)[];
  /** Length of each instruction; 0 for a control transfer, which sets EIP itself. */
  readonly lens: number[];
  /**
   * Conditional branches (Jcc, LOOP, JCXZ) may sit inside a block: their closure returns
   * true when taken, having set EIP to the target; otherwise execution falls through.
   */
  readonly branch: boolean[];
  /** Register-only instructions: they cannot raise `cpu.attention`. */
  readonly pure: boolean[];
  /** Source to paste instead of calling the closure, for the simplest instructions. */
  readonly inline: (string | undefined)[];
  /** The last instruction is a branch back to the block's own first instruction (a loop). */
  readonly loops: boolean;
  readonly count: number;
  /** Length in bytes: the block covers [start, start + bytes). */
  readonly bytes: number;
  /** Decoded with a 32-bit (CS.D=1) default operand size. */
  readonly code32: boolean;
  /** Segments (bit per register) whose address checks were left out because they were flat. */
  readonly assumedFlat: number;
  readonly phys: number;
  /**
   * Breakpoints (breakpoints.ts): the block was last found to hold none when entered at
   * linear address `bpLin` under breakpoint version `bpEpoch` (0: not known).
   */
  bpLin: number;
  bpEpoch: number;
  /** Times the block was interpreted; a hot block gets `compiled`. */
  hits: number;
  /**
   * The whole block as one function (see block-compiler.ts): runs at most `limit`
   * instructions (never fewer than one pass), returns how many retired.
   */
  compiled: ((limit: number) => number) | undefined;
}

export interface CodeCacheOwner {
  /** Called when blocks this CPU may be executing were dropped. */
  codeInvalidated(): void;
}

/** Blocks decoded by one CPU (closures are bound to that CPU's state). */
export class CodeCache {
  readonly pages: ((Block | undefined)[] | undefined)[];

  constructor(
    readonly tracker: CodeTracker,
    readonly owner: CodeCacheOwner,
  ) {
    this.pages = new Array(tracker.pageCount);
    tracker.caches.push(this);
  }

  lookup(phys: number): Block | undefined {
    const pb = this.pages[phys >>> 12];
    return pb === undefined ? undefined : pb[phys & 4095];
  }

  /** Remember `block`, which covers physical bytes [phys, end). Only RAM blocks are cached. */
  insert(block: Block, end: number): void {
    const page = block.phys >>> 12;
    if (page >= this.pages.length) return;
    let pb = this.pages[page];
    if (pb === undefined) {
      pb = new Array(4096);
      this.pages[page] = pb;
    }
    pb[block.phys & 4095] = block;
    const lines = this.tracker.codeLines;
    for (let l = block.phys >>> LINE_SHIFT; l <= (end - 1) >>> LINE_SHIFT; l++) lines[l] = 1;
  }

  dropPage(page: number): void {
    if (this.pages[page] !== undefined) {
      this.pages[page] = undefined;
      this.owner.codeInvalidated();
    }
  }

  clear(): void {
    this.pages.fill(undefined);
    this.owner.codeInvalidated();
  }
}

/** Per-bus bookkeeping shared by all CPUs: which 64-byte lines hold decoded code. */
export class CodeTracker {
  readonly codeLines: Uint8Array;
  readonly caches: CodeCache[] = [];
  readonly pageCount: number;

  constructor(ramBytes: number) {
    this.pageCount = ramBytes >>> 12;
    this.codeLines = new Uint8Array((ramBytes >>> LINE_SHIFT) + 1);
  }

  /** Somebody wrote physical bytes [addr, addr+length): drop decoded code there. */
  written(addr: number, length: number): void {
    const lines = this.codeLines;
    const first = addr >>> LINE_SHIFT;
    const last = Math.min((addr + length - 1) >>> LINE_SHIFT, lines.length - 1);
    for (let l = first; l <= last; l++) {
      if (lines[l] !== 0) {
        this.dropPage(l >>> (12 - LINE_SHIFT));
        l = (((l >>> (12 - LINE_SHIFT)) + 1) << (12 - LINE_SHIFT)) - 1;
      }
    }
  }

  private dropPage(page: number): void {
    const per = 1 << (12 - LINE_SHIFT);
    this.codeLines.fill(0, page * per, page * per + per);
    for (const c of this.caches) c.dropPage(page);
  }
}

const trackers = new WeakMap<Bus, CodeTracker>();

/** The tracker for `bus`, created (and hooked to its RAM-write listeners) on first use. */
export function codeTrackerFor(bus: Bus): CodeTracker {
  let t = trackers.get(bus);
  if (t === undefined) {
    const tracker = new CodeTracker(bus.ramSize);
    bus.ramWriteListeners.push((addr, length) => tracker.written(addr, length));
    trackers.set(bus, tracker);
    t = tracker;
  }
  return t;
}
