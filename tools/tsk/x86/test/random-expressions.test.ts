// Random expression trees (seeded, so every run checks the same programs): nested 32- and
// 64-bit arithmetic, compares, conversions, loads and calls in argument positions, deep
// enough to exhaust the three scratch registers and force spills around calls and fixed-
// register ops (division, shifts). Each result is computed here with the KBC semantics and
// must come out of the backend's code unchanged, on QEMU and on our machine.
// TSK_RANDOM_SEED=<n> explores another seed (the committed seed is the one CI checks).
import { describe, expect, it } from "vitest";
import type { BinaryOp, CompareOp, Insn, KType } from "../../kbc/types.ts";
import { binaryResult, compareResult, hex32, hex64, reduce } from "./kbc-semantics.ts";
import { c, call, callP32, callP64, fn, get, global, moduleOf, printerFunctions, set } from "./kbc-build.ts";
import { bareImageOf, firstMismatch, JUDGES, runImageOn } from "./run-kbc.ts";

/** A small deterministic generator (xorshift32), so failures reproduce. */
class Random {
  constructor(private state: number) {}
  next(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state;
  }
  below(n: number): number {
    return this.next() % n;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)]!;
  }
}

interface Expr {
  code: Insn[];
  /** Result bits, unsigned. */
  value: bigint;
}

const EDGES32 = [0n, 1n, 2n, 3n, 7n, 31n, 32n, 100n, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0xfffffff9n, 0x12345678n];
const EDGES64 = [0n, 1n, 63n, 64n, 0xffffffffn, 0x100000000n, 0x7fffffffffffffffn, 0x8000000000000000n, 0xffffffffffffffffn, 0x123456789abcdef0n];
const OPS: BinaryOp[] = ["add", "sub", "mul", "div", "rem", "and", "or", "xor", "shl", "shr"];
const CMPS: CompareOp[] = ["eq", "ne", "lt", "le", "gt", "ge"];
const LOCALS = [0x1234n, 0xfffffffen, 0x80000001n, 5n];
const TABLE = Array.from({ length: 8 }, (_, i) => BigInt.asUintN(32, BigInt(i * 0x9e3779b9 + 17)));

class Generator {
  constructor(private readonly rnd: Random) {}

  /** A divisor that is never zero and never -1: (e & 0x7fff) | 1. */
  private divisor(e: Expr, wide: boolean): Expr {
    const ty: KType = wide ? "u64" : "u32";
    return { code: [...e.code, c(ty, 0x7fff), { op: "and", ty }, c(ty, 1), { op: "or", ty }], value: (e.value & 0x7fffn) | 1n };
  }

  e32(depth: number): Expr {
    const r = this.rnd;
    if (depth <= 0 || r.below(5) === 0) {
      switch (r.below(4)) {
        case 0: { const v = r.pick(EDGES32); return { code: [c("u32", v)], value: v }; }
        case 1: { const i = r.below(LOCALS.length); return { code: [get(i)], value: LOCALS[i]! }; }
        case 2: { const i = r.below(TABLE.length); return { code: [{ op: "global.addr", name: "table", offset: 0 }, { op: "load", ty: "u32", width: 4, signed: false, offset: i * 4 }], value: TABLE[i]! }; }
        default: { const v = r.pick(EDGES32); return { code: [c("i32", v), call("id32")], value: v }; }
      }
    }
    switch (r.below(8)) {
      case 0: case 1: case 2: case 3: {
        const op = r.pick(OPS), ty: KType = r.below(2) ? "i32" : "u32";
        const a = this.e32(depth - 1);
        let b = this.e32(depth - 1);
        if (op === "div" || op === "rem") b = this.divisor(b, false);
        const v = binaryResult(op, ty, a.value, b.value);
        if (v === "trap") throw new Error("internal: generated a trapping division");
        return { code: [...a.code, ...b.code, { op, ty }], value: v };
      }
      case 4: {
        const op = r.pick(CMPS), ty: KType = r.below(2) ? "i32" : "u32";
        const a = this.e32(depth - 1), b = this.e32(depth - 1);
        return { code: [...a.code, ...b.code, { op, ty }], value: compareResult(op, ty, a.value, b.value) ? 1n : 0n };
      }
      case 5: {
        const bits = r.pick([8, 16] as const), signed = r.below(2) === 0;
        const a = this.e32(depth - 1);
        const low = a.value & ((1n << BigInt(bits)) - 1n);
        return { code: [...a.code, { op: "narrow", bits, signed }], value: reduce("u32", signed ? BigInt.asIntN(bits, low) : low) };
      }
      case 6: {
        const a = this.e64(depth - 1);
        return { code: [...a.code, { op: "wrap" }], value: a.value & 0xffffffffn };
      }
      default: {
        const a = this.e32(depth - 1);
        return { code: [...a.code, call("id32")], value: a.value };
      }
    }
  }

  e64(depth: number): Expr {
    const r = this.rnd;
    if (depth <= 0 || r.below(4) === 0) {
      if (r.below(2)) { const v = r.pick(EDGES64); return { code: [c("u64", v)], value: v }; }
      const a = this.e32(depth - 1), signed = r.below(2) === 0;
      return { code: [...a.code, { op: "extend", signed }], value: signed ? reduce("u64", BigInt.asIntN(32, a.value)) : a.value };
    }
    if (r.below(6) === 0) {
      const a = this.e64(depth - 1);
      return { code: [...a.code, call("id64")], value: a.value };
    }
    const op = r.pick(OPS), ty: KType = r.below(2) ? "i64" : "u64";
    const a = this.e64(depth - 1);
    let b = this.e64(depth - 1);
    if (op === "div" || op === "rem") b = this.divisor(b, true);
    const v = binaryResult(op, ty, a.value, b.value);
    if (v === "trap") throw new Error("internal: generated a trapping division");
    return { code: [...a.code, ...b.code, { op, ty }], value: v };
  }
}

const EXPRESSIONS = 400;

function program() {
  const gen = new Generator(new Random(Number(process.env.TSK_RANDOM_SEED ?? 0x2545f491)));
  const body: Insn[] = LOCALS.flatMap((v, i) => [c("u32", v), set(i)]);
  const names: string[] = [];
  const expected: string[] = [];
  for (let k = 0; k < EXPRESSIONS; k++) {
    const wide = k % 4 === 3;
    const e = wide ? gen.e64(5) : gen.e32(6);
    body.push(...e.code, ...(wide ? callP64 : callP32));
    names.push(`expression ${k} (${e.code.length} ops)`);
    expected.push(wide ? hex64(e.value) : hex32(e.value));
  }
  body.push(c("i32", 0), { op: "ret" });
  const module = moduleOf("random-expressions", [
    ...printerFunctions(),
    fn("id32", ["i32"], "i32", [], [get(0), { op: "ret" }]),
    fn("id64", ["i64"], "i64", [], [get(0), { op: "ret" }]),
    fn("main", [], "i32", ["u32", "u32", "u32", "u32"], body),
  ], [global("table", 32, { data: new Uint8Array(new Uint32Array(TABLE.map(Number)).buffer), readonly: true })]);
  return { module, names, expected };
}

describe("x86 backend: random expression trees", () => {
  const p = program();
  let image: Uint8Array | undefined;
  for (const judge of JUDGES) {
    it(`${EXPRESSIONS} seeded expressions agree with the KBC semantics on ${judge}`, async () => {
      image ??= bareImageOf(p.module);
      const run = await runImageOn(judge, image, 60_000);
      expect(run.timedOut, `random-expressions timed out on ${judge}`).toBe(false);
      expect(firstMismatch(`random-expressions on ${judge}`, p.names, p.expected, run.serial)).toBeUndefined();
      expect(run.exitStatus, `random-expressions exit status on ${judge}`).toBe(1);
    });
  }
});
