// Integer constant expressions, folded at compile time with exactly the meaning the same
// expression has when it is computed at run time: every operator works in the type tsk's
// typing gives it (expr-typing.ts: promotion to 32 bits, a literal takes the other operand's
// type, u32 with i32 is u32) and wraps to that type's width, as KBC does. Folding in
// unbounded integers instead gave `~0x80000000` the value -2147483649 (no 32-bit value at
// all) and `-H` of a `const H: u32` a negative i32 that `u64(-H)` then sign-extended.
//
// Two kinds of constants:
// - a *literal* (`5`, `0xffffffffn`, `-1`, an enum member) has no type of its own yet: its
//   value is exact and it takes the type of the other operand. `-` of a literal is the
//   negative literal, as in JavaScript (`-0x80000000` is INT_MIN); `~` of a literal
//   complements it within its natural type (i32, else u32; i64, else u64), which is what
//   both C and JavaScript compute (`~0x80000000` is 0x7fffffff in both).
// - a *typed* constant (a `const` global, or an operator applied to one, or any binary
//   operator) has the type the run-time expression would have; its value is kept in that
//   type's canonical range (u32 values 0..2^32-1, i32 values -2^31..2^31-1, ...), so later
//   conversions (`u64(x)`) and comparisons see the value the running code would see.
import { ts, LIB_FILE_NAME } from "./ts-adapter.ts";
import { fail } from "./diagnostic.ts";
import { intBits, intRange, type IntName } from "./ktypes.ts";
import type { ProgramModel } from "./program-model.ts";

export interface Constant {
  value: bigint;
  /** The type of a typed constant; undefined for a literal (it takes the other operand's type). */
  type?: IntName;
  /** A bigint (64-bit) value rather than a number. */
  big: boolean;
}

const CONVERSIONS = new Set<string>(["i8", "u8", "i16", "u16", "i32", "u32", "i64", "u64"]);

/** `v` reduced to `name`'s width, in its canonical range (what a conversion `name(v)` gives). */
export function wrapTo(v: bigint, name: IntName): bigint {
  if (name === "bool") return v === 0n ? 0n : 1n;
  const bits = intBits(name);
  return name.startsWith("i") ? BigInt.asIntN(bits, v) : BigInt.asUintN(bits, v);
}

const fits = (v: bigint, name: IntName): boolean => {
  const [lo, hi] = intRange(name);
  return v >= lo && v <= hi;
};

/**
 * The range a constant of a 32- or 64-bit type may be written in: either reading of the bits
 * (`let x: i32 = 0xffffffff` and `let y: u32 = -1` are the all-ones word). Narrower types
 * take only their own range: narrowing is explicit in KTS.
 */
export function acceptedRange(name: IntName): [bigint, bigint] {
  const bits = intBits(name);
  if (bits < 32) return intRange(name);
  return [-(1n << BigInt(bits - 1)), (1n << BigInt(bits)) - 1n];
}

/** The type a literal has on its own: i32, else u32 (numbers); i64, else u64 (bigints). */
export function literalType(c: Constant): IntName {
  if (c.big) return fits(c.value, "i64") ? "i64" : "u64";
  return fits(c.value, "i32") ? "i32" : "u32";
}

/** The type of a constant as an operand (a literal alone: its natural type). */
export function constantType(c: Constant): IntName {
  return c.type ?? literalType(c);
}

const is64 = (name: IntName): boolean => name === "i64" || name === "u64";
const promoteName = (name: IntName): IntName => (is64(name) || name === "u32" ? name : "i32");

/** Where `foldConstant` is used: operand positions fold only leaves and unary operators. */
export type FoldMode = "operand" | "initializer";

const inProgress = new Set<ts.Node>();

/**
 * The value of `e` if it is an integer constant. "operand" mode (expressions inside
 * functions): literals, enum members, `const` globals and unary `-`/`~` on them; binary
 * operators are left to the code (which the backend folds). "initializer" mode (global and
 * enum initializers): also binary operators, conversions like `u32(x)`, true and false.
 */
export function foldConstant(e: ts.Expression, model: ProgramModel, mode: FoldMode): Constant | undefined {
  while (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
  if (ts.isNumericLiteral(e)) {
    if (!/^(0[xXbBoO][0-9a-fA-F_]+|[0-9_]+)$/.test(e.getText())) return undefined;
    return { value: BigInt(e.getText().replace(/_/g, "")), big: false };
  }
  if (ts.isBigIntLiteral(e)) return { value: BigInt(e.text.slice(0, -1).replace(/_/g, "")), big: true };
  if (mode === "initializer" && (e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword)) {
    return { value: e.kind === ts.SyntaxKind.TrueKeyword ? 1n : 0n, type: "bool", big: false };
  }
  if (ts.isPrefixUnaryExpression(e)) return foldUnary(e, model, mode);
  if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e)) return foldName(e, model, mode);
  if (mode === "initializer" && ts.isBinaryExpression(e)) return foldBinary(e, model);
  if (mode === "initializer" && ts.isCallExpression(e)) return foldConversion(e, model);
  return undefined;
}

function foldUnary(e: ts.PrefixUnaryExpression, model: ProgramModel, mode: FoldMode): Constant | undefined {
  const op = e.operator;
  if (op !== ts.SyntaxKind.MinusToken && op !== ts.SyntaxKind.TildeToken && !(op === ts.SyntaxKind.PlusToken && mode === "initializer")) return undefined;
  const c = foldConstant(e.operand, model, mode);
  if (!c) return undefined;
  if (c.type === undefined) {
    if (op === ts.SyntaxKind.MinusToken) return { value: -c.value, big: c.big };
    if (op === ts.SyntaxKind.PlusToken) return c;
    const t = literalType(c);
    // Out of every range of its kind: leave the exact value for the use to reject.
    if (!fits(c.value, t)) return { value: ~c.value, big: c.big };
    return { value: wrapTo(~c.value, t), big: c.big };
  }
  if (c.type === "bool") return undefined; // `-true` is not a number in KTS
  const t = promoteName(c.type);
  const v = op === ts.SyntaxKind.MinusToken ? -c.value : op === ts.SyntaxKind.TildeToken ? ~c.value : c.value;
  return { value: wrapTo(v, t), type: t, big: c.big };
}

function foldName(e: ts.Identifier | ts.PropertyAccessExpression, model: ProgramModel, mode: FoldMode): Constant | undefined {
  const decl = model.declarationOf(ts.isIdentifier(e) ? e : e.name);
  if (!decl) return undefined;
  if (ts.isEnumMember(decl)) {
    const v = model.enumMembers.get(decl);
    return v === undefined ? undefined : { value: v, big: false };
  }
  if (!ts.isVariableDeclaration(decl)) return undefined;
  const g = model.globals.get(decl);
  if (g) {
    if (g.constValue === undefined || g.type.kind !== "int") return undefined;
    return { value: g.constValue, type: g.type.name, big: is64(g.type.name) };
  }
  // A const global not yet collected (declared later in the file) is folded on demand, with
  // the type it declares; only while collecting (inside functions every global is known).
  if (mode !== "initializer" || !decl.initializer || !ts.isVariableDeclarationList(decl.parent)) return undefined;
  if (!(decl.parent.flags & ts.NodeFlags.Const) || !ts.isVariableStatement(decl.parent.parent) || !ts.isSourceFile(decl.parent.parent.parent)) return undefined;
  if (decl.parent.parent.modifiers?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword)) return undefined;
  const type = declaredIntType(decl, model);
  if (!type || inProgress.has(decl)) return undefined;
  inProgress.add(decl);
  try {
    const c = foldConstant(decl.initializer, model, "initializer");
    if (!c) return undefined;
    return { value: storeConstant(c, type, decl.initializer), type, big: is64(type) };
  } finally {
    inProgress.delete(decl);
  }
}

/** The integer type a global declares (an unannotated one is i32, or i64 for a bigint). */
function declaredIntType(decl: ts.VariableDeclaration, model: ProgramModel): IntName | undefined {
  if (!decl.type) return decl.initializer && ts.isBigIntLiteral(decl.initializer) ? "i64" : "i32";
  const t = model.resolveType(decl.type, decl);
  return t.kind === "int" ? t.name : undefined;
}

/**
 * A constant stored into a place of type `target` (a global's initial value): it must lie
 * in the range that type accepts; the stored value is in the type's canonical range.
 */
export function storeConstant(c: Constant, target: IntName, where: ts.Node): bigint {
  if (target === "bool") {
    if (c.type !== "bool" && c.value !== 0n && c.value !== 1n) fail(where, `${c.value} is not a bool; write true, false or a comparison`);
    return c.value;
  }
  const v = c.type === undefined ? c.value : wrapTo(c.value, c.type);
  const [lo, hi] = acceptedRange(target);
  if (v < lo || v > hi) fail(where, `${v} does not fit in ${target}; write a value in ${intRange(target).join("..")} or convert explicitly, e.g. ${target}(x)`);
  return wrapTo(v, target);
}

/** An operand converted to the type `t` an operation is done in (a literal is range-checked). */
function operandIn(c: Constant, t: IntName, where: ts.Node, exact: boolean): bigint {
  if (c.type === undefined) {
    const [lo, hi] = exact ? intRange(t) : acceptedRange(t);
    if (c.value < lo || c.value > hi) {
      if (exact) fail(where, `${c.value} is outside the range of ${t}, the type this operation is done in (${lo}..${hi}); convert the other operand (e.g. u32(x), i64(x)) or write the value in range`);
      fail(where, `${c.value} does not fit in ${t}; write a value in ${intRange(t).join("..")} or convert explicitly, e.g. ${t}(x)`);
    }
  }
  return wrapTo(c.value, t);
}

function foldBinary(e: ts.BinaryExpression, model: ProgramModel): Constant | undefined {
  const k = e.operatorToken.kind;
  const shift = k === ts.SyntaxKind.LessThanLessThanToken || k === ts.SyntaxKind.GreaterThanGreaterThanToken || k === ts.SyntaxKind.GreaterThanGreaterThanGreaterThanToken;
  const arith = k === ts.SyntaxKind.PlusToken || k === ts.SyntaxKind.MinusToken || k === ts.SyntaxKind.AsteriskToken || k === ts.SyntaxKind.SlashToken ||
    k === ts.SyntaxKind.PercentToken || k === ts.SyntaxKind.AmpersandToken || k === ts.SyntaxKind.BarToken || k === ts.SyntaxKind.CaretToken;
  if (!shift && !arith) return undefined;
  const a = foldConstant(e.left, model, "initializer");
  const b = foldConstant(e.right, model, "initializer");
  if (!a || !b) return undefined;
  if (a.type === "bool" || b.type === "bool") return undefined;
  if (shift) {
    // The count keeps its own type; only its low 5 (32-bit) or 6 (64-bit) bits count, as in KBC.
    if (a.big !== b.big) return undefined;
    let t: IntName;
    if (k === ts.SyntaxKind.GreaterThanGreaterThanGreaterThanToken) {
      if (a.big) fail(e, "`>>>` is not defined on bigint; use >> on a u64");
      t = "u32";
    } else {
      t = a.big ? constantType(a) : promoteName(constantType(a));
    }
    const exact = k !== ts.SyntaxKind.LessThanLessThanToken;
    const va = operandIn(a, t, e.left, exact);
    const count = wrapTo(b.value, a.big ? "u64" : "u32") & (a.big ? 63n : 31n);
    return { value: wrapTo(k === ts.SyntaxKind.LessThanLessThanToken ? va << count : va >> count, t), type: t, big: a.big };
  }
  if (a.big !== b.big) return undefined; // number with bigint: the checker has said so
  const t = arithmeticType(a, b);
  const exact = k === ts.SyntaxKind.SlashToken || k === ts.SyntaxKind.PercentToken;
  const va = operandIn(a, t, e.left, exact), vb = operandIn(b, t, e.right, exact);
  let v: bigint;
  switch (k) {
    case ts.SyntaxKind.PlusToken: v = va + vb; break;
    case ts.SyntaxKind.MinusToken: v = va - vb; break;
    case ts.SyntaxKind.AsteriskToken: v = va * vb; break;
    case ts.SyntaxKind.AmpersandToken: v = va & vb; break;
    case ts.SyntaxKind.BarToken: v = va | vb; break;
    case ts.SyntaxKind.CaretToken: v = va ^ vb; break;
    default: {
      // KBC division truncates toward zero (BigInt's / and % do the same) and traps where
      // x86 raises #DE; a constant that would trap is an error here.
      if (vb === 0n) fail(e, "division by zero in a constant expression");
      if (t.startsWith("i") && vb === -1n && va === intRange(t)[0]) fail(e, `${va} / -1 overflows ${t} (it traps at run time)`);
      v = k === ts.SyntaxKind.SlashToken ? va / vb : va % vb;
    }
  }
  return { value: wrapTo(v, t), type: t, big: a.big };
}

/** The C "usual arithmetic conversions" of expr-typing.ts's arithType, on constants. */
function arithmeticType(a: Constant, b: Constant): IntName {
  const la = a.type === undefined, lb = b.type === undefined;
  // Alone, a bigint literal is an i64 to the run-time typing (u64 only beyond i64's range).
  const ta = a.big ? constantType(a) : promoteName(constantType(a));
  const tb = b.big ? constantType(b) : promoteName(constantType(b));
  if (la && !lb) return tb;
  if (lb && !la) return ta;
  if (a.big) return ta === "u64" || tb === "u64" ? "u64" : "i64";
  return ta === "u32" || tb === "u32" ? "u32" : "i32";
}

/** `u32(x)`, `i8(x)`, ...: the conversion wraps, as at run time. */
function foldConversion(e: ts.CallExpression, model: ProgramModel): Constant | undefined {
  if (!ts.isIdentifier(e.expression) || e.arguments.length !== 1 || !CONVERSIONS.has(e.expression.text)) return undefined;
  const decl = model.declarationOf(e.expression);
  if (!decl || !decl.getSourceFile().fileName.endsWith(LIB_FILE_NAME)) return undefined;
  const c = foldConstant(e.arguments[0]!, model, "initializer");
  if (!c || c.type === "bool") return undefined;
  const to = e.expression.text as IntName;
  return { value: wrapTo(c.value, to), type: to, big: is64(to) };
}
