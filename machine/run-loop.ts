// The SMP run loop: N CPUs interleaved on one host thread, in rounds. Each round every awake
// CPU executes up to R instructions (R = the quantum, varied per round by the seed), and then
// the virtual clock moves R nanoseconds and due timers fire. One instruction is one virtual
// nanosecond (clock.ts), so all CPUs see one shared time line.
//
// Two clock modes, as QEMU has:
//  - deterministic (-icount, --seed): time moves only with instructions; when every CPU is
//    asleep the clock jumps straight to the next timer. Same image, input and seed give the
//    same run. A seed changes R and the order CPUs run in within a round.
//  - interactive (default): instructions still move the clock, and at the end of each round
//    it is also pulled up to 100 us towards the host's wall clock (never lagging it by more
//    than 20 ms), so guest time keeps up with real time even while CPUs are busy (the
//    interpreter is slower than the nominal 1 GHz), as in QEMU's default mode. It never runs ahead of the wall clock while the guest is idle: the
//    host sleeps (setTimeout, no CPU) until the next timer is due in real time or input
//    arrives.

import type { VirtualClock } from "./clock.ts";
import { StopReason, type CpuCore, type InterruptSource } from "./cpu/interface.ts";

export interface RunLoopOptions {
  deterministic: boolean;
  seed: number | undefined;
  quantum: number;
  /** Virtual nanoseconds per instruction (QEMU's -icount shift=N: 2^N). */
  nsPerInstruction: number;
}

/** What made the loop return, decided by the machine's callbacks. */
export type RoundOutcome = "continue" | "exit";

export interface RunLoopHooks {
  /** A CPU stopped for something other than its budget or sleep. Return "exit" to end run(). */
  onStop(cpu: number, reason: StopReason): RoundOutcome;
  /**
   * Checked after each CPU's slice: the rest of the round must not run (debug-exit, stop(),
   * or a pause — a debugger stop is all-stop, so no other CPU may run on past it).
   */
  interrupted(): boolean;
}

/** Small, fast, seedable PRNG (mulberry32) so perturbed runs repeat exactly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Interactive mode: how far one round may pull the clock towards the wall clock. */
const MAX_CATCH_UP_NS = 100_000;
const MAX_LAG_NS = 20_000_000;
/** Yield to the host event loop at least this often (input, timers, the UI). */
const YIELD_EVERY_MS = 15;

export class RunLoop {
  totalInstructions = 0;
  /** Per-CPU: the last reason its run() returned, for the stats view. */
  readonly lastReason: StopReason[];
  private readonly random: (() => number) | undefined;
  private order: number[];
  /** Wall-clock origin for interactive pacing, in ms (performance.now()). */
  private wallOrigin = 0;
  private wakeWaiter: (() => void) | undefined;
  current = -1;
  /**
   * CPUs that may have been woken since they last ran. A sleeping CPU is skipped unless kicked:
   * its own run() then decides whether the interrupt ends HLT (IF=1) or not.
   */
  readonly kicked: boolean[];

  constructor(
    private readonly cpus: CpuCore[],
    private readonly clock: VirtualClock,
    private readonly opts: RunLoopOptions,
    private readonly hooks: RunLoopHooks,
    private readonly sources: readonly InterruptSource[] = [],
  ) {
    this.random = opts.seed === undefined ? undefined : seededRandom(opts.seed);
    this.order = cpus.map((_, i) => i);
    this.lastReason = cpus.map(() => StopReason.Budget);
    this.kicked = cpus.map(() => false);
  }

  kick(cpu: number): void {
    this.kicked[cpu] = true;
  }

  /** Input arrived or the machine was stopped: end an idle sleep early. */
  wake(): void {
    const w = this.wakeWaiter;
    this.wakeWaiter = undefined;
    w?.();
  }

  private roundLength(): number {
    const q = this.opts.quantum;
    if (this.random === undefined) return q;
    // Seeded runs vary the round length in [q/2, 3q/2) and shuffle the CPU order.
    const r = Math.max(1, Math.floor(q * (0.5 + this.random())));
    for (let i = this.order.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      [this.order[i], this.order[j]] = [this.order[j]!, this.order[i]!];
    }
    return r;
  }

  /** One round. Returns "exit" when a hook asked to leave. */
  runRound(maxInstructions: number): RoundOutcome {
    const R = Math.max(1, Math.min(this.roundLength(), maxInstructions));
    const roundStart = this.clock.now();
    for (const i of this.order) {
      const cpu = this.cpus[i]!;
      if (cpu.sleeping && !this.kicked[i]) continue;
      this.kicked[i] = false;
      const before = cpu.instructionCount;
      this.current = i;
      const scale = this.opts.nsPerInstruction;
      this.clock.setLocalProbe(() => Math.min(cpu.instructionCount - before, R) * scale);
      const { executed, reason } = cpu.run(R);
      this.clock.setLocalProbe(undefined);
      this.current = -1;
      this.totalInstructions += executed;
      this.lastReason[i] = reason;
      // A CPU that just entered HLT with an interrupt already pending (sti; hlt, with the
      // request arriving during the STI shadow) must get one more look at it.
      if (reason === StopReason.Halted && executed > 0 && this.sources[i]?.hasPending() === true) this.kicked[i] = true;
      if (reason !== StopReason.Budget && reason !== StopReason.Halted && reason !== StopReason.WaitForSipi) {
        if (this.hooks.onStop(i, reason) === "exit") return "exit";
      }
      if (this.hooks.interrupted()) return "exit";
    }
    this.clock.advanceTo(roundStart + R * this.opts.nsPerInstruction);
    if (!this.opts.deterministic) {
      // Catch up with the wall clock in small steps: a guest polling one timer while reading
      // another (PIT vs LAPIC calibration) then sees them disagree by at most one step.
      // A host too slow or too busy to catch up that way still never lags more than MAX_LAG_NS.
      const wall = this.wallNs();
      this.clock.advanceTo(Math.max(Math.min(wall, this.clock.now() + MAX_CATCH_UP_NS), wall - MAX_LAG_NS));
    }
    this.clock.runDue();
    return this.hooks.interrupted() ? "exit" : "continue";
  }

  allAsleep(): boolean {
    return this.cpus.every((c, i) => c.sleeping && !this.kicked[i]);
  }

  /**
   * Every CPU sleeps: move time to the next timer, sleeping the host where the mode says so.
   * With no timer armed only input can wake the guest: wait for it (or the wall deadline).
   */
  async idle(wallDeadline: number): Promise<void> {
    const next = this.clock.nextEventTime();
    if (this.opts.deterministic) {
      if (next !== undefined) {
        this.clock.advanceTo(next);
        this.clock.runDue();
        return;
      }
      await this.sleepHost(wallDeadline - performance.now());
      return;
    }
    const wallNs = this.wallNs();
    if (next !== undefined && next <= wallNs) {
      this.clock.advanceTo(next);
      this.clock.runDue();
      return;
    }
    const waitMs = next === undefined ? wallDeadline - performance.now() : Math.min((next - wallNs) / 1e6, wallDeadline - performance.now());
    await this.sleepHost(waitMs);
    const after = this.wallNs();
    this.clock.advanceTo(next === undefined ? after : Math.min(next, after));
    this.clock.runDue();
  }

  /** Interactive mode: the virtual time the wall clock has reached. */
  private wallNs(): number {
    return (performance.now() - this.wallOrigin) * 1e6;
  }

  startPacing(): void {
    this.wallOrigin = performance.now() - this.clock.now() / 1e6;
  }

  private sleepHost(ms: number): Promise<void> {
    if (!(ms > 0)) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.wakeWaiter = undefined;
        resolve();
      }, Math.min(ms, 2_147_000_000));
      this.wakeWaiter = () => {
        clearTimeout(t);
        resolve();
      };
    });
  }

  static yieldEveryMs = YIELD_EVERY_MS;
}

/**
 * Give the host event loop a turn (input, timers, UI), in Node and in browsers. Browsers clamp
 * setTimeout(0) to 4 ms after a few nestings, so there a MessageChannel message is the turn.
 */
export function yieldToHost(): Promise<void> {
  const g = globalThis as { setImmediate?: (fn: () => void) => void };
  if (g.setImmediate !== undefined) return new Promise((resolve) => g.setImmediate!(resolve));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(0);
  });
}
