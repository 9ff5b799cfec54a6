// Random expressions over every integer type (locals and struct fields), compiled
// by tsk and run in the KBC interpreter, against an independent model of KTS typing written
// here with BigInt (C promotion, literals taking the other operand's type, >> by signedness,
// >>> logical, conversions wrapping). A disagreement names the program, the expression and
// both values.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compileMany } from "../front/compile.ts";
import { runModule } from "../interp/interp.ts";

type T = "i8" | "u8" | "i16" | "u16" | "i32" | "u32" | "i64" | "u64";
const TYPES: T[] = ["i8", "u8", "i16", "u16", "i32", "u32", "i64", "u64"];
const bits = (t: T) => Number(t.slice(1));
const signed = (t: T) => t.startsWith("i");
const wrap = (t: T, v: bigint) => (signed(t) ? BigInt.asIntN(bits(t), v) : BigInt.asUintN(bits(t), v));
const is64 = (t: T) => t === "i64" || t === "u64";
const promote = (t: T): T => (is64(t) || t === "u32" ? t : "i32");
const unsignedWide = (t: T) => t === "u32" || t === "u64";
/** Literals are written for the world of the operation they meet: bigints for 64-bit. */
const litSrc = (t: T, v: bigint) => `${v < 0n ? "(" : ""}${v}${is64(t) ? "n" : ""}${v < 0n ? ")" : ""}`;
const range = (t: T): [bigint, bigint] => (signed(t) ? [-(1n << BigInt(bits(t) - 1)), (1n << BigInt(bits(t) - 1)) - 1n] : [0n, (1n << BigInt(bits(t))) - 1n]);

/** An expression: its source text, its KTS type (undefined for a literal) and its value. */
interface E { src: string; type?: T; value: bigint }

class Rng {
  constructor(private s: number) {}
  next(): number { this.s = (Math.imul(this.s ^ (this.s >>> 15), 0x2c1b3c6d) + 0x9e3779b9) | 0; return (this.s >>> 0) / 2 ** 32; }
  int(n: number): number { return Math.floor(this.next() * n); }
  pick<X>(xs: readonly X[]): X { return xs[this.int(xs.length)]!; }
}

function gen(seed: number, vars: { name: string; type: T; value: bigint }[], count: number): { lines: string[]; expected: string[] } {
  const r = new Rng(seed);
  const literalFor = (t: T): E => {
    const [lo, hi] = range(t);
    const v = r.pick([lo, hi, 0n, 1n, -1n, 7n, 255n, 256n, 65535n, 100000n]);
    const value = v < lo || v > hi ? 3n : v;
    return { src: litSrc(t, value), value };
  };
  // A variable is read from a local, or from a field of a struct in memory (loads of every width).
  const leaf = (): E => { const v = r.pick(vars); return { src: r.int(2) ? v.name : `m.${v.name}`, type: v.type, value: v.value }; };
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
        const op = r.pick(wide ? ["<<", ">>"] as const : ["<<", ">>", ">>>"] as const);
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
        return { src: `(${op}${a.src})`, type: t, value: wrap(t, op === "-" ? -a.value : ~a.value) };
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
  for (let i = 0; i < count; i++) {
    const e = expr(1 + r.int(4));
    const t = e.type!;
    if (is64(t)) {
      lines.push(`  put_hex32(u32(${e.src} >> 32n)); put_hex32(u32(${e.src})); putc(32); putc(${e.src} < 0n ? 45 : 43); putc(10);`);
      expected.push(`${BigInt.asUintN(64, e.value).toString(16).padStart(16, "0")} ${signed(t) && wrap(t, e.value) < 0n ? "-" : "+"}`);
    } else {
      lines.push(`  ${t === "u32" ? "put_u32(u32" : "put_i32(i32"}(${e.src})); putc(32); putc(${e.src} < 0 ? 45 : 43); putc(10);`);
      expected.push(`${wrap(t, e.value)} ${signed(t) && wrap(t, e.value) < 0n ? "-" : "+"}`);
    }
  }
  return { lines, expected };
}

const PROGRAMS = 12;
const dir = path.join(process.cwd(), "build", "tsk-random-typing");

describe("random expressions: tsk typing and the interpreter vs an independent BigInt model", () => {
  const cases = Array.from({ length: PROGRAMS }, (_, n) => {
    const r = new Rng(1000 + n);
    const vars = TYPES.flatMap((t, k) => [0, 1].map((j) => {
      const [lo, hi] = range(t);
      const value = r.pick([lo, hi, 0n, 1n, hi / 3n, lo / 2n + 1n]);
      return { name: `v${k}_${j}`, type: t, value };
    }));
    const { lines, expected } = gen(7 + n * 7919, vars, 60);
    const source = [
      `class M { ${vars.map((v) => `${v.name}: ${v.type};`).join(" ")} }`,
      "const m = new M();",
      "export function main(): i32 {",
      ...vars.map((v) => `  let ${v.name}: ${v.type} = ${litSrc(v.type, v.value)}; m.${v.name} = ${v.name};`),
      ...lines,
      "  return 0;",
      "}",
    ].join("\n");
    return { file: path.join(dir, `random-${n}.ts`), source, lines, expected };
  });
  const results = compileMany(cases.map((c) => c.file), new Map(cases.map((c) => [c.file, c.source])));

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
});
