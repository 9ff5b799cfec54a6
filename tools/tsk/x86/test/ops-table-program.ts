// The ops table program: every arithmetic, compare and conversion op at every type, on edge
// values, each case with its operands as locals, as immediates and folded at compile time,
// printing one line whose expected text comes from kbc-semantics.ts.
import type { BinaryOp, CompareOp, Insn, KbcFunction, KbcModule, KType } from "../../kbc/types.ts";
import { binaryResult, bitsOf, compareResult, hex32, hex64, reduce } from "./kbc-semantics.ts";
import { c, call, callP32 as print32, callP64, fn, get, label, moduleOf, printerFunctions, set } from "./kbc-build.ts";

const VALUES32 = [0n, 1n, 2n, 7n, 31n, 32n, 33n, -1n, -7n, 0x7fffffffn, 0x80000000n, 0x12345678n];
const VALUES64 = [0n, 1n, 31n, 32n, 33n, 63n, -1n, -7n, 0x7fffffffffffffffn, 0x8000000000000000n, 0x123456789abcdef0n, 0x100000000n];
// Compares need fewer values (each pair prints six lines): signs, and the 32-bit half boundaries.
const COMPARE_VALUES32 = [0n, 1n, 2n, -1n, -7n, 7n, 0x7fffffffn, 0x80000000n];
const COMPARE_VALUES64 = [0n, 1n, -1n, -7n, 0xffffffffn, 0x100000000n, 0x7fffffffffffffffn, 0x8000000000000000n];
const BINARY_OPS: BinaryOp[] = ["add", "sub", "mul", "div", "rem", "and", "or", "xor", "shl", "shr"];
const COMPARE_OPS: CompareOp[] = ["eq", "ne", "lt", "le", "gt", "ge"];
const TYPES: KType[] = ["i32", "u32", "i64", "u64"];

export class Table {
  readonly functions: KbcFunction[] = [];
  readonly names: string[] = [];
  readonly expected: string[] = [];
  add(name: string, expected: string): void {
    this.names.push(name);
    this.expected.push(expected);
  }
}

type Variant = "LL" | "LC" | "CL" | "CC";
const VARIANTS: Variant[] = ["LL", "LC", "CL", "CC"];

function operands(v: Variant, ty: KType, a: bigint, b: bigint): Insn[] {
  return [v[0] === "L" ? get(0) : c(ty, a), v[1] === "L" ? get(1) : c(ty, b)];
}

function printOf(ty: KType): Insn[] {
  return bitsOf(ty) === 64 ? callP64 : print32;
}

function binaryFunctions(t: Table): void {
  for (const ty of TYPES) {
    const values = bitsOf(ty) === 64 ? VALUES64 : VALUES32;
    const hex = bitsOf(ty) === 64 ? hex64 : hex32;
    for (const op of BINARY_OPS) {
      const body: Insn[] = [];
      for (const a of values) for (const b of values) {
        const r = binaryResult(op, ty, a, b);
        if (r === "trap") continue;
        body.push(c(ty, a), set(0), c(ty, b), set(1));
        // 64-bit results print twice as long: their CL variant (the same paths as 32-bit) is left out.
        for (const v of bitsOf(ty) === 64 ? VARIANTS.filter((x) => x !== "CL") : VARIANTS) {
          body.push(...operands(v, ty, a, b), { op, ty }, ...printOf(ty));
          t.add(`${op} ${ty} ${v} a=${a} b=${b}`, hex(r));
        }
      }
      body.push({ op: "ret" });
      t.functions.push(fn(`t_${op}_${ty}`, [], null, [ty, ty, "u64"], body));
    }
  }
}

function compareFunctions(t: Table): void {
  for (const ty of TYPES) {
    const values = bitsOf(ty) === 64 ? COMPARE_VALUES64 : COMPARE_VALUES32;
    for (const op of COMPARE_OPS) {
      const body: Insn[] = [];
      let nextLabel = 0;
      for (const a of values) for (const b of values) {
        const r = compareResult(op, ty, a, b) ? "00000001" : "00000000";
        body.push(c(ty, a), set(0), c(ty, b), set(1));
        for (const v of VARIANTS) {
          body.push(...operands(v, ty, a, b), { op, ty }, ...print32);
          t.add(`${op} ${ty} ${v} a=${a} b=${b}`, r);
        }
        // The compare feeding a branch directly (flags to jcc), and through eqz (inverted).
        for (const viaEqz of [false, true]) {
          const yes = nextLabel++, done = nextLabel++;
          body.push(get(0), get(1), { op, ty }, ...(viaEqz ? [{ op: "eqz", ty: "i32" } as Insn] : []), { op: "br_if", target: yes },
            c("u32", 0), ...print32, { op: "br", target: done }, label(yes), c("u32", 1), ...print32, label(done));
          const taken = compareResult(op, ty, a, b) !== viaEqz;
          t.add(`${op} ${ty} branch${viaEqz ? " via eqz" : ""} a=${a} b=${b}`, taken ? "00000001" : "00000000");
        }
      }
      body.push({ op: "ret" });
      t.functions.push(fn(`t_${op}_${ty}`, [], null, [ty, ty], body));
    }
  }
}

function conversionFunctions(t: Table): void {
  const body: Insn[] = [];
  for (const a of VALUES32.concat([0x80n, 0xffn, 0x7fffn, 0x8000n, 0x1ff80n])) {
    body.push(c("i32", a), set(0));
    for (const [bits, signed] of [[8, true], [8, false], [16, true], [16, false]] as const) {
      const mask = (1n << BigInt(bits)) - 1n;
      const low = reduce("u32", a) & mask;
      const r = signed && low >> BigInt(bits - 1) === 1n ? low - (1n << BigInt(bits)) : low;
      for (const fromLocal of [true, false]) {
        body.push(fromLocal ? get(0) : c("i32", a), { op: "narrow", bits, signed }, ...print32);
        t.add(`narrow ${signed ? "s" : "u"}${bits} ${fromLocal ? "local" : "const"} ${a}`, hex32(r));
      }
    }
    for (const signed of [true, false]) {
      for (const fromLocal of [true, false]) {
        body.push(fromLocal ? get(0) : c("i32", a), { op: "extend", signed }, ...callP64);
        t.add(`extend ${signed ? "s" : "u"} ${fromLocal ? "local" : "const"} ${a}`, hex64(signed ? BigInt.asIntN(32, a) : reduce("u32", a)));
      }
    }
    body.push(get(0), { op: "eqz", ty: "i32" }, ...print32);
    t.add(`eqz i32 ${a}`, reduce("u32", a) === 0n ? "00000001" : "00000000");
  }
  for (const a of VALUES64) {
    body.push(c("u64", a), set(1));
    body.push(get(1), { op: "wrap" }, ...print32);
    t.add(`wrap ${a}`, hex32(a));
    body.push(get(1), { op: "eqz", ty: "u64" }, ...print32, c("u64", a), { op: "eqz", ty: "u64" }, ...print32);
    t.add(`eqz u64 local ${a}`, reduce("u64", a) === 0n ? "00000001" : "00000000");
    t.add(`eqz u64 const ${a}`, reduce("u64", a) === 0n ? "00000001" : "00000000");
  }
  body.push({ op: "ret" });
  t.functions.push(fn("t_conversions", [], null, ["i32", "u64"], body));
}

/** The whole table as one module whose main runs every case and returns 0. */
export function opsTableProgram(): { module: KbcModule; names: string[]; expected: string[] } {
  const t = new Table();
  binaryFunctions(t);
  compareFunctions(t);
  conversionFunctions(t);
  const main = fn("main", [], "i32", [], [...t.functions.map((f) => call(f.name)), c("i32", 0), { op: "ret" }]);
  return { module: moduleOf("ops-table", [...printerFunctions(), ...t.functions, main]), names: t.names, expected: t.expected };
}
