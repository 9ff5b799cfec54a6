// The feature program: memory at every width, frame slots, calls (cdecl with 32/64-bit
// mixes, nested, indirect, through a relocated table), register pressure that forces
// spills, jump tables, recursion and the intrinsics that are safe on a bare machine. Each
// printed line has an expected value computed here.
import type { Insn, KbcFunction, KbcGlobal, KbcModule, KType } from "../../kbc/types.ts";
import { c, call, fn, get, global, label, moduleOf, print32, print64, set } from "./kbc-build.ts";
import { hex32, hex64 } from "./kbc-semantics.ts";

const names: string[] = [];
const expected: string[] = [];
const functions: KbcFunction[] = [];
const globals: KbcGlobal[] = [];
const expect32 = (name: string, v: bigint | number): void => void (names.push(name), expected.push(hex32(BigInt(v))));
const expect64 = (name: string, v: bigint): void => void (names.push(name), expected.push(hex64(v)));

const g = (name: string, offset = 0): Insn => ({ op: "global.addr", name, offset });
const ld = (ty: KType, width: 1 | 2 | 4 | 8, signed: boolean, offset = 0): Insn => ({ op: "load", ty, width, signed, offset });
const st = (ty: KType, width: 1 | 2 | 4 | 8, offset = 0): Insn => ({ op: "store", ty, width, offset });
const bin = (op: "add" | "sub" | "mul" | "and" | "shl" | "shr" | "xor", ty: KType = "i32"): Insn => ({ op, ty });
const intr = (name: Extract<Insn, { op: "intrinsic" }>["name"]): Insn => ({ op: "intrinsic", name });

// ---- memory: loads of every width and sign, from a global, a pointer local and a computed address
const PATTERN = Uint8Array.from({ length: 32 }, (_, i) => (0x71 + i * 0x0d) & 0xff);
const patternAt = (off: number, width: number, signed: boolean): bigint => {
  let v = 0n;
  for (let i = width - 1; i >= 0; i--) v = (v << 8n) | BigInt(PATTERN[off + i]!);
  return signed ? BigInt.asIntN(width * 8, v) : v;
};
globals.push(global("pattern", 32, { data: PATTERN, readonly: true }));
globals.push(global("scratch", 32, { data: new Uint8Array(32) }));
{
  const body: Insn[] = [g("pattern"), set(0)];
  for (const [width, signed] of [[1, true], [1, false], [2, true], [2, false], [4, false], [8, false]] as const) {
    for (const off of [0, 3, 13, 24]) {
      const ty: KType = width === 8 ? "u64" : signed ? "i32" : "u32";
      const pr = width === 8 ? print64(2) : print32;
      const v = patternAt(off, width, signed);
      body.push(g("pattern"), ld(ty, width, signed, off), ...pr); // sym+off
      body.push(get(0), ld(ty, width, signed, off), ...pr); // off(%home)
      body.push(get(0), c("i32", off), bin("add"), ld(ty, width, signed), ...pr); // computed
      for (const how of ["global", "pointer local", "computed"]) {
        if (width === 8) expect64(`load ${width} off ${off} via ${how}`, v);
        else expect32(`load ${signed ? "s" : "u"}${width * 8} off ${off} via ${how}`, v);
      }
    }
  }
  // Stores: narrow stores keep only the low bytes; read back as words.
  const model = new Uint8Array(32);
  const storeModel = (off: number, width: number, v: bigint): void => {
    for (let i = 0; i < width; i++) model[off + i] = Number((v >> BigInt(8 * i)) & 0xffn);
  };
  const stores: Array<[number, 1 | 2 | 4 | 8, bigint]> = [[0, 4, 0x11223344n], [1, 1, 0x1ffn], [6, 2, 0xabcdefn], [9, 4, -2n], [16, 8, 0x0102030405060708n], [27, 1, -1n], [30, 2, 0x8000n]];
  for (const [off, width, v] of stores) {
    const ty: KType = width === 8 ? "u64" : "u32";
    body.push(g("scratch"), c(ty, v), st(ty, width, off)); // constant to sym+off
    storeModel(off, width, BigInt.asUintN(64, v));
  }
  body.push(g("scratch"), set(0), get(0), c("u32", 0x77), st("u32", 1, 31)); // through a pointer local
  storeModel(31, 1, 0x77n);
  body.push(c("u32", 0x5566), set(1), get(0), get(1), st("u32", 2, 12)); // local value, narrow
  storeModel(12, 2, 0x5566n);
  for (let off = 0; off < 32; off += 4) {
    body.push(g("scratch"), ld("u32", 4, false, off), ...print32);
    expect32(`stores, word at ${off}`, BigInt(model[off]! | (model[off + 1]! << 8) | (model[off + 2]! << 16) | (model[off + 3]! << 24)) & 0xffffffffn);
  }
  // Frame slots: a 12-byte struct in the frame, written and read through slot.addr.
  body.push({ op: "slot.addr", slot: 0, offset: 0 }, c("i32", -5), st("i32", 4, 0));
  body.push({ op: "slot.addr", slot: 0, offset: 4 }, c("u64", 0xfedcba9876543210n), st("u64", 8));
  body.push({ op: "slot.addr", slot: 0, offset: 0 }, ld("i32", 4, true, 0), ...print32);
  body.push({ op: "slot.addr", slot: 0, offset: 0 }, ld("u64", 8, false, 4), ...print64(2));
  body.push({ op: "slot.addr", slot: 0, offset: 8 }, set(0), get(0), ld("i32", 2, true), ...print32);
  expect32("slot i32", -5);
  expect64("slot u64 at +4", 0xfedcba9876543210n);
  expect32("slot s16 at +8 through a pointer", BigInt.asIntN(16, 0xba98n));
  body.push({ op: "ret" });
  functions.push(fn("f_memory", [], null, ["u32", "u32", "u64"], body, { slots: [{ size: 12, align: 4, name: "s" }] }));
}

// ---- calls: mixed 32/64-bit cdecl arguments, nesting, indirect calls and a table of pointers
{
  // mix(a: i32, b: i64, c: u32, d: u64, e: i32): i64 = b + d*2 + a - c + e*3
  functions.push(fn("mix", ["i32", "i64", "u32", "u64", "i32"], "i64", [], [
    get(1), get(3), c("u64", 2), bin("mul", "u64"), bin("add", "i64"),
    get(0), { op: "extend", signed: true }, bin("add", "i64"),
    get(2), { op: "extend", signed: false }, bin("sub", "i64"),
    get(4), c("i32", 3), bin("mul"), { op: "extend", signed: true }, bin("add", "i64"), { op: "ret" },
  ]));
  const mix = (a: bigint, b: bigint, cc: bigint, d: bigint, e: bigint): bigint => BigInt.asUintN(64, b + d * 2n + a - cc + e * 3n);
  functions.push(fn("twice", ["i32"], "i32", [], [get(0), get(0), bin("add"), { op: "ret" }]));
  functions.push(fn("minus", ["i32", "i32"], "i32", [], [get(0), get(1), bin("sub"), { op: "ret" }]));
  functions.push(fn("square", ["i32"], "i32", [], [get(0), get(0), bin("mul"), { op: "ret" }]));
  globals.push(global("ops", 12, { data: new Uint8Array(12), readonly: true, relocs: [
    { offset: 0, symbol: "twice", addend: 0 }, { offset: 4, symbol: "square", addend: 0 }, { offset: 8, symbol: "twice", addend: 0 }] }));
  const body: Insn[] = [
    c("i32", -3), c("i64", 0x100000000n), c("u32", 7), c("u64", 0x7fffffffffffn), c("i32", 11), call("mix"), ...print64(1),
    c("i32", 9), set(0),
    get(0), c("i64", -20n), get(0), c("u64", 5n), get(0), call("twice"), call("mix"), ...print64(1),
    // minus(twice(5), minus(square(4), twice(3))) = 10 - (16 - 6) = 0; then with locals
    c("i32", 5), call("twice"), c("i32", 4), call("square"), c("i32", 3), call("twice"), call("minus"), call("minus"), ...print32,
    // indirect: through func.addr, through a local, through the relocated table
    c("i32", 21), { op: "func.addr", name: "twice" }, { op: "call_indirect", sig: { params: ["i32"], result: "i32" } }, ...print32,
    { op: "func.addr", name: "square" }, set(2), c("i32", 12), get(2), { op: "call_indirect", sig: { params: ["i32"], result: "i32" } }, ...print32,
  ];
  expect64("mix with constants", mix(-3n, 0x100000000n, 7n, 0x7fffffffffffn, 11n));
  expect64("mix with locals and a nested call", mix(9n, -20n, 9n, 5n, 18n));
  expect32("nested calls as arguments", 0);
  expect32("call_indirect on func.addr", 42);
  expect32("call_indirect through a local", 144);
  for (let i = 0; i < 3; i++) {
    body.push(c("i32", 7 + i), g("ops"), c("u32", i), c("u32", 2), bin("shl", "u32"), bin("add", "u32"), ld("u32", 4, false),
      { op: "call_indirect", sig: { params: ["i32"], result: "i32" } }, ...print32);
    expect32(`call through table entry ${i}`, i === 1 ? (7 + i) ** 2 : 2 * (7 + i));
  }
  body.push({ op: "ret" });
  functions.push(fn("f_calls", [], null, ["i32", "u64", "u32"], body));
}

// ---- register pressure: eight values live at once, and calls among live temporaries
{
  const xs = [3, -8, 1000, 77, -2, 12345, 6, 0x7fffffff];
  const body: Insn[] = [];
  xs.forEach((x, i) => body.push(c("i32", x), set(i)));
  // ((x0+x1)*(x2+x3)) - ((x4+x5)*(x6+x7)) with every operand pushed before any op runs
  for (let i = 0; i < 8; i++) body.push(get(i), c("i32", 1), bin("add"));
  body.push(bin("add"), { op: "lt", ty: "i32" }); // (x6+1)+(x7+1) compared below (x5+1)
  body.push(bin("xor"), bin("mul"), bin("sub"), bin("add"), bin("mul"), ...print32);
  const v = xs.map((x) => (x + 1) | 0);
  const lt = v[5]! < ((v[6]! + v[7]!) | 0) ? 1 : 0;
  let r = (v[4]! ^ lt) | 0;
  r = Math.imul(v[3]!, r);
  r = (v[2]! - r) | 0;
  r = (v[1]! + r) | 0;
  r = Math.imul(v[0]!, r);
  expect32("eight live values", BigInt(r));
  // Temporaries in scratch registers across calls: a*square(b) + (c - twice(d)) * square(e)
  body.push(get(0), c("i32", 5), bin("mul"), get(1), call("square"), bin("mul"),
    get(2), c("i32", 1), bin("add"), get(3), call("twice"), bin("sub"), get(4), call("square"), bin("mul"), bin("add"), ...print32);
  expect32("temporaries across calls", BigInt((Math.imul(Math.imul(3, 5), 64) + Math.imul((1001 - 154) | 0, 4)) | 0));
  // 64-bit values under pressure: three u64 temporaries and a 64-bit multiply between them
  body.push(get(5), { op: "extend", signed: true }, get(2), { op: "extend", signed: false }, get(7), { op: "extend", signed: false },
    bin("mul", "u64"), bin("add", "u64"), get(1), { op: "extend", signed: true }, bin("mul", "u64"), ...print64(8));
  expect64("64-bit temporaries", BigInt.asUintN(64, (12345n + 1000n * 0x7fffffffn) * -8n));
  // A division whose dividend sits in %ecx beside a call result in %eax, divisor constant:
  // moving the dividend into %eax must not leave %ecx reserved (it once ran out of registers).
  body.push(c("i32", 3), call("twice"), g("pattern"), ld("u32", 4, false, 4), c("u32", 7), { op: "rem", ty: "u32" }, bin("add"), ...print32);
  expect32("call result + (load % 7)", BigInt((6 + Number(patternAt(4, 4, false) % 7n)) | 0));
  body.push(c("i32", 3), call("twice"), g("pattern"), ld("i32", 4, true, 8), c("i32", -7), { op: "div", ty: "i32" }, bin("add"), ...print32);
  expect32("call result + (load / -7)", BigInt.asIntN(32, 6n + BigInt.asIntN(32, patternAt(8, 4, true)) / -7n));
  body.push({ op: "ret" });
  functions.push(fn("f_pressure", [], null, ["i32", "i32", "i32", "i32", "i32", "i32", "i32", "i32", "u64"], body));
}

// ---- control: a jump table in a loop, recursion
{
  const body: Insn[] = [c("u32", 0), set(0), label(0),
    get(0), c("u32", 7), { op: "ge", ty: "u32" }, { op: "br_if", target: 9 },
    get(0), { op: "br_table", targets: [1, 2, 3, 2], default: 4 },
    label(1), c("u32", 0xa0), ...print32, { op: "br", target: 5 },
    label(2), c("u32", 0xb0), get(0), bin("add", "u32"), ...print32, { op: "br", target: 5 },
    label(3), c("u32", 0xc0), ...print32, { op: "br", target: 5 },
    label(4), c("u32", 0xd0), get(0), bin("add", "u32"), ...print32, { op: "br", target: 5 },
    label(5), get(0), c("u32", 1), bin("add", "u32"), set(0), { op: "br", target: 0 },
    label(9), c("i32", 20), call("fib"), ...print32, { op: "ret" }];
  for (let i = 0; i < 7; i++) expect32(`br_table index ${i}`, [0xa0, 0xb1, 0xc0, 0xb3][i] ?? 0xd0 + i);
  const fib = (n: number): number => (n < 2 ? n : fib(n - 1) + fib(n - 2));
  expect32("fib(20), recursive", fib(20));
  functions.push(fn("fib", ["i32"], "i32", [], [get(0), c("i32", 2), { op: "lt", ty: "i32" }, { op: "br_if", target: 0 },
    get(0), c("i32", 1), bin("sub"), call("fib"), get(0), c("i32", 2), bin("sub"), call("fib"), bin("add"), { op: "ret" },
    label(0), get(0), { op: "ret" }]));
  functions.push(fn("f_control", [], null, ["u32"], body));
}

// ---- inlining: small functions called with nothing else on the stack are expanded in place
{
  // clamp(x, limit): i32 = x > limit ? limit : x, with two returns; bump(p) increments *p.
  functions.push(fn("clamp", ["i32", "i32"], "i32", [], [get(0), get(1), { op: "gt", ty: "i32" }, { op: "br_if", target: 0 },
    get(0), { op: "ret" }, label(0), get(1), { op: "ret" }]));
  functions.push(fn("bump", ["u32"], null, [], [get(0), get(0), ld("u32", 4, false), c("u32", 1), bin("add", "u32"), st("u32", 4), { op: "ret" }]));
  const body: Insn[] = [c("i32", 0), set(0), c("i32", 0), set(1), label(0),
    get(0), c("i32", 20), { op: "ge", ty: "i32" }, { op: "br_if", target: 1 },
    get(0), get(0), bin("mul"), c("i32", 150), call("clamp"), set(2), // statement-level: inlined
    get(1), get(2), bin("add"), set(1),
    g("word"), call("bump"),
    get(0), c("i32", 1), bin("add"), set(0), { op: "br", target: 0 },
    label(1), get(1), ...print32,
    get(1), get(0), call("clamp"), ...print32, // arguments straight from locals: parameters replaced
    c("i32", 7), c("i32", 1000), call("clamp"), c("i32", 2000), c("i32", 5), call("clamp"), bin("add"), ...print32]; // in expressions: real calls
  let total = 0;
  for (let i = 0; i < 20; i++) total += Math.min(i * i, 150);
  expect32("inlined clamp in a loop", total);
  expect32("inlined clamp on two locals", total > 20 ? 20 : total);
  expect32("clamp called in an expression", 12);
  body.push({ op: "ret" });
  functions.push(fn("f_inlining", [], null, ["i32", "i32", "i32"], body));
}

// ---- an address built from two locals' registers stays valid when one of them is written
globals.push(global("sequence", 4, { data: new Uint8Array(4) }));
{
  // for (i = 0; i < 4;) store8(p + i, ++i): the address uses the old i, the value the new one.
  const body: Insn[] = [g("sequence"), set(0), c("u32", 0), set(1), label(0),
    get(1), c("u32", 4), { op: "ge", ty: "u32" }, { op: "br_if", target: 1 },
    get(0), get(1), bin("add", "u32"), get(1), c("u32", 1), bin("add", "u32"), set(1), get(1), st("u32", 1),
    { op: "br", target: 0 },
    label(1), g("sequence"), ld("u32", 4, false), ...print32, { op: "ret" }];
  expect32("address from two locals, one written before the store", 0x04030201);
  functions.push(fn("f_detach", [], null, ["u32", "u32"], body));
}

// ---- intrinsics that mean something on a bare machine
globals.push(global("word", 4, { data: Uint8Array.of(10, 0, 0, 0) }));
globals.push(global("cpu_counter", 4, { percpu: true }));
{
  const body: Insn[] = [
    c("u32", 0x3ff), c("u32", 0x5a), intr("outb"), c("u32", 0x3ff), intr("inb"), ...print32, // 16550 scratch register
    c("u32", 0x3f8), c("u32", 7), bin("add", "u32"), set(0), get(0), c("u32", 0xa5), intr("outb"), get(0), intr("inb"), ...print32,
    g("word"), c("u32", 99), intr("xchg"), ...print32, g("word"), ld("u32", 4, false), ...print32,
    g("word"), c("u32", 98), c("u32", 1), intr("cmpxchg"), ...print32, // fails: word is 99
    g("word"), c("u32", 99), c("u32", 2), intr("cmpxchg"), ...print32, // succeeds
    g("word"), c("u32", 40), intr("xadd"), ...print32, g("word"), ld("u32", 4, false), ...print32,
    intr("barrier"),
    // The TSC must move forward; a coarse clock may repeat a value, so read until it grows.
    intr("rdtsc"), set(2), c("u32", 0), set(3), label(0),
    get(3), c("u32", 1), bin("add", "u32"), set(3),
    get(3), c("u32", 1000000), { op: "ge", ty: "u32" }, { op: "br_if", target: 1 },
    intr("rdtsc"), get(2), { op: "gt", ty: "u64" }, { op: "br_if", target: 1 }, { op: "br", target: 0 },
    label(1), get(3), c("u32", 1000000), { op: "lt", ty: "u32" }, ...print32,
    intr("read_cr0"), c("u32", 1), bin("and", "u32"), ...print32,
    intr("read_eflags"), c("u32", 2), bin("and", "u32"), ...print32,
    { op: "slot.addr", slot: 0, offset: 0 }, set(1), c("u32", 0), c("u32", 0), get(1), intr("cpuid"),
    get(1), ld("u32", 4, false), c("u32", 1), { op: "ge", ty: "u32" }, ...print32,
    c("u32", 1), c("u32", 0), get(1), intr("cpuid"), get(1), ld("u32", 4, false, 12), c("u32", 16), bin("and", "u32"), ...print32,
    g("scratch", 4), c("u32", 0xcafef00d), intr("mmio_write32"), g("scratch", 4), intr("mmio_read32"), ...print32,
    g("scratch", 4), c("u32", 0x1234), intr("mmio_write16"), g("scratch", 4), intr("mmio_read16"), ...print32,
    g("scratch", 5), c("u32", 0x3ff), intr("mmio_write8"), g("scratch", 4), intr("mmio_read32"), ...print32,
    { op: "percpu.addr", name: "cpu_counter", offset: 0 }, c("u32", 1234), st("u32", 4),
    { op: "percpu.addr", name: "cpu_counter", offset: 0 }, ld("u32", 4, false), ...print32,
    { op: "percpu.addr", name: "cpu_counter", offset: 0 }, g("cpu_counter"), { op: "eq", ty: "u32" }, ...print32,
    { op: "ret" },
  ];
  expect32("outb/inb scratch register, constant port", 0x5a);
  expect32("outb/inb scratch register, port in %dx", 0xa5);
  expect32("xchg returns the old value (10, bumped 20 times by f_inlining)", 30);
  expect32("xchg stored the new value", 99);
  expect32("cmpxchg with a wrong expectation returns the old value", 99);
  expect32("cmpxchg with the right expectation returns the old value", 99);
  expect32("xadd returns the old value", 2);
  expect32("xadd added", 42);
  expect32("rdtsc advances within a million reads", 1);
  expect32("cr0.PE is set", 1);
  expect32("eflags bit 1 reads as 1", 2);
  expect32("cpuid leaf 0: a basic leaf 1 exists", 1);
  expect32("cpuid leaf 1: edx reports a TSC", 16);
  expect32("mmio 32-bit write/read", 0xcafef00d);
  expect32("mmio 16-bit write/read", 0x1234);
  expect32("mmio 8-bit write changes one byte", 0xcafeff34);
  expect32("percpu store/load", 1234);
  expect32("percpu.addr on one CPU is the template itself", 1);
  functions.push(fn("f_intrinsics", [], null, ["u32", "u32", "u64", "u32"], body, { slots: [{ size: 16, align: 4, name: "regs" }] }));
}

/** The module (main runs every part and returns 3) and its expected lines. */
export function featuresProgram(): { module: KbcModule; names: string[]; expected: string[] } {
  const parts = functions.filter((f) => f.name.startsWith("f_"));
  const main = fn("main", [], "i32", [], [...parts.map((f) => call(f.name)), c("i32", 3), { op: "ret" }]);
  return { module: moduleOf("features", [...functions, main], globals), names, expected };
}
