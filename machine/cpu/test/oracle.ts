// Judges for the CPU unit tests: GNU as assembles the snippets, and the host processor runs
// them natively (native-oracle.c, built with gcc -m32) so every expected value comes from a
// real x86, never from this emulator. The emulator side runs the same bytes at the same
// addresses in flat 32-bit protected mode.

import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { requireTool } from "../../../test/host-tools.ts";
import { Bus } from "../../bus/bus.ts";
import { Cpu } from "../cpu.ts";
import { StopReason } from "../interface.ts";

export const SCRATCH = 0x00200000;
export const CODE = 0x00300000;
const STACK_TOP = 0x003f0000;
const HLT_STUB = 0x003f8000;

export const REG_NAMES = ["eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"] as const;

export interface CaseInput {
  /** EAX..EDI; ESP is ignored (the harness owns the stack). */
  regs: number[];
  /** Initial EFLAGS: only CF PF AF ZF SF OF DF are taken. */
  flags: number;
  scratch?: Uint8Array;
}

export interface CaseOutput {
  /** EAX..EDI with ESP given as the change across the snippet. */
  regs: number[];
  flags: number;
  scratch: Uint8Array;
}

const INPUT_FLAGS = 0x8d5 | 0x400;

function workDir(): string {
  const dir = join(tmpdir(), "damselfly-cpu-tests");
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Assemble each snippet (AT&T syntax, 32-bit) into its own byte string, in one `as` run. */
export function assembleMany(snippets: string[], code16 = false): Uint8Array[] {
  requireTool("as");
  requireTool("objcopy");
  requireTool("nm");
  const dir = workDir();
  const body = snippets.map((s, i) => `snip_${i}:\n${s}\n`).join("") + `snip_${snippets.length}:\n`;
  const src = `${code16 ? ".code16" : ".code32"}\n.text\n${body}`;
  const key = createHash("sha256").update(src).digest("hex").slice(0, 16);
  const obj = join(dir, `${key}.o`);
  const bin = join(dir, `${key}.bin`);
  const srcFile = join(dir, `${key}.s`);
  if (!existsSync(bin)) {
    writeFileSync(srcFile, src);
    try {
      execFileSync("as", ["--32", "-o", obj, srcFile], { stdio: ["ignore", "ignore", "pipe"] });
    } catch (e) {
      throw new Error(`as rejected the test snippets: ${(e as { stderr?: Buffer }).stderr?.toString() ?? e}`);
    }
    execFileSync("objcopy", ["-O", "binary", "-j", ".text", obj, bin]);
    writeFileSync(`${bin}.nm`, execFileSync("nm", [obj], { encoding: "utf8" }));
  }
  const all = new Uint8Array(readFileSync(bin));
  const addr = new Map<number, number>();
  for (const line of readFileSync(`${bin}.nm`, "utf8").split("\n")) {
    const m = /^([0-9a-f]+) \w snip_(\d+)$/.exec(line.trim());
    if (m) addr.set(Number(m[2]), parseInt(m[1]!, 16));
  }
  return snippets.map((_, i) => all.slice(addr.get(i)!, addr.get(i + 1) ?? all.length));
}

let oraclePath: string | undefined;

function buildOracle(): string {
  if (oraclePath !== undefined) return oraclePath;
  requireTool("gcc");
  const source = readFileSync(new URL("native-oracle.c", import.meta.url));
  const key = createHash("sha256").update(source).digest("hex").slice(0, 16);
  const exe = join(workDir(), `native-oracle-${key}`);
  if (!existsSync(exe)) {
    const c = join(workDir(), `native-oracle-${key}.c`);
    writeFileSync(c, source);
    execFileSync("gcc", ["-m32", "-static", "-O1", "-o", exe, c]);
  }
  oraclePath = exe;
  return exe;
}

/** Run each (code, input) natively; `code` must end with `ret`. */
export function runNative(cases: { code: Uint8Array; input: CaseInput }[]): CaseOutput[] {
  const exe = buildOracle();
  const chunks: Buffer[] = [];
  for (const { code, input } of cases) {
    const b = Buffer.alloc(4 + code.length + 36 + 64);
    b.writeUInt32LE(code.length, 0);
    b.set(code, 4);
    let o = 4 + code.length;
    for (let i = 0; i < 8; i++) b.writeUInt32LE(input.regs[i]! >>> 0, o + 4 * i);
    b.writeUInt32LE((input.flags & INPUT_FLAGS) | 2, o + 32);
    o += 36;
    if (input.scratch) b.set(input.scratch.subarray(0, 64), o);
    chunks.push(b);
  }
  const r = spawnSync(exe, [], { input: Buffer.concat(chunks), maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`native oracle failed (status ${r.status}, signal ${r.signal}): ${r.stderr.toString()}`);
  const out = r.stdout;
  const per = 36 + 64;
  if (out.length !== per * cases.length) throw new Error(`native oracle returned ${out.length} bytes for ${cases.length} cases`);
  return cases.map((_, k) => {
    const o = k * per;
    const regs = [];
    for (let i = 0; i < 8; i++) regs.push(out.readUInt32LE(o + 4 * i));
    return { regs, flags: out.readUInt32LE(o + 32), scratch: new Uint8Array(out.subarray(o + 36, o + 100)) };
  });
}

/** A small machine for one snippet: 4 MiB RAM, flat 32-bit protected mode at CPL 0. */
export function makeSnippetCpu(): { bus: Bus; cpu: Cpu } {
  const bus = new Bus(4 << 20);
  const cpu = new Cpu(0, bus, { readTsc: () => 0n });
  return { bus, cpu };
}

/** Run (code, input) on the emulator the way the native oracle does. */
let shared: { bus: Bus; cpu: Cpu } | undefined;

/**
 * How the emulator runs snippets: "interpreted" (closures one by one) or "compiled" (every
 * block through block-compiler.ts from its first execution). Tests check both.
 */
export type ExecMode = "interpreted" | "compiled";

export function runEmulated(code: Uint8Array, input: CaseInput, maxInstructions = 100_000, mode: ExecMode = "interpreted"): CaseOutput & { cpu: Cpu } {
  // One machine is reused (reset each time): building a CPU costs a 4 MiB TLB array.
  shared ??= makeSnippetCpu();
  const { bus, cpu } = shared;
  cpu.reset();
  cpu.compileThreshold = mode === "compiled" ? 1 : Infinity;
  bus.writeBytes(CODE, code);
  bus.writeBytes(SCRATCH, input.scratch ?? new Uint8Array(64));
  bus.write(HLT_STUB, 1, 0xf4);
  cpu.enterFlatProtectedMode(CODE, 0x08, 0x10);
  bus.write(STACK_TOP - 4, 4, HLT_STUB);
  const regs: Record<string, number> = {};
  REG_NAMES.forEach((n, i) => (regs[n] = input.regs[i]! >>> 0));
  cpu.setRegisters({ ...regs, esp: STACK_TOP - 4, eflags: (input.flags & INPUT_FLAGS) | 2 });
  let left = maxInstructions;
  let reason = StopReason.Budget;
  while (left > 0) {
    const r = cpu.run(left);
    left -= r.executed;
    reason = r.reason;
    if (reason !== StopReason.Budget) break;
  }
  const after = cpu.getRegisters();
  if (reason !== StopReason.Halted || after.eip !== HLT_STUB + 1) {
    throw new Error(`snippet did not return normally: stop reason ${reason}, EIP 0x${after.eip.toString(16)}, lastFault ${JSON.stringify(cpu.lastFault)}`);
  }
  const out = REG_NAMES.map((n) => after[n]);
  out[4] = (after.esp - STACK_TOP) >>> 0;
  return { regs: out, flags: after.eflags, scratch: bus.readBytes(SCRATCH, 64), cpu };
}

/** Deterministic pseudo-random numbers for test inputs (xorshift32). */
export function rng(seed: number): () => number {
  let s = seed | 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return s >>> 0;
  };
}

const INTERESTING = [0, 1, 2, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0x80000001, 0xfffffffe, 0xffffffff];

/** Register values mixing edge cases and random numbers. */
export function inputs(count: number, seed: number): CaseInput[] {
  const next = rng(seed);
  const out: CaseInput[] = [];
  for (let k = 0; k < count; k++) {
    const regs = [];
    for (let i = 0; i < 8; i++) {
      const pick = next() % 4;
      regs.push(pick === 0 ? INTERESTING[next() % INTERESTING.length]! : pick === 1 ? next() & 0xff : next());
    }
    regs[4] = 0;
    regs[5] = SCRATCH; // EBP points at the scratch buffer for memory operands
    const scratch = new Uint8Array(64);
    for (let i = 0; i < 64; i++) scratch[i] = next() & 0xff;
    out.push({ regs, flags: next() & 0x8d5, scratch });
  }
  return out;
}

export const FLAG_NAMES: [number, string][] = [
  [0x1, "CF"],
  [0x4, "PF"],
  [0x10, "AF"],
  [0x40, "ZF"],
  [0x80, "SF"],
  [0x400, "DF"],
  [0x800, "OF"],
];

/** Status flags and DF: what the comparisons look at unless an instruction leaves some undefined. */
export const COMPARED_FLAGS = 0x8d5 | 0x400;

function hex(v: number): string {
  return "0x" + (v >>> 0).toString(16);
}

function flagText(f: number): string {
  return FLAG_NAMES.filter(([b]) => (f & b) !== 0).map(([, n]) => n).join(" ") || "-";
}

/**
 * Compare emulator and native results; returns one sentence per difference naming the
 * snippet, the inputs, the register or flag, expected (native) and actual (emulator) value.
 */
export function differences(name: string, input: CaseInput, native: CaseOutput, emu: CaseOutput, undefinedFlags: number, undefinedRegs: number[] = []): string[] {
  const out: string[] = [];
  const ins = REG_NAMES.map((n, i) => `${n}=${hex(input.regs[i]!)}`).filter((_, i) => i !== 4).join(" ");
  const ctx = `${name} with ${ins} flags=[${flagText(input.flags & COMPARED_FLAGS)}]`;
  for (let i = 0; i < 8; i++) {
    if (undefinedRegs.includes(i)) continue;
    if (native.regs[i]! >>> 0 !== emu.regs[i]! >>> 0) out.push(`${ctx}: ${REG_NAMES[i]} expected ${hex(native.regs[i]!)}, got ${hex(emu.regs[i]!)}`);
  }
  const mask = COMPARED_FLAGS & ~undefinedFlags;
  if ((native.flags & mask) !== (emu.flags & mask)) {
    out.push(`${ctx}: flags expected [${flagText(native.flags & mask)}], got [${flagText(emu.flags & mask)}]`);
  }
  for (let i = 0; i < 64; i++) {
    if (native.scratch[i] !== emu.scratch[i]) {
      out.push(`${ctx}: scratch byte ${i} expected ${hex(native.scratch[i]!)}, got ${hex(emu.scratch[i]!)}`);
      break;
    }
  }
  return out;
}

/** A table row: an AT&T snippet and the EFLAGS bits the manual leaves undefined for it. */
export interface Row {
  asm: string;
  undefinedFlags?: number;
  /** Registers whose value is undefined after the snippet (e.g. BSF destination on zero). */
  undefinedRegs?: number[];
}

/** Run every row on `count` inputs natively and emulated (both ways); returns all differences. */
export function compareRows(rows: Row[], count: number, seed: number): string[] {
  const codes = assembleMany(rows.map((r) => `${r.asm}\nret`));
  const cases: { code: Uint8Array; input: CaseInput; row: Row }[] = [];
  rows.forEach((row, i) => {
    for (const input of inputs(count, seed + i * 7919)) cases.push({ code: codes[i]!, input, row });
  });
  const native = runNative(cases);
  const diffs: string[] = [];
  for (const mode of ["interpreted", "compiled"] as const) {
    cases.forEach((c, k) => {
      const emu = runEmulated(c.code, c.input, 100_000, mode);
      diffs.push(...differences(`[${mode}] ${c.row.asm.replace(/\n/g, "; ")}`, c.input, native[k]!, emu, c.row.undefinedFlags ?? 0, c.row.undefinedRegs));
    });
  }
  return diffs;
}
