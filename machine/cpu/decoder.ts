// The instruction decoder: prefixes, ModRM/SIB effective addresses, and decoding a block of
// straight-line instructions into closures bound to one CPU. The per-opcode dispatch lives in
// opcode-table.ts; the semantics in the ops-*.ts files.

import { DS, GP, SS, UD } from "./constants.ts";
import type { Block } from "./code-cache.ts";
import type { Cpu } from "./cpu.ts";
import { fetch8 } from "./memory.ts";
import { decodeOpcode } from "./opcode-table.ts";
import { checkLimit } from "./segments.ts";

export { checkLimit };

/** A decoded instruction: the closure that executes it. */
export type Exec = () => void;
/** A conditional branch: returns true when taken (EIP then already holds the target). */
export type BranchExec = () => boolean;

/** Thrown inside the decoder when the next instruction would run off the block's page. */
const DECODE_STOP = { decodeStop: true } as const;

/** Blocks end after this many instructions, so budgets and events are checked often enough. */
const MAX_BLOCK = 64;

export class Decoder {
  /** Linear address of the next byte to fetch. */
  lin = 0;
  start = 0;
  /** Linear address of the end of the page the block started in (exclusive). */
  private pageEnd = 0;
  private mayCross = false;
  crossed = false;

  // prefixes and ModRM of the instruction being decoded
  opsize = 4;
  adsize = 4;
  /** Segment override, or -1 for the default. */
  seg = -1;
  /** 0, 0xf3 (REP/REPE) or 0xf2 (REPNE). */
  rep = 0;
  lock = false;
  lockOk = false;
  mod = 0;
  reg = 0;
  rm = 0;
  /** The instruction sets EIP itself (jumps, calls, faults): it must end the block. */
  ctl = false;
  /** Decoding must stop after this instruction (it changes how later code decodes or runs). */
  endBlock = false;
  /** The instruction is a conditional branch (see Block.branch); `branchTarget` is its linear target. */
  branch = false;
  branchTarget = 0;
  /**
   * The instruction talks to devices or reads time (IN/OUT/INS/OUTS/RDTSC): it must start
   * its own block, so the instruction count devices see is exact when it runs.
   */
  syncPoint = false;
  /**
   * The instruction only reads and writes registers (no memory, no I/O): it cannot raise
   * `cpu.attention`, so a compiled block need not look at it afterwards.
   */
  pure = false;
  /** JavaScript source the block compiler may paste instead of calling the closure (inline-ops.ts). */
  inline: string | undefined = undefined;

  constructor(readonly cpu: Cpu) {}

  begin(lin: number, first: boolean): void {
    this.lin = lin;
    this.start = lin;
    this.mayCross = first;
    if (first) this.pageEnd = ((lin & ~0xfff) + 0x1000) | 0;
    const d32 = this.cpu.code32;
    this.opsize = d32 ? 4 : 2;
    this.adsize = d32 ? 4 : 2;
    this.seg = -1;
    this.rep = 0;
    this.lock = false;
    this.lockOk = false;
    this.ctl = false;
    this.endBlock = false;
    this.branch = false;
    this.syncPoint = false;
    this.pure = false;
    this.inline = undefined;
    if (first) this.assumedFlat = 0;
  }

  /** Bytes consumed so far by this instruction. */
  get len(): number {
    return (this.lin - this.start) | 0;
  }

  u8(): number {
    const a = this.lin;
    if (a === this.pageEnd) {
      if (!this.mayCross) throw DECODE_STOP;
      this.crossed = true;
    }
    if (((a - this.start) | 0) >= 15) this.cpu.fault(GP, 0);
    this.lin = (a + 1) | 0;
    return fetch8(this.cpu, a);
  }

  s8(): number {
    return (this.u8() << 24) >> 24;
  }

  u16(): number {
    const lo = this.u8();
    return lo | (this.u8() << 8);
  }

  s16(): number {
    return (this.u16() << 16) >> 16;
  }

  /** 32-bit immediate as int32. */
  u32(): number {
    const a = this.u16();
    return a | (this.u16() << 16);
  }

  /** Immediate of the operand size (sign-extension to int32 is the caller's business). */
  imm(size: number): number {
    return size === 4 ? this.u32() : size === 2 ? this.u16() : this.u8();
  }

  modrm(): void {
    const b = this.u8();
    this.mod = b >> 6;
    this.reg = (b >> 3) & 7;
    this.rm = b & 7;
  }

  get isReg(): boolean {
    return this.mod === 3;
  }

  /**
   * The effective address of the ModRM memory operand as a closure returning the linear
   * address (segment base + offset). Reads the SIB and displacement bytes now.
   */
  ea(size: number, write = false): () => number {
    this.lastOffsetSource = undefined;
    const f = this.adsize === 4 ? this.ea32() : this.ea16();
    const s = this.lastSeg;
    if ((this.cpu.flatMask & (1 << s)) !== 0) {
      // The segment is flat now: no limit check. The block records that it assumed so.
      this.assumedFlat |= 1 << s;
      this.eaSource = this.lastOffsetSource;
      return f;
    }
    this.eaSource = undefined;
    const cpu = this.cpu;
    return () => checkLimit(cpu, s, f(), size, write);
  }

  /** The offset of the last ModRM memory operand as JS source (32-bit addressing only). */
  lastOffsetSource: string | undefined = undefined;
  /**
   * The linear address of the last ea() as JS source, when its segment is flat (so the
   * address is the offset and needs no limit check); otherwise undefined.
   */
  eaSource: string | undefined = undefined;

  /** Segments the block's address computations take to be flat (base 0, 4 GiB, usable). */
  assumedFlat = 0;

  /** True (and recorded for the block) when `seg` is flat now, so accesses need no checks. */
  assumeFlat(seg: number): boolean {
    if ((this.cpu.flatMask & (1 << seg)) === 0) return false;
    this.assumedFlat |= 1 << seg;
    return true;
  }

  /** Like ea(), but the offset alone (LEA). */
  offset(): () => number {
    this.lastOffsetSource = undefined;
    const saved = this.seg;
    const cpu = this.cpu;
    const f = this.adsize === 4 ? this.ea32() : this.ea16();
    const s = this.lastSeg;
    this.seg = saved;
    return () => (f() - cpu.segBase[s]!) | 0;
  }

  lastSeg = DS;

  private ea32(): () => number {
    const cpu = this.cpu;
    const regs = cpu.regs;
    const sb = cpu.segBase;
    const mod = this.mod;
    let base = this.rm;
    let index = -1;
    let scale = 0;
    let seg = DS;
    if (base === 4) {
      const sib = this.u8();
      scale = sib >> 6;
      index = (sib >> 3) & 7;
      if (index === 4) index = -1;
      base = sib & 7;
      if (base === 5 && mod === 0) base = -1;
    } else if (base === 5 && mod === 0) {
      base = -1;
    }
    if (base === 4 || base === 5) seg = SS;
    let disp = 0;
    if (mod === 1) disp = this.s8();
    else if (mod === 2 || base === -1) disp = this.u32();
    const s = this.seg >= 0 ? this.seg : seg;
    this.lastSeg = s;
    // The offset as JS source, for the block compiler (see lastOffsetSource).
    const terms: string[] = [];
    if (base >= 0) terms.push(`regs[${base}]`);
    if (index >= 0) terms.push(scale === 0 ? `regs[${index}]` : `(regs[${index}] << ${scale})`);
    if (disp !== 0 || terms.length === 0) terms.push(String(disp | 0));
    this.lastOffsetSource = `((${terms.join(" + ")}) | 0)`;
    if (index < 0) {
      if (base < 0) return () => (sb[s]! + disp) | 0;
      if (disp === 0) return () => (sb[s]! + regs[base]!) | 0;
      return () => (sb[s]! + regs[base]! + disp) | 0;
    }
    if (base < 0) return () => (sb[s]! + (regs[index]! << scale) + disp) | 0;
    if (disp === 0) return () => (sb[s]! + regs[base]! + (regs[index]! << scale)) | 0;
    return () => (sb[s]! + regs[base]! + (regs[index]! << scale) + disp) | 0;
  }

  private ea16(): () => number {
    const cpu = this.cpu;
    const regs = cpu.regs;
    const sb = cpu.segBase;
    const mod = this.mod;
    const rm = this.rm;
    let disp = 0;
    if (mod === 1) disp = this.s8();
    else if (mod === 2 || (mod === 0 && rm === 6)) disp = this.u16();
    // BX+SI, BX+DI, BP+SI, BP+DI, SI, DI, BP (or disp16), BX
    const bases = [3, 3, 5, 5, 6, 7, 5, 3];
    const indexes = [6, 7, 6, 7, -1, -1, -1, -1];
    let b = bases[rm]!;
    const x = indexes[rm]!;
    if (mod === 0 && rm === 6) b = -1;
    const defSeg = rm === 2 || rm === 3 || (rm === 6 && mod !== 0) ? SS : DS;
    const s = this.seg >= 0 ? this.seg : defSeg;
    this.lastSeg = s;
    if (b < 0) return () => (sb[s]! + (disp & 0xffff)) | 0;
    if (x < 0) return () => (sb[s]! + ((regs[b]! + disp) & 0xffff)) | 0;
    return () => (sb[s]! + ((regs[b]! + regs[x]! + disp) & 0xffff)) | 0;
  }

  /** The default segment (or override) for string sources and moffs operands. */
  segOr(def: number): number {
    return this.seg >= 0 ? this.seg : def;
  }
}

/** A closure that raises an exception when executed (and ends the block). */
export function raising(d: Decoder, vector: number, code = -1): Exec {
  const cpu = d.cpu;
  d.ctl = true;
  return () => cpu.fault(vector, code);
}

/** Decode one instruction at d.lin (prefixes included). */
function decodeInstruction(d: Decoder): Exec | BranchExec {
  for (;;) {
    const b = d.u8();
    switch (b) {
      case 0x26:
      case 0x2e:
      case 0x36:
      case 0x3e:
        d.seg = (b >> 3) & 3;
        continue;
      case 0x64:
        d.seg = 4;
        continue;
      case 0x65:
        d.seg = 5;
        continue;
      case 0x66:
        d.opsize = d.cpu.code32 ? 2 : 4;
        continue;
      case 0x67:
        d.adsize = d.cpu.code32 ? 2 : 4;
        continue;
      case 0xf0:
        d.lock = true;
        continue;
      case 0xf2:
      case 0xf3:
        d.rep = b;
        continue;
      default: {
        const fn = decodeOpcode(d, b);
        // LOCK is legal only on read-modify-write instructions with a memory destination.
        if (d.lock && !d.lockOk) return raising(d, UD);
        return fn;
      }
    }
  }
}

const decoders = new WeakMap<Cpu, Decoder>();

/**
 * Decode the block starting at linear `lin` (physical `phys`). Cached when it lies in RAM and
 * does not cross a page. A fault while fetching the first instruction propagates (it is the
 * instruction fetch fault); later instructions that would leave the page end the block.
 */
export function decodeBlock(cpu: Cpu, lin: number, phys: number, cacheable: boolean): Block {
  let d = decoders.get(cpu);
  if (d === undefined) {
    d = new Decoder(cpu);
    decoders.set(cpu, d);
  }
  const fns: (Exec | BranchExec)[] = [];
  const lens: number[] = [];
  const branch: boolean[] = [];
  const pure: boolean[] = [];
  const inline: (string | undefined)[] = [];
  let loops = false;
  d.crossed = false;
  let at = lin;
  for (;;) {
    const first = fns.length === 0;
    d.begin(at, first);
    let fn: Exec | BranchExec;
    try {
      fn = decodeInstruction(d);
    } catch (e) {
      // Anything wrong with a later instruction (page end, >15 bytes) is dealt with when it
      // is decoded again as the first instruction of its own block, at its own EIP.
      if (!first) break;
      if (e === DECODE_STOP) throw new Error("decoder: page end reached on the first instruction");
      throw e;
    }
    if (d.syncPoint && !first) break;
    fns.push(fn);
    lens.push(d.ctl ? 0 : d.len);
    branch.push(d.branch);
    pure.push(d.pure && !d.lock);
    inline.push(d.lock ? undefined : d.inline);
    at = d.lin;
    // A loop compiles into a block that iterates by itself; not when it would iterate back
    // onto a breakpoint at its start without the run loop seeing it.
    if (d.branch && d.branchTarget === lin && cpu.code32 && (cpu.breakpoints.size === 0 || !cpu.breakpoints.has(lin))) {
      loops = true;
      break;
    }
    if (d.ctl || d.endBlock || d.syncPoint || d.crossed || fns.length >= MAX_BLOCK) break;
    // A breakpoint starts a block, so that the run loop sees it (breakpoints.ts).
    if (cpu.breakpoints.size !== 0 && cpu.breakpoints.has(at)) break;
  }
  // Decoded under the current breakpoints for `lin`, the block holds none past its start.
  const bpEpoch = cpu.breakpoints.size === 0 || !cpu.breakpoints.has(lin) ? cpu.breakpoints.epoch : 0;
  const bytes = (at - lin) | 0;
  const block: Block = { fns, lens, branch, pure, inline, loops, count: fns.length, bytes, code32: cpu.code32, assumedFlat: d.assumedFlat, phys, bpLin: lin, bpEpoch, hits: 0, compiled: undefined };
  if (cacheable && !d.crossed) cpu.cache.insert(block, phys + ((at - lin) | 0));
  return block;
}
