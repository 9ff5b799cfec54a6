// Small helpers for writing KBC by hand in the backend's tests: a module with the bare
// runtime's externs, and op shorthands. The front end is not involved, so these tests pin
// the backend alone.
import type { Insn, KbcExtern, KbcFunction, KbcGlobal, KbcModule, KType } from "../../kbc/types.ts";

export const BARE_EXTERNS: KbcExtern[] = [
  { name: "putc", sig: { params: ["u32"], result: null } },
  { name: "puts", sig: { params: ["u32"], result: null } },
  { name: "put_i32", sig: { params: ["i32"], result: null } },
  { name: "put_u32", sig: { params: ["u32"], result: null } },
  { name: "put_hex32", sig: { params: ["u32"], result: null } },
];

export function fn(name: string, params: KType[], result: KType | null, locals: KType[], body: Insn[], extra: Partial<KbcFunction> = {}): KbcFunction {
  return {
    name, exported: name === "main", params, result, locals: [...params, ...locals],
    localNames: [...params, ...locals].map((_, i) => `v${i}`), slots: [], body, attrs: {}, ...extra,
  };
}

export function moduleOf(source: string, functions: KbcFunction[], globals: KbcGlobal[] = [], externs: KbcExtern[] = []): KbcModule {
  return { source, functions, globals, externs: [...BARE_EXTERNS, ...externs] };
}

export function global(name: string, size: number, init?: Partial<KbcGlobal>): KbcGlobal {
  return { name, exported: false, size, align: 4, relocs: [], readonly: false, percpu: false, ...init };
}

export const c = (ty: KType, value: bigint | number): Insn => ({ op: "const", ty, value: BigInt(value) });
export const get = (index: number): Insn => ({ op: "local.get", index });
export const set = (index: number): Insn => ({ op: "local.set", index });
export const call = (name: string): Insn => ({ op: "call", name });
export const label = (id: number): Insn => ({ op: "label", id });

/** Print the 32-bit value on top of the stack in hex, then a newline. */
export const print32: Insn[] = [call("put_hex32"), c("u32", 10), call("putc")];

/** Print the 64-bit value on top (via scratch local `tmp`) as hi then lo in hex, then a newline. */
export function print64(tmp: number): Insn[] {
  return [
    set(tmp),
    get(tmp), c("u64", 32), { op: "shr", ty: "u64" }, { op: "wrap" }, call("put_hex32"),
    get(tmp), { op: "wrap" }, call("put_hex32"),
    c("u32", 10), call("putc"),
  ];
}

/**
 * Out-of-line printers for big generated programs: `p32(u32)` and `p64(u64)` print like
 * print32/print64 but cost one call per case instead of the whole sequence inline.
 */
export function printerFunctions(): KbcFunction[] {
  return [
    fn("p32", ["u32"], null, [], [get(0), ...print32, { op: "ret" }]),
    fn("p64", ["u64"], null, [], [get(0), ...print64(0), { op: "ret" }]),
  ];
}
export const callP32: Insn[] = [call("p32")];
export const callP64: Insn[] = [call("p64")];
