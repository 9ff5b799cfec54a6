// The integer semantics of ../../kbc/README.md, written a second time on host BigInts, so
// the backend's tests compute what every op must produce instead of hard-coding answers.
import type { BinaryOp, CompareOp, KType } from "../../kbc/types.ts";

export const bitsOf = (ty: KType): 32 | 64 => (ty === "i64" || ty === "u64" ? 64 : 32);
const signedType = (ty: KType): boolean => ty === "i32" || ty === "i64";

/** The bit pattern of `v` in `ty` (as an unsigned BigInt). */
export function reduce(ty: KType, v: bigint): bigint {
  return BigInt.asUintN(bitsOf(ty), v);
}

function asSigned(ty: KType, v: bigint): bigint {
  return BigInt.asIntN(bitsOf(ty), v);
}

/** Result bits of `a OP b`, or "trap" for the division cases KBC defines as traps. */
export function binaryResult(op: BinaryOp, ty: KType, a: bigint, b: bigint): bigint | "trap" {
  const bits = bitsOf(ty);
  const signed = signedType(ty);
  const ua = reduce(ty, a), ub = reduce(ty, b);
  const sa = asSigned(ty, a), sb = asSigned(ty, b);
  const count = ub & BigInt(bits - 1);
  switch (op) {
    case "add": return reduce(ty, ua + ub);
    case "sub": return reduce(ty, ua - ub);
    case "mul": return reduce(ty, ua * ub);
    case "and": return ua & ub;
    case "or": return ua | ub;
    case "xor": return ua ^ ub;
    case "shl": return reduce(ty, ua << count);
    case "shr": return signed ? reduce(ty, sa >> count) : ua >> count;
    case "div":
    case "rem": {
      if (ub === 0n) return "trap";
      if (signed && sa === -(1n << BigInt(bits - 1)) && sb === -1n) return "trap";
      if (signed) return reduce(ty, op === "div" ? sa / sb : sa % sb); // BigInt truncates like idiv
      return op === "div" ? ua / ub : ua % ub;
    }
  }
}

export function compareResult(op: CompareOp, ty: KType, a: bigint, b: bigint): boolean {
  const x = signedType(ty) ? asSigned(ty, a) : reduce(ty, a);
  const y = signedType(ty) ? asSigned(ty, b) : reduce(ty, b);
  switch (op) {
    case "eq": return x === y;
    case "ne": return x !== y;
    case "lt": return x < y;
    case "le": return x <= y;
    case "gt": return x > y;
    case "ge": return x >= y;
  }
}

/** How the bare runtime's put_hex32 prints a 32-bit pattern. */
export const hex32 = (v: bigint): string => BigInt.asUintN(32, v).toString(16).padStart(8, "0");
/** A 64-bit value printed as put_hex32(hi) then put_hex32(lo). */
export const hex64 = (v: bigint): string => hex32(BigInt.asUintN(64, v) >> 32n) + hex32(v);
