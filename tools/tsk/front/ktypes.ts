// The KTS type model: what a value means to tsk (the checker's `number` says too little).
// Every type maps to a KBC stack type (32 or 64 bits) and has a C storage layout.
import type { KType, Width } from "../kbc/types.ts";

export type IntName = "i8" | "u8" | "i16" | "u16" | "i32" | "u32" | "i64" | "u64" | "bool";

export interface StructField {
  name: string;
  type: KtsType;
  offset: number;
}

export interface StructInfo {
  name: string;
  fields: Map<string, StructField>;
  size: number;
  align: number;
  /** Method name -> KBC function name. */
  methods: Map<string, string>;
}

export interface FnSig {
  params: KtsType[];
  result: KtsType;
}

export type KtsType =
  | { kind: "int"; name: IntName }
  /** Ptr<T>: an address, arithmetic in bytes. */
  | { kind: "ptr"; to: KtsType }
  /** A struct reference: the address of the struct (a class-typed value). */
  | { kind: "struct"; info: StructInfo }
  /** N elements in place; as a value it is the address of the first element. */
  | { kind: "array"; elem: KtsType; length: number }
  /** A struct stored in place (a field or array element declared `Inline<S>`); as a value, its address. */
  | { kind: "inline"; info: StructInfo }
  /** A function pointer. */
  | { kind: "fn"; sig: FnSig }
  /** A read-only NUL-terminated C string (its address). */
  | { kind: "string" }
  | { kind: "void" }
  | { kind: "null" };

export const int = (name: IntName): KtsType => ({ kind: "int", name });
export const I32 = int("i32");
export const U32 = int("u32");
export const BOOL = int("bool");
export const VOID: KtsType = { kind: "void" };

export function isInt(t: KtsType): t is { kind: "int"; name: IntName } {
  return t.kind === "int";
}

export function is64Type(t: KtsType): boolean {
  return t.kind === "int" && (t.name === "i64" || t.name === "u64");
}

export function isSignedInt(t: KtsType): boolean {
  return t.kind === "int" && (t.name === "i8" || t.name === "i16" || t.name === "i32" || t.name === "i64");
}

/** Values that are addresses (compare and convert as u32). */
export function isAddressLike(t: KtsType): boolean {
  return t.kind === "ptr" || t.kind === "struct" || t.kind === "inline" || t.kind === "fn" || t.kind === "string" || t.kind === "null" || t.kind === "array";
}

/** Bits of an integer type's values (bool counts as 1). */
export function intBits(name: IntName): number {
  switch (name) {
    case "bool": return 1;
    case "i8": case "u8": return 8;
    case "i16": case "u16": return 16;
    case "i32": case "u32": return 32;
    case "i64": case "u64": return 64;
  }
}

export function intRange(name: IntName): [bigint, bigint] {
  if (name === "bool") return [0n, 1n];
  const bits = BigInt(intBits(name));
  return name.startsWith("i") ? [-(1n << (bits - 1n)), (1n << (bits - 1n)) - 1n] : [0n, (1n << bits) - 1n];
}

/** The KBC stack type of a value of `t`. */
export function stackType(t: KtsType): KType {
  if (t.kind === "int") {
    if (t.name === "i64" || t.name === "u64") return t.name;
    return t.name === "u8" || t.name === "u16" || t.name === "u32" ? "u32" : "i32";
  }
  return "u32";
}

/** Bytes a value of `t` occupies in memory, and its alignment. */
export function storageOf(t: KtsType): { size: number; align: number } {
  switch (t.kind) {
    case "int": {
      const bytes = t.name === "bool" ? 1 : intBits(t.name) / 8;
      return { size: bytes, align: Math.min(bytes, 4) };
    }
    case "array": {
      const e = storageOf(t.elem);
      return { size: e.size * t.length, align: e.align };
    }
    case "inline": return { size: t.info.size, align: t.info.align };
    case "void": case "null": return { size: 0, align: 1 };
    default: return { size: 4, align: 4 };
  }
}

/** How a value of `t` is loaded from memory (arrays are not loaded: their address is the value). */
export function memAccess(t: KtsType): { width: Width; signed: boolean; ty: KType } {
  const { size } = storageOf(t);
  return { width: size as Width, signed: isSignedInt(t), ty: stackType(t) };
}

/** The promoted (C "usual arithmetic conversion") type of one operand. */
export function promote(t: KtsType): KtsType {
  if (t.kind !== "int") return U32;
  if (t.name === "i64" || t.name === "u64" || t.name === "u32") return t;
  return I32;
}

export function typeName(t: KtsType): string {
  switch (t.kind) {
    case "int": return t.name;
    case "ptr": return `Ptr<${typeName(t.to)}>`;
    case "struct": return t.info.name;
    case "inline": return `Inline<${t.info.name}>`;
    case "array": return `FixedArray<${typeName(t.elem)}, ${t.length}>`;
    case "fn": return `(${t.sig.params.map(typeName).join(", ")}) => ${typeName(t.sig.result)}`;
    default: return t.kind;
  }
}

export function sameType(a: KtsType, b: KtsType): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case "int": return a.name === (b as typeof a).name;
    case "ptr": return sameType(a.to, (b as typeof a).to);
    case "struct": case "inline": return a.info === (b as typeof a).info;
    case "array": return a.length === (b as typeof a).length && sameType(a.elem, (b as typeof a).elem);
    case "fn": {
      const s = (b as typeof a).sig;
      return a.sig.params.length === s.params.length && a.sig.params.every((p, i) => sameType(p, s.params[i]!)) && sameType(a.sig.result, s.result);
    }
    default: return true;
  }
}

/** The type of the value read from a place of type `t`: in-place structs are read as references. */
export function valueType(t: KtsType): KtsType {
  return t.kind === "inline" ? { kind: "struct", info: t.info } : t;
}

/** Places whose value is their address (nothing is loaded): arrays and in-place structs. */
export function isAddressedInPlace(t: KtsType): boolean {
  return t.kind === "array" || t.kind === "inline";
}

/** The type's name with its article, for sentences: "an i32", "a u8", "a Proc". */
export function aType(t: KtsType): string {
  const name = typeName(t);
  return `${/^[aeiouAEIOU]/.test(name) ? "an" : "a"} ${name}`;
}
