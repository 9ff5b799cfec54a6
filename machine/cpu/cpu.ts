// One IA-32 CPU: its architectural state in typed arrays and plain fields, the run loop over
// decoded blocks, and the CpuCore contract (pins, registers, debugger access). Instruction
// semantics live in the ops-*.ts files, memory and paging in memory.ts / paging.ts, interrupt
// and exception delivery in interrupts.ts, segment loading in segments.ts.

import type { Bus } from "../bus/bus.ts";
import { BreakpointTable } from "./breakpoints.ts";
import { CodeCache, codeTrackerFor, type Block } from "./code-cache.ts";
import {
  ATT_BREAK,
  ATT_STOP,
  ATT_WATCH,
  CR0_ET,
  CR0_PE,
  CR0_PG,
  CR0_WP,
  CS,
  DS,
  ES,
  FLAGS_FIXED,
  FS,
  GS,
  GP,
  GUEST_FAULT,
  IF,
  SEG_NAMES,
  SS,
  TF,
  TLB_DIRTY,
  TLB_GLOBAL,
  TLB_RAM,
  TLB_USER,
  TLB_VALID,
  TLB_WRITABLE,
} from "./constants.ts";
import { compileBlock, COMPILE_THRESHOLD } from "./block-compiler.ts";
import { decodeBlock } from "./decoder.ts";
import { FlagOp, getFlags } from "./flags.ts";
import { deliverExternal, deliverNmi, handleFault, raiseDebugTrap } from "./interrupts.ts";
import {
  StopReason,
  type CpuCore,
  type CpuHost,
  type CpuRegisters,
  type FaultReport,
  type InterruptSource,
} from "./interface.ts";
import { Access, debugTranslate, flushTlb, translate } from "./paging.ts";
import { loadSegmentForDebugger, setSegmentFlat, setSegmentReal } from "./segments.ts";


interface Watchpoint {
  linear: number;
  length: number;
  kind: "write" | "read" | "access";
}

export class Cpu implements CpuCore {
  // ---- general state ----
  readonly regs = new Int32Array(8);
  eip = 0;
  /** EFLAGS; the six status flags are only valid here while `fOp` is FlagOp.None. */
  flags = FLAGS_FIXED;
  fOp: FlagOp = FlagOp.None;
  fRes = 0;
  fA = 0;
  fB = 0;
  fSize = 32;
  fAux = 0;

  // ---- segments (index = ES CS SS DS FS GS) ----
  readonly segSel = new Int32Array(6);
  readonly segBase = new Int32Array(6);
  /** Effective limit (byte granular, 0xffffffff stored as -1). */
  readonly segLimit = new Int32Array(6);
  /** Descriptor attribute bits: high dword bits 8..23 shifted down by 8 (type/S/DPL/P, AVL/L/DB/G). */
  readonly segAttr = new Int32Array(6);
  /** CS.D: 32-bit default operand/address size. */
  code32 = false;
  /** SS.B: ESP (not SP) is the stack pointer. */
  stack32 = false;
  cpl = 0;
  /** Bit per segment register: base 0, limit 4 GiB, usable, expand-up (no limit checks needed). */
  flatMask = 0;

  // ---- system registers ----
  cr0 = CR0_ET;
  cr2 = 0;
  cr3 = 0;
  cr4 = 0;
  readonly dr = new Int32Array(8);
  gdtBase = 0;
  gdtLimit = 0xffff;
  idtBase = 0;
  idtLimit = 0x3ff;
  ldtSel = 0;
  ldtBase = 0;
  ldtLimit = 0;
  trSel = 0;
  trBase = 0;
  trLimit = 0;
  trAttr = 0;
  /** Model-specific registers kept in the core (SYSENTER etc. are not modelled). */
  readonly msrs = new Map<number, bigint>();
  tscOffset = 0n;

  // ---- memory ----
  readonly ram: Uint8Array;
  readonly ram32: Int32Array;
  /** The TLB, indexed by linear page number: physical page base | TLB_* bits, 0 = empty. */
  readonly tlb = new Int32Array(1 << 20);
  /** Linear pages that may have a TLB entry (so a flush need not scan the whole array). */
  readonly tlbPages = new Int32Array(8192);
  tlbCount = 0;
  /** Some TLB entry may be a slice of a 4 MiB page (INVLPG must then look at the region). */
  tlbHasLarge = false;
  /** TLB bits an entry needs for a read / write at the current CPL to use the fast path. */
  readMask = TLB_VALID | TLB_RAM;
  writeMask = TLB_VALID | TLB_RAM | TLB_DIRTY;
  readonly codeLines: Uint8Array;
  readonly cache: CodeCache;

  // ---- pins and run state ----
  private intSrc: InterruptSource | undefined;
  halted = false;
  waitingForSipi = false;
  shutdown = false;
  nmiPending = false;
  /** NMIs are blocked from delivery of one until the next IRET. */
  nmiBlocked = false;
  /** Interrupts are held off for one instruction after STI, MOV SS, POP SS. */
  shadow = 0;
  attention = 0;
  /** Executions of a block before it is compiled (tests use 1 to check compiled code, or Infinity). */
  compileThreshold = COMPILE_THRESHOLD;
  /** Instructions a compiled block retired before the one that faulted. */
  partial = 0;
  /**
   * Retired instructions. Kept current at every block start during run(), so devices that
   * read the clock mid-quantum see time move; port I/O and RDTSC always start a block, so
   * for them it is exact.
   */
  instructionCount = 0;

  // ---- faults ----
  faultVector = 0;
  /** Error code of the fault being raised, or -1 when the vector pushes none. */
  faultCode = -1;
  lastFault: FaultReport | undefined;

  // ---- debugging ----
  singleStep = false;
  readonly breakpoints = new BreakpointTable();
  /**
   * The linear address this CPU last stopped at for a breakpoint. The next run() starts by
   * executing that instruction instead of reporting it again; any other address, including
   * a breakpoint reached exactly where an earlier run() ran out of budget, stops.
   */
  private breakpointResumeAt = -1;
  private readonly watchpoints: Watchpoint[] = [];
  readonly watchedPages = new Set<number>();
  watchCount = 0;
  lastWatch: { linear: number; kind: "write" | "read" | "access" } | undefined;

  constructor(
    readonly id: number,
    readonly bus: Bus,
    readonly host: CpuHost,
  ) {
    this.ram = bus.ram;
    this.ram32 = new Int32Array(bus.ram.buffer, bus.ram.byteOffset, bus.ram.length >>> 2);
    const tracker = codeTrackerFor(bus);
    this.codeLines = tracker.codeLines;
    this.cache = new CodeCache(tracker, this);
    this.reset();
  }

  get sleeping(): boolean {
    return this.halted || this.waitingForSipi || this.shutdown;
  }

  // ---- helpers used by the instruction files ----

  /** Recompute whether segment `seg` is flat (see flatMask); called whenever it is loaded. */
  updateFlat(seg: number): void {
    const a = this.segAttr[seg]!;
    // Flat: no check could fail, so none is made. CS never counts (code is never writable);
    // a data segment must be writable and expand-up.
    const flat =
      seg !== CS &&
      (a & 0x1e) === 0x12 &&
      this.protectedMode &&
      this.segBase[seg] === 0 &&
      this.segLimit[seg] === -1;
    if (flat) this.flatMask |= 1 << seg;
    else this.flatMask &= ~(1 << seg);
  }

  /** Abort the current instruction with an exception (errorCode -1: none pushed). */
  fault(vector: number, errorCode = -1): never {
    this.faultVector = vector;
    this.faultCode = errorCode;
    throw GUEST_FAULT;
  }

  codeWritten(phys: number, length: number): void {
    this.cache.tracker.written(phys, length);
  }

  codeInvalidated(): void {
    this.attention |= ATT_BREAK;
  }

  setCpl(cpl: number): void {
    this.cpl = cpl;
    this.updateMasks();
  }

  updateMasks(): void {
    const user = this.cpl === 3;
    this.readMask = TLB_VALID | TLB_RAM | (user ? TLB_USER : 0);
    this.writeMask =
      TLB_VALID | TLB_RAM | TLB_DIRTY | (user ? TLB_USER | TLB_WRITABLE : (this.cr0 & CR0_WP) !== 0 ? TLB_WRITABLE : 0);
  }

  get protectedMode(): boolean {
    return (this.cr0 & CR0_PE) !== 0;
  }

  log(category: string, text: string): void {
    this.host.log?.(category, `CPU#${this.id}: ${text}`);
  }

  // ---- the run loop ----

  run(budget: number): { executed: number; reason: StopReason } {
    if (this.shutdown) return { executed: 0, reason: StopReason.TripleFault };
    if (this.waitingForSipi) return { executed: 0, reason: StopReason.WaitForSipi };
    let executed = 0;
    let reason = StopReason.Budget;
    let skipBreakpoint = this.breakpointResumeAt === ((this.segBase[CS]! + this.eip) >>> 0);
    this.breakpointResumeAt = -1;
    const startCount = this.instructionCount;
    // Exception deliveries retire no instruction; a handler that faults on its first
    // instruction would loop forever (as on hardware), so deliveries also use up the budget.
    let deliveries = 0;
    while (executed + deliveries < budget) {
      // ---- events between instructions ----
      if (this.shadow === 0) {
        if (this.nmiPending && !this.nmiBlocked) {
          this.nmiPending = false;
          this.halted = false;
          deliveries++;
          this.guard(() => deliverNmi(this));
        } else if ((this.flags & IF) !== 0 && this.intSrc !== undefined && this.intSrc.hasPending()) {
          this.halted = false;
          const vector = this.intSrc.acknowledge() & 0xff;
          deliveries++;
          this.guard(() => deliverExternal(this, vector));
        }
      }
      if (this.shutdown) {
        reason = StopReason.TripleFault;
        break;
      }
      if (this.halted) {
        reason = StopReason.Halted;
        break;
      }
      // Only a page with a breakpoint on it costs more than this load (breakpoints.ts).
      const onBreakpointPage = this.breakpoints.pages[(this.segBase[CS]! + this.eip) >>> 12] !== 0;
      if (onBreakpointPage && !skipBreakpoint && this.breakpoints.has(this.segBase[CS]! + this.eip)) {
        reason = StopReason.Breakpoint;
        this.breakpointResumeAt = (this.segBase[CS]! + this.eip) >>> 0;
        break;
      }
      skipBreakpoint = false;
      let limit = budget - executed - deliveries;
      if (limit <= 0) break;
      const trap = (this.flags & TF) !== 0;
      let chain = true;
      if (this.shadow !== 0 || trap || this.singleStep) {
        limit = 1;
        this.shadow = 0;
        chain = false;
      }

      // ---- one block ----
      this.instructionCount = startCount + executed;
      let i = 0;
      let compiled = false;
      try {
        // A jump past the code segment limit faults at the target (checked where blocks start).
        if (this.segLimit[CS] !== -1 && this.eip >>> 0 > this.segLimit[CS]! >>> 0) this.fault(GP, 0);
        const lin = (this.segBase[CS]! + this.eip) | 0;
        let e = this.tlb[lin >>> 12]!;
        const m = this.readMask;
        if ((e & m) !== m) e = translate(this, lin, Access.Fetch, this.cpl === 3);
        const phys = (e & -4096) | (lin & 4095);
        let block: Block | undefined = (e & TLB_RAM) !== 0 ? this.cache.lookup(phys) : undefined;
        if (block === undefined || block.code32 !== this.code32 || (block.assumedFlat & ~this.flatMask) !== 0) block = decodeBlock(this, lin, phys, (e & TLB_RAM) !== 0);
        else if (onBreakpointPage && (block.bpLin !== lin || block.bpEpoch !== this.breakpoints.epoch) && !this.breakpoints.blockFits(block, lin)) {
          // Decoded for another linear address, or before a breakpoint was set inside it:
          // decode again here (the decoder ends blocks before breakpoints) and cache that.
          block = decodeBlock(this, lin, phys, (e & TLB_RAM) !== 0);
        }
        if (block.compiled === undefined && ++block.hits >= this.compileThreshold) this.compile(block);
        if (block.compiled !== undefined && block.count <= limit) {
          compiled = true;
          i = block.compiled(limit);
          if (chain) {
            // Run further compiled blocks straight away while nothing needs the checks
            // above: no attention, budget left, no interrupt pending, next block at hand.
            const pages = this.cache.pages;
            const tlb = this.tlb;
            const code32 = this.code32;
            const bp = this.breakpoints;
            while (this.attention === 0) {
              executed += i;
              i = 0;
              this.instructionCount = startCount + executed;
              const left = budget - executed;
              if (left <= 0) break;
              if ((this.flags & IF) !== 0 && this.intSrc !== undefined && this.intSrc.hasPending()) break;
              if (this.segLimit[CS] !== -1) break;
              const nlin = (this.segBase[CS]! + this.eip) | 0;
              const ne = tlb[nlin >>> 12]!;
              if ((ne & m) !== m) break;
              const nphys = (ne & -4096) | (nlin & 4095);
              const pb = pages[nphys >>> 12];
              if (pb === undefined) break;
              const next = pb[nphys & 4095];
              if (next === undefined || next.compiled === undefined || next.count > left || next.code32 !== code32 || (next.assumedFlat & ~this.flatMask) !== 0) break;
              // On a breakpoint's page, only a block known to hold no breakpoint from here on.
              if (bp.pages[nlin >>> 12] !== 0 && (next.bpLin !== nlin || next.bpEpoch !== bp.epoch)) break;
              i = next.compiled(left);
            }
          }
        } else {
          const n = block.count < limit ? block.count : limit;
          const fns = block.fns;
          const lens = block.lens;
          while (i < n) {
            if (fns[i]!() === true) {
              // a taken conditional branch: EIP already holds its target
              i++;
              break;
            }
            this.eip = (this.eip + lens[i]!) | 0;
            i++;
            if (this.attention !== 0) break;
          }
        }
      } catch (err) {
        executed += compiled ? this.partial : i;
        if (err !== GUEST_FAULT) this.internalError(err);
        else handleFault(this);
        if (this.singleStep) {
          reason = StopReason.Step;
          break;
        }
        deliveries++;
        continue;
      }
      executed += i;
      if (trap && i === 1) this.guard(() => raiseDebugTrap(this));
      if (this.attention !== 0) {
        const a = this.attention;
        this.attention = 0;
        if ((a & ATT_WATCH) !== 0) {
          reason = StopReason.Watchpoint;
          break;
        }
        if ((a & ATT_STOP) !== 0) {
          reason = StopReason.Requested;
          break;
        }
      }
      if (this.singleStep) {
        reason = StopReason.Step;
        break;
      }
    }
    this.instructionCount = startCount + executed;
    if (reason === StopReason.Budget && this.halted) reason = StopReason.Halted;
    return { executed, reason };
  }

  /** Compile a hot block; where generated code is not allowed (a strict CSP), keep interpreting. */
  private compile(block: Block): void {
    try {
      block.compiled = compileBlock(this, block);
    } catch (err) {
      this.log("unimp", `block compilation unavailable, interpreting only: ${String(err)}`);
      this.compileThreshold = Infinity;
    }
  }

  /** Run event delivery; a fault inside it is handled like any instruction fault. */
  private guard(f: () => void): void {
    try {
      f();
    } catch (err) {
      if (err !== GUEST_FAULT) this.internalError(err);
      else handleFault(this);
    }
  }

  /** A bug in the emulator itself: stop this CPU with a report instead of throwing to the host. */
  private internalError(err: unknown): void {
    const text = `internal emulator error at EIP 0x${(this.eip >>> 0).toString(16)}: ${err instanceof Error ? err.stack ?? err.message : String(err)}`;
    this.log("guest_errors", text);
    this.lastFault = { vector: -1, eip: this.eip >>> 0, text };
    this.shutdown = true;
  }

  /** Triple fault: the CPU shuts down; the machine decides what happens next. */
  tripleFault(text: string): void {
    this.lastFault = { vector: this.faultVector, errorCode: this.faultCode >= 0 ? this.faultCode : undefined, eip: this.eip >>> 0, text };
    this.log("cpu_reset", `triple fault: ${text}`);
    this.shutdown = true;
    this.attention |= ATT_BREAK;
  }

  // ---- pins ----

  setInterruptSource(src: InterruptSource): void {
    this.intSrc = src;
  }

  wake(): void {
    // run() looks at the interrupt source and NMI latch itself; if this CPU is running
    // right now (a device raised an interrupt mid-quantum), make it look soon.
    this.attention |= ATT_BREAK;
  }

  nmi(): void {
    this.nmiPending = true;
    this.attention |= ATT_BREAK;
  }

  init(): void {
    this.resetState();
    // The BSP (CPU 0) restarts at the reset vector; APs wait for a startup IPI.
    this.waitingForSipi = this.id !== 0;
  }

  sipi(vector: number): void {
    if (!this.waitingForSipi) return;
    this.waitingForSipi = false;
    this.halted = false;
    setSegmentReal(this, CS, (vector & 0xff) << 8, true);
    this.eip = 0;
  }

  reset(): void {
    this.resetState();
    this.msrs.clear();
    this.tscOffset = 0n;
  }

  requestStop(): void {
    this.attention |= ATT_STOP;
  }

  /** The state after RESET or INIT (SDM vol. 3, table 10-1). */
  private resetState(): void {
    this.regs.fill(0);
    this.regs[2] = 0x00000633; // EDX: family 6, model 3, stepping 3 (a Pentium II class part)
    this.flags = FLAGS_FIXED;
    this.fOp = FlagOp.None;
    this.cr0 = CR0_ET | (1 << 29) | (1 << 30); // CD and NW set, as after reset
    this.cr2 = 0;
    this.cr3 = 0;
    this.cr4 = 0;
    this.dr.fill(0);
    this.dr[6] = 0xffff0ff0 | 0;
    this.dr[7] = 0x400;
    for (const s of [ES, SS, DS, FS, GS]) setSegmentReal(this, s, 0, true);
    setSegmentReal(this, CS, 0xf000, true);
    this.segBase[CS] = 0xffff0000 | 0;
    this.eip = 0xfff0;
    this.gdtBase = 0;
    this.gdtLimit = 0xffff;
    this.idtBase = 0;
    this.idtLimit = 0x3ff;
    this.ldtSel = this.ldtBase = 0;
    this.ldtLimit = 0xffff;
    this.trSel = this.trBase = 0;
    this.trLimit = 0xffff;
    this.trAttr = 0x8b;
    this.setCpl(0);
    this.halted = false;
    this.waitingForSipi = false;
    this.shutdown = false;
    this.nmiPending = false;
    this.nmiBlocked = false;
    this.shadow = 0;
    flushTlb(this, true);
    this.attention |= ATT_BREAK;
  }

  // ---- state access ----

  getRegisters(): CpuRegisters {
    const r = this.regs;
    return {
      eax: r[0]! >>> 0,
      ecx: r[1]! >>> 0,
      edx: r[2]! >>> 0,
      ebx: r[3]! >>> 0,
      esp: r[4]! >>> 0,
      ebp: r[5]! >>> 0,
      esi: r[6]! >>> 0,
      edi: r[7]! >>> 0,
      eip: this.eip >>> 0,
      eflags: getFlags(this) >>> 0,
      cs: this.segSel[CS]!,
      ss: this.segSel[SS]!,
      ds: this.segSel[DS]!,
      es: this.segSel[ES]!,
      fs: this.segSel[FS]!,
      gs: this.segSel[GS]!,
      cr0: this.cr0 >>> 0,
      cr2: this.cr2 >>> 0,
      cr3: this.cr3 >>> 0,
      cr4: this.cr4 >>> 0,
    };
  }

  setRegisters(v: Partial<CpuRegisters>): void {
    const names = ["eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"] as const;
    names.forEach((n, i) => {
      const x = v[n];
      if (x !== undefined) this.regs[i] = x | 0;
    });
    if (v.eip !== undefined) this.eip = v.eip | 0;
    if (v.eflags !== undefined) {
      this.flags = (v.eflags & 0x3d7fd5) | FLAGS_FIXED; // VM stays clear: virtual-8086 mode is not modelled
      this.fOp = FlagOp.None;
    }
    if (v.cr0 !== undefined) this.cr0 = v.cr0 | 0;
    if (v.cr2 !== undefined) this.cr2 = v.cr2 | 0;
    if (v.cr3 !== undefined) this.cr3 = v.cr3 | 0;
    if (v.cr4 !== undefined) this.cr4 = v.cr4 | 0;
    SEG_NAMES.forEach((n, i) => {
      const sel = v[n];
      if (sel !== undefined) loadSegmentForDebugger(this, i, sel & 0xffff);
    });
    if (v.cr0 !== undefined || v.cr3 !== undefined || v.cr4 !== undefined) flushTlb(this, true);
    for (let s = 0; s < 6; s++) this.updateFlat(s);
    this.updateMasks();
    this.attention |= ATT_BREAK;
  }

  enterFlatProtectedMode(eip: number, cs: number, ds: number): void {
    this.cr0 = (this.cr0 | CR0_PE) & ~CR0_PG;
    this.flags = FLAGS_FIXED;
    this.fOp = FlagOp.None;
    setSegmentFlat(this, CS, cs, true);
    for (const s of [ES, SS, DS, FS, GS]) setSegmentFlat(this, s, ds, false);
    this.setCpl(0);
    this.eip = eip | 0;
    this.halted = false;
    this.waitingForSipi = false;
    flushTlb(this, true);
    this.attention |= ATT_BREAK;
  }

  // ---- debugger memory access ----

  debugTranslate(linear: number): number | undefined {
    return debugTranslate(this, linear);
  }

  debugRead(linear: number, length: number): Uint8Array | undefined {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) {
      const p = debugTranslate(this, (linear + i) >>> 0);
      if (p === undefined) return undefined;
      out[i] = this.bus.read(p, 1, this.id);
    }
    return out;
  }

  debugWrite(linear: number, bytes: Uint8Array): boolean {
    const phys: number[] = [];
    for (let i = 0; i < bytes.length; i++) {
      const p = debugTranslate(this, (linear + i) >>> 0);
      if (p === undefined) return false;
      phys.push(p);
    }
    // bus.write tells the code trackers, so a patched instruction is decoded afresh.
    phys.forEach((p, i) => this.bus.write(p, 1, bytes[i]!, this.id));
    return true;
  }

  tlbEntries(): { linear: number; physical: number; writable: boolean; user: boolean; global: boolean }[] {
    const out = [];
    const seen = new Set<number>();
    for (let i = 0; i < this.tlbCount; i++) {
      const page = this.tlbPages[i]!;
      const e = this.tlb[page]!;
      if (e === 0 || seen.has(page)) continue;
      seen.add(page);
      out.push({
        linear: page * 4096,
        physical: (e & -4096) >>> 0,
        writable: (e & TLB_WRITABLE) !== 0,
        user: (e & TLB_USER) !== 0,
        global: (e & TLB_GLOBAL) !== 0,
      });
    }
    return out.sort((a, b) => a.linear - b.linear);
  }

  // ---- breakpoints and watchpoints ----

  linearEip(): number {
    return (this.segBase[CS]! + this.eip) >>> 0;
  }

  setBreakpoint(linear: number): void {
    // Cached blocks stay: a block that runs through the new address is found (and decoded
    // again) the next time it is entered, because the table's version changed.
    this.breakpoints.add(linear);
    // Set while this CPU is inside run() (from a device or a host callback): leave the
    // current block and chain at the next check, so the new breakpoint is seen.
    this.attention |= ATT_BREAK;
  }

  clearBreakpoint(linear: number): void {
    // Blocks split at the old address stay split; that is merely a block boundary.
    this.breakpoints.delete(linear);
  }

  setWatchpoint(linear: number, length: number, kind: "write" | "read" | "access"): void {
    this.watchpoints.push({ linear: linear >>> 0, length, kind });
    this.refreshWatchPages();
  }

  clearWatchpoint(linear: number, length: number, kind: "write" | "read" | "access"): void {
    const i = this.watchpoints.findIndex((w) => w.linear === linear >>> 0 && w.length === length && w.kind === kind);
    if (i >= 0) this.watchpoints.splice(i, 1);
    this.refreshWatchPages();
  }

  private refreshWatchPages(): void {
    this.watchedPages.clear();
    for (const w of this.watchpoints) {
      for (let p = w.linear >>> 12; p <= (w.linear + Math.max(w.length, 1) - 1) >>> 12; p++) this.watchedPages.add(p);
    }
    this.watchCount = this.watchpoints.length;
    // Entries for watched pages must lose their fast-path bit: refill everything.
    flushTlb(this, true);
  }

  /** Slow-path memory accesses report here; a hit stops the run after the instruction. */
  checkWatch(linear: number, size: number, isWrite: boolean): void {
    const lo = linear >>> 0;
    for (const w of this.watchpoints) {
      if (lo < w.linear + w.length && w.linear < lo + size) {
        if (w.kind === "access" || (w.kind === "write") === isWrite) {
          this.lastWatch = { linear: lo, kind: w.kind };
          this.attention |= ATT_WATCH;
          return;
        }
      }
    }
  }
}

export { CR0_PG };
