// The KBC interpreter: runs a module on a flat memory, with the bare runtime as host
// functions. It is the reference implementation of tools/tsk/kbc/README.md; the x86 backend
// is diffed against it by the conformance corpus.
import type { Insn, KbcFunction, KbcModule } from "../kbc/types.ts";
import { is64 } from "../kbc/types.ts";
import { FlatMemory, GLOBALS_BASE } from "./memory.ts";
import { DIVIDE_ERROR, KbcTrap } from "./trap.ts";
import { HOST_RUNTIME, type HostContext, type HostFunction, type KValue } from "./host-runtime.ts";

export type { HostFunction, KValue } from "./host-runtime.ts";
import { runIntrinsic } from "./intrinsic-ops.ts";

export interface RunOptions {
  /** Function to run (default `main`), with no arguments. */
  entry?: string;
  memoryBytes?: number;
  /** Ops executed before the run is stopped as a runaway (default 200 million). */
  maxSteps?: number;
  /**
   * Host versions of externs (beside the bare runtime's), for testing a kernel module in
   * Node: e.g. `{ panic: (ctx, [msg]) => { throw ... } }`.
   */
  host?: Record<string, HostFunction>;
}

export interface RunResult {
  /** Everything written to COM1 (putc, puts, ... and outb 0x3f8). */
  output: Uint8Array;
  /** The entry function's result (32-bit results as signed numbers), if it returned. */
  exitValue?: KValue;
  /** Set when the program stopped on a trap. */
  trap?: { reason: string; where?: string; line?: number };
  steps: number;
}

/** Function pointers live above the memory, one 16-byte step apart, so they never alias data. */
const FUNCTION_BASE = 0xf0000000;
const STACK_BYTES = 1 << 20;

interface Compiled {
  fn: KbcFunction;
  /** Label id -> pc. */
  labels: number[];
  /** Pre-converted constants, by pc. */
  imm: KValue[];
  slotOffsets: number[];
  frameSize: number;
}

type Callee = { kind: "kbc"; c: Compiled } | { kind: "host"; name: string; f: HostFunction };

export class KbcMachine {
  readonly memory: FlatMemory;
  readonly out: number[] = [];
  readonly globals = new Map<string, number>();
  private readonly callees = new Map<string, Callee>();
  private readonly byAddress = new Map<number, Callee>();
  readonly addressOf = new Map<string, number>();
  private sp: number;
  private readonly stackLimit: number;
  steps = 0;
  private maxSteps: number;
  exitRequest?: number;
  readonly host: HostContext;

  constructor(readonly module: KbcModule, opts: RunOptions = {}) {
    this.memory = new FlatMemory(opts.memoryBytes ?? 16 << 20);
    this.maxSteps = opts.maxSteps ?? 200_000_000;
    this.sp = this.memory.size;
    this.stackLimit = this.memory.size - STACK_BYTES;
    this.host = { memory: this.memory, out: this.out };
    this.layout(opts.host ?? {});
  }

  private layout(extraHost: Record<string, HostFunction>): void {
    let addr = GLOBALS_BASE;
    for (const g of this.module.globals) {
      addr = Math.ceil(addr / Math.max(g.align, 1)) * Math.max(g.align, 1);
      this.globals.set(g.name, addr);
      this.addressOf.set(g.name, addr);
      if (g.data) this.memory.bytes.set(g.data, addr);
      addr += Math.max(g.size, 1);
    }
    if (addr > this.stackLimit) throw new KbcTrap(`the globals (${addr - GLOBALS_BASE} bytes) do not fit in the interpreter's memory`);
    let fnAddr = FUNCTION_BASE;
    const add = (name: string, callee: Callee) => {
      this.callees.set(name, callee);
      this.byAddress.set(fnAddr, callee);
      this.addressOf.set(name, fnAddr);
      fnAddr += 16;
    };
    for (const f of this.module.functions) add(f.name, { kind: "kbc", c: compile(f) });
    for (const e of this.module.externs) {
      if (this.callees.has(e.name)) continue;
      const f = extraHost[e.name] ?? HOST_RUNTIME[e.name];
      add(e.name, { kind: "host", name: e.name, f: f ?? (() => { throw new KbcTrap(`call to ${e.name}, which is defined outside this module and has no host version in the interpreter`); }) });
    }
    for (const g of this.module.globals) {
      for (const r of g.relocs) {
        const target = this.addressOf.get(r.symbol);
        if (target === undefined) throw new KbcTrap(`global ${g.name} refers to unknown symbol ${r.symbol}`);
        this.memory.view.setUint32(this.globals.get(g.name)! + r.offset, (target + r.addend) >>> 0, true);
      }
    }
  }

  run(entry = "main", args: KValue[] = []): RunResult {
    const callee = this.callees.get(entry);
    try {
      if (!callee || callee.kind !== "kbc") throw new KbcTrap(`the module has no function '${entry}'`);
      const v = this.call(callee, args);
      return { output: Uint8Array.from(this.out), exitValue: v, steps: this.steps };
    } catch (e) {
      if (e instanceof ExitRequest) return { output: Uint8Array.from(this.out), exitValue: e.value, steps: this.steps };
      if (e instanceof KbcTrap) {
        const trap = { reason: e.reason, where: e.where, ...(e.line !== undefined ? { line: e.line } : {}) };
        return { output: Uint8Array.from(this.out), trap, steps: this.steps };
      }
      if (e instanceof RangeError && /call stack/.test(e.message)) {
        return { output: Uint8Array.from(this.out), trap: { reason: "stack overflow (recursion too deep for the interpreter)" }, steps: this.steps };
      }
      throw e;
    }
  }

  call(callee: Callee, args: KValue[]): KValue | undefined {
    if (callee.kind === "host") return callee.f(this.host, args);
    try {
      return this.exec(callee.c, args);
    } catch (e) {
      if (e instanceof KbcTrap && e.where === undefined) e.where = callee.c.fn.name;
      throw e;
    }
  }

  requestExit(value: number): never {
    throw new ExitRequest(value);
  }

  private exec(c: Compiled, args: KValue[]): KValue | undefined {
    const { fn, labels, imm } = c;
    const mem = this.memory;
    const locals: KValue[] = fn.locals.map((t, i) => (i < args.length ? args[i]! : is64(t) ? 0n : 0));
    const savedSp = this.sp;
    let frame = 0;
    if (c.frameSize) {
      this.sp = (this.sp - c.frameSize) & ~15;
      if (this.sp < this.stackLimit) throw new KbcTrap("stack overflow (the interpreter's 1 MiB stack is full)");
      frame = this.sp;
    }
    const st: KValue[] = [];
    const body = fn.body;
    let pc = 0;
    try {
      for (;;) {
        if (++this.steps > this.maxSteps) throw new KbcTrap(`step limit of ${this.maxSteps} ops reached (an endless loop?)`);
        const i = body[pc++]!;
        switch (i.op) {
          case "const": st.push(imm[pc - 1]!); break;
          case "local.get": st.push(locals[i.index]!); break;
          case "local.set": locals[i.index] = st.pop()!; break;
          case "drop": st.pop(); break;
          case "global.addr": case "percpu.addr": {
            const base = this.globals.get(i.name);
            if (base === undefined) throw new KbcTrap(`${i.name} is defined outside this module (a declare global); the interpreter has no storage for it`);
            st.push((base + i.offset) | 0);
            break;
          }
          case "func.addr": st.push(this.addressOf.get(i.name)! | 0); break;
          case "slot.addr": st.push((frame + c.slotOffsets[i.slot]! + i.offset) | 0); break;
          case "load": {
            const a = ((st.pop() as number) + i.offset) >>> 0;
            st.push(i.width === 8 ? mem.load64(a) : mem.load32(a, i.width, i.signed));
            break;
          }
          case "store": {
            const v = st.pop()!;
            const a = ((st.pop() as number) + i.offset) >>> 0;
            if (i.width === 8) mem.store64(a, v as bigint); else mem.store32(a, i.width, v as number);
            break;
          }
          case "label": break;
          case "br": pc = labels[i.target]!; break;
          case "br_if": if ((st.pop() as number) !== 0) pc = labels[i.target]!; break;
          case "br_table": {
            const idx = (st.pop() as number) >>> 0;
            pc = labels[idx < i.targets.length ? i.targets[idx]! : i.default]!;
            break;
          }
          case "call": case "call_indirect": {
            let callee: Callee | undefined;
            if (i.op === "call") callee = this.callees.get(i.name);
            else {
              const p = (st.pop() as number) >>> 0;
              callee = this.byAddress.get(p);
              if (!callee) throw new KbcTrap(`indirect call through 0x${p.toString(16)}, which is not a function`);
            }
            if (!callee) throw new KbcTrap(`call to unknown function ${(i as { name: string }).name}`);
            const n = callee.kind === "kbc" ? callee.c.fn.params.length : this.externArity(callee.name);
            const a = st.splice(st.length - n, n);
            const r = this.call(callee, a);
            if (r !== undefined) st.push(r);
            break;
          }
          case "ret": return fn.result ? st.pop() : undefined;
          case "trap": throw new KbcTrap(i.reason);
          case "intrinsic": runIntrinsic(this, i.name, st); break;
          case "narrow": {
            const v = st.pop() as number;
            st.push(i.bits === 8 ? (i.signed ? (v << 24) >> 24 : v & 0xff) : i.signed ? (v << 16) >> 16 : v & 0xffff);
            break;
          }
          case "extend": { const v = st.pop() as number; st.push(i.signed ? BigInt(v | 0) : BigInt(v >>> 0)); break; }
          case "wrap": st.push(Number(BigInt.asIntN(32, st.pop() as bigint))); break;
          case "eqz": st.push(st.pop() == 0 ? 1 : 0); break;
          default: {
            const b = st.pop()!, a = st.pop()!;
            st.push(is64(i.ty) ? arith64(i, a as bigint, b as bigint) : arith32(i, a as number, b as number));
          }
        }
      }
    } catch (e) {
      if (e instanceof KbcTrap && e.where === undefined) {
        e.where = fn.name;
        if (fn.lines?.length === fn.body.length) e.line = fn.lines[pc - 1];
      }
      throw e;
    } finally {
      this.sp = savedSp;
    }
  }

  private externArity(name: string): number {
    return this.module.externs.find((e) => e.name === name)!.sig.params.length;
  }
}

class ExitRequest {
  constructor(readonly value: number) {}
}

function compile(fn: KbcFunction): Compiled {
  const labels: number[] = [];
  const imm: KValue[] = [];
  fn.body.forEach((i, pc) => {
    if (i.op === "label") labels[i.id] = pc;
    if (i.op === "const") imm[pc] = is64(i.ty) ? BigInt.asIntN(64, i.value) : Number(BigInt.asIntN(32, i.value));
  });
  let size = 0;
  const slotOffsets = fn.slots.map((s) => {
    size = Math.ceil(size / s.align) * s.align;
    const off = size;
    size += s.size;
    return off;
  });
  return { fn, labels, imm, slotOffsets, frameSize: size };
}

type ArithInsn = Extract<Insn, { ty: unknown; op: "add" | "sub" | "mul" | "div" | "rem" | "and" | "or" | "xor" | "shl" | "shr" | "eq" | "ne" | "lt" | "le" | "gt" | "ge" }>;

/** 32-bit values are int32-normalized numbers; the type says how to read them. */
function arith32(i: Insn, a: number, b: number): number {
  const unsigned = (i as ArithInsn).ty === "u32";
  switch (i.op) {
    case "add": return (a + b) | 0;
    case "sub": return (a - b) | 0;
    case "mul": return Math.imul(a, b);
    case "div": case "rem": {
      if (b === 0 || (!unsigned && a === -0x80000000 && b === -1)) throw new KbcTrap(DIVIDE_ERROR);
      if (unsigned) return (i.op === "div" ? Math.trunc((a >>> 0) / (b >>> 0)) : (a >>> 0) % (b >>> 0)) | 0;
      return (i.op === "div" ? Math.trunc(a / b) : a % b) | 0;
    }
    case "and": return a & b;
    case "or": return a | b;
    case "xor": return a ^ b;
    case "shl": return a << (b & 31);
    case "shr": return unsigned ? (a >>> (b & 31)) | 0 : a >> (b & 31);
    case "eq": return a === b ? 1 : 0;
    case "ne": return a !== b ? 1 : 0;
    case "lt": return (unsigned ? a >>> 0 < b >>> 0 : a < b) ? 1 : 0;
    case "le": return (unsigned ? a >>> 0 <= b >>> 0 : a <= b) ? 1 : 0;
    case "gt": return (unsigned ? a >>> 0 > b >>> 0 : a > b) ? 1 : 0;
    case "ge": return (unsigned ? a >>> 0 >= b >>> 0 : a >= b) ? 1 : 0;
  }
  throw new KbcTrap(`unknown op ${i.op}`);
}

const MIN64 = -(1n << 63n);

/** 64-bit values are signed-normalized bigints. */
function arith64(i: Insn, a: bigint, b: bigint): KValue {
  const unsigned = (i as ArithInsn).ty === "u64";
  const u = (x: bigint) => BigInt.asUintN(64, x);
  const wrap = (x: bigint) => BigInt.asIntN(64, x);
  switch (i.op) {
    case "add": return wrap(a + b);
    case "sub": return wrap(a - b);
    case "mul": return wrap(a * b);
    case "div": case "rem": {
      if (b === 0n || (!unsigned && a === MIN64 && b === -1n)) throw new KbcTrap(DIVIDE_ERROR);
      if (unsigned) return wrap(i.op === "div" ? u(a) / u(b) : u(a) % u(b));
      return wrap(i.op === "div" ? a / b : a % b);
    }
    case "and": return a & b;
    case "or": return a | b;
    case "xor": return a ^ b;
    case "shl": return wrap(a << (b & 63n));
    case "shr": return unsigned ? wrap(u(a) >> (b & 63n)) : a >> (b & 63n);
    case "eq": return a === b ? 1 : 0;
    case "ne": return a !== b ? 1 : 0;
    case "lt": return (unsigned ? u(a) < u(b) : a < b) ? 1 : 0;
    case "le": return (unsigned ? u(a) <= u(b) : a <= b) ? 1 : 0;
    case "gt": return (unsigned ? u(a) > u(b) : a > b) ? 1 : 0;
    case "ge": return (unsigned ? u(a) >= u(b) : a >= b) ? 1 : 0;
  }
  throw new KbcTrap(`unknown op ${i.op}`);
}

/** Run `entry` of `module` to completion. */
export function runModule(module: KbcModule, opts: RunOptions = {}): RunResult {
  try {
    return new KbcMachine(module, opts).run(opts.entry ?? "main");
  } catch (e) {
    if (e instanceof KbcTrap) return { output: new Uint8Array(), trap: { reason: e.reason }, steps: 0 };
    throw e;
  }
}
