// The random expression generator and its independent model of KTS typing, written here
// with BigInt (C promotion, literals taking the other operand's type, >> by signedness, >>>
// logical, conversions wrapping), shared by random-typing.test.ts (values in locals and
// struct fields) and random-constants.test.ts (the same expressions over constants, folded
// by the compiler).
import path from "node:path";
import { expect, it } from "vitest";
import { compileMany } from "../front/compile.ts";
import { runModule } from "../interp/interp.ts";

export type T = "i8" | "u8" | "i16" | "u16" | "i32" | "u32" | "i64" | "u64";
export const TYPES: T[] = ["i8", "u8", "i16", "u16", "i32", "u32", "i64", "u64"];
const bits = (t: T) => Number(t.slice(1));
const signed = (t: T) => t.startsWith("i");
export const wrap = (t: T, v: bigint) => (signed(t) ? BigInt.asIntN(bits(t), v) : BigInt.asUintN(bits(t), v));
const is64 = (t: T) => t === "i64" || t === "u64";
const promote = (t: T): T => (is64(t) || t === "u32" ? t : "i32");
const unsignedWide = (t: T) => t === "u32" || t === "u64";
/** Literals are written for the world of the operation they meet: bigints for 64-bit. */
export const litSrc = (t: T, v: bigint) => `${v < 0n ? "(" : ""}${v}${is64(t) ? "n" : ""}${v < 0n ? ")" : ""}`;
export const range = (t: T): [bigint, bigint] => (signed(t) ? [-(1n << BigInt(bits(t) - 1)), (1n << BigInt(bits(t) - 1)) - 1n] : [0n, (1n << BigInt(bits(t))) - 1n]);

/**
 * An expression: its source text, its KTS type (undefined for a literal) and its value;
 * `folds`: the compiler folds it in an operand (a constant leaf, or unary - and ~ on one).
 */
interface E { src: string; type?: T; value: bigint; folds?: boolean }

export interface GenOptions {
  /**
   * Leaves are `const` globals instead of locals and fields; literals are sometimes written
   * as unary - or ~ of a literal at the top of its range (`~0x80000000`); and every
   * expression without `?:` is also the initializer of a const global (`globals`), printed
   * on a line of its own with the same expected value.
   */
  constants?: boolean;
}

export class Rng {
  constructor(private s: number) {}
  next(): number { this.s = (Math.imul(this.s ^ (this.s >>> 15), 0x2c1b3c6d) + 0x9e3779b9) | 0; return (this.s >>> 0) / 2 ** 32; }
  int(n: number): number { return Math.floor(this.next() * n); }
  pick<X>(xs: readonly X[]): X { return xs[this.int(xs.length)]!; }
}

export function gen(seed: number, vars: { name: string; type: T; value: bigint }[], count: number, opts: GenOptions = {}): { lines: string[]; expected: string[]; globals: string[] } {
  const r = new Rng(seed);
  const literalFor = (t: T): E => {
    if (opts.constants && r.int(2)) {
      // A literal's ~ works in its own type (i32, else u32; i64, else u64); - is exact. Kept
      // when the value is one the operation's type accepts (either reading of the bits).
      const w = is64(t) ? 64 : 32;
      const base = r.pick(is64(t) ? [1n << 63n, (1n << 64n) - 1n, (1n << 63n) - 1n, 0x80000000n, 1n, 0n] : [1n << 31n, (1n << 32n) - 1n, (1n << 31n) - 1n, 0xffffn, 1n, 0n]);
      const op = r.pick(["~", "-"] as const);
      const natural: T = base < 1n << BigInt(w - 1) ? (is64(t) ? "i64" : "i32") : (is64(t) ? "u64" : "u32");
      const value = op === "~" ? wrap(natural, ~base) : -base;
      if (value >= -(1n << BigInt(w - 1)) && value < 1n << BigInt(w)) return { src: `(${op}0x${base.toString(16)}${is64(t) ? "n" : ""})`, value };
    }
    const [lo, hi] = range(t);
    const v = r.pick([lo, hi, 0n, 1n, -1n, 7n, 255n, 256n, 65535n, 100000n]);
    const value = v < lo || v > hi ? 3n : v;
    return { src: litSrc(t, value), value };
  };
  // A variable is read from a local, or from a field of a struct in memory (loads of every width).
  const leaf = (): E => {
    const v = r.pick(vars);
    if (opts.constants) return { src: v.name, type: v.type, value: v.value, folds: true };
    return { src: r.int(2) ? v.name : `m.${v.name}`, type: v.type, value: v.value };
  };
  const arithType = (a: E, b: E): T => {
    if (a.type === undefined) return promote(b.type!);
    if (b.type === undefined) return promote(a.type);
    const pa = promote(a.type), pb = promote(b.type);
    if (is64(pa)) return pa === "u64" || pb === "u64" ? "u64" : "i64";
    return pa === "u32" || pb === "u32" ? "u32" : "i32";
  };
  const mixedSign = (a: T, b: T) => (signed(a) && unsignedWide(promote(b))) || (signed(b) && unsignedWide(promote(a)));
  /** 32- and 64-bit values meet only through a conversion (the checker keeps number and bigint apart). */
  const sameWorld = (b: E, a: E): E => {
    if (is64(a.type!) === is64(b.type!)) return b;
    const to: T = is64(a.type!) ? (signed(b.type!) ? "i64" : "u64") : "i32";
    return { src: `${to}(${b.src})`, type: to, value: wrap(to, b.value) };
  };
  const expr = (depth: number): E => {
    if (depth <= 0) return leaf();
    switch (r.int(7)) {
      case 0: case 1: {
        const op = r.pick(["+", "-", "*", "&", "|", "^"] as const);
        const a = expr(depth - 1);
        const b = r.int(3) === 0 ? literalFor(promote(a.type!)) : sameWorld(expr(depth - 1), a);
        const t = arithType(a, b);
        const x = wrap(t, a.value), y = wrap(t, b.value);
        const v = op === "+" ? x + y : op === "-" ? x - y : op === "*" ? x * y : op === "&" ? x & y : op === "|" ? x | y : x ^ y;
        return { src: `(${a.src} ${op} ${b.src})`, type: t, value: wrap(t, v) };
      }
      case 2: {
        const a = expr(depth - 1);
        const wide = is64(a.type!);
        let op = r.pick(wide ? ["<<", ">>"] as const : ["<<", ">>", ">>>"] as const);
        // A folded negative operand of >>> is refused (outside u32, like a literal); >> instead.
        if (op === ">>>" && a.folds && wrap(promote(a.type!), a.value) < 0n) op = ">>";
        const k = BigInt(r.int(wide ? 72 : 40));
        const t: T = op === ">>>" ? "u32" : promote(a.type!);
        const x = wrap(promote(a.type!), a.value), m = k & (wide ? 63n : 31n);
        const v = op === "<<" ? wrap(t, x << m) : op === ">>" ? x >> m : BigInt.asUintN(32, x) >> m;
        return { src: `(${a.src} ${op} ${litSrc(a.type!, k)})`, type: t, value: wrap(t, v) };
      }
      case 3: {
        const op = r.pick(["-", "~"] as const);
        const a = expr(depth - 1);
        const t = promote(a.type!);
        return { src: `(${op}${a.src})`, type: t, value: wrap(t, op === "-" ? -a.value : ~a.value), folds: a.folds };
      }
      case 4: {
        const to = r.pick(TYPES);
        const a = expr(depth - 1);
        return { src: `${to}(${a.src})`, type: to, value: wrap(to, a.value) };
      }
      default: {
        let a = expr(depth - 1), b = sameWorld(expr(depth - 1), a);
        if (mixedSign(a.type!, b.type!)) b = { src: `${promote(a.type!)}(${b.src})`, type: promote(a.type!), value: wrap(promote(a.type!), b.value) };
        const ct = arithType(a, b);
        const op = r.pick(["<", "<=", ">", ">=", "==", "!="] as const);
        const x = wrap(ct, a.value), y = wrap(ct, b.value);
        const c = op === "<" ? x < y : op === "<=" ? x <= y : op === ">" ? x > y : op === ">=" ? x >= y : op === "==" ? x === y : x !== y;
        const p = expr(depth - 1), q = sameWorld(expr(depth - 1), p);
        const t = arithType(p, q);
        return { src: `(${a.src} ${op} ${b.src} ? ${p.src} : ${q.src})`, type: t, value: wrap(t, c ? p.value : q.value) };
      }
    }
  };
  const lines: string[] = [];
  const expected: string[] = [];
  const globals: string[] = [];
  const show = (src: string, t: T, value: bigint) => {
    if (is64(t)) {
      lines.push(`  put_hex32(u32(${src} >> 32n)); put_hex32(u32(${src})); putc(32); putc(${src} < 0n ? 45 : 43); putc(10);`);
      expected.push(`${BigInt.asUintN(64, value).toString(16).padStart(16, "0")} ${signed(t) && wrap(t, value) < 0n ? "-" : "+"}`);
    } else {
      lines.push(`  ${t === "u32" ? "put_u32(u32" : "put_i32(i32"}(${src})); putc(32); putc(${src} < 0 ? 45 : 43); putc(10);`);
      expected.push(`${wrap(t, value)} ${signed(t) && wrap(t, value) < 0n ? "-" : "+"}`);
    }
  };
  for (let i = 0; i < count; i++) {
    const e = expr(1 + r.int(4));
    show(e.src, e.type!, e.value);
    if (opts.constants && !e.src.includes("?")) {
      globals.push(`const k${i}: ${e.type!} = ${e.src};`);
      show(`k${i}`, e.type!, e.value);
    }
  }
  return { lines, expected, globals };
}

/** One generated program: its file, source, the printing lines and what each must print. */
export interface RandomCase {
  file: string;
  source: string;
  lines: string[];
  expected: string[];
}

/** Register a test per program: it compiles, runs on the KBC interpreter without a trap and prints each expected line. */
export function itRunsEachCase(cases: RandomCase[], results: ReturnType<typeof compileMany>): void {
  for (const c of cases) {
    it(path.basename(c.file), () => {
      const r = results.get(c.file)!;
      expect(r.errors.map((e) => e.format()), `${c.file} must compile:\n${c.source}`).toEqual([]);
      const run = runModule(r.module!);
      expect(run.trap).toBeUndefined();
      const got = new TextDecoder().decode(run.output).split("\n");
      c.expected.forEach((want, i) => {
        expect(got[i], `${path.basename(c.file)} line ${i + 1}: ${c.lines[i]!.trim()}`).toBe(want);
      });
    });
  }
}

