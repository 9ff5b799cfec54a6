// tsk's own typing of expressions (no code emitted): C-like promotion to 32 bits, literals
// taking the type of the other operand, the checks that keep C and JavaScript meanings apart.
// lower-expr.ts extends this with the lowering to KBC.
import { ts } from "./ts-adapter.ts";
import { fail } from "./diagnostic.ts";
import type { FunctionBuilder } from "./function-builder.ts";
import type { ModuleBuilder } from "./module-builder.ts";
import { constantType, foldConstant, type Constant } from "./const-fold.ts";
import { isLibNode, type ProgramModel, type FunctionInfo } from "./program-model.ts";
import { aType, BOOL, I32, U32, int, is64Type, isInt, isSignedInt, promote, sameType, typeName, valueType, type FnSig, type KtsType, type StructInfo } from "./ktypes.ts";
import { builtinType } from "./lower-builtins.ts";
import { rejectExpression } from "./reject.ts";
import { ARITH, COMPARE, COMPOUND } from "./operators.ts";
import { strip } from "./strip.ts";

export class ExprTyping {
  constructor(
    readonly model: ProgramModel,
    readonly mod: ModuleBuilder,
    readonly fb: FunctionBuilder,
    readonly fn: FunctionInfo,
  ) {}


  /**
   * A constant operand (literals, enum members, folded const globals, unary - and ~ on
   * them), folded with its run-time meaning (const-fold.ts).
   */
  constant(e: ts.Expression): Constant | undefined {
    return foldConstant(e, this.model, "operand");
  }

  /** The value of a constant operand (see `constant`). */
  literalValue(e: ts.Expression): bigint | undefined {
    return this.constant(e)?.value;
  }

  /** A literal, which takes the other operand's type (a typed constant keeps its own). */
  protected isLiteral(e: ts.Expression): boolean {
    const c = this.constant(e);
    return c !== undefined && c.type === undefined;
  }

  typeOf(e: ts.Expression): KtsType {
    e = strip(e);
    const c = this.constant(e);
    if (c !== undefined) return int(constantType(c));
    if (e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword) return BOOL;
    if (e.kind === ts.SyntaxKind.NullKeyword) return { kind: "null" };
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return { kind: "string" };
    if (e.kind === ts.SyntaxKind.ThisKeyword) return this.thisType(e);
    if (ts.isIdentifier(e)) return this.identifierType(e);
    if (ts.isPropertyAccessExpression(e)) return valueType(this.fieldOf(e).type);
    if (ts.isElementAccessExpression(e)) return valueType(this.elementType(e));
    if (ts.isCallExpression(e)) return this.callType(e);
    if (ts.isNewExpression(e)) return this.newType(e);
    if (ts.isPrefixUnaryExpression(e)) {
      if (e.operator === ts.SyntaxKind.ExclamationToken) return BOOL;
      if (e.operator === ts.SyntaxKind.PlusPlusToken || e.operator === ts.SyntaxKind.MinusMinusToken) return this.typeOf(e.operand);
      return promote(this.typeOf(e.operand));
    }
    if (ts.isPostfixUnaryExpression(e)) return this.typeOf(e.operand);
    if (ts.isConditionalExpression(e)) return this.commonType(e.whenTrue, e.whenFalse, e);
    if (ts.isBinaryExpression(e)) {
      const k = e.operatorToken.kind;
      if (k === ts.SyntaxKind.EqualsToken || COMPOUND[k] !== undefined) return this.typeOf(e.left);
      if (COMPARE[k] || k === ts.SyntaxKind.AmpersandAmpersandToken || k === ts.SyntaxKind.BarBarToken) return BOOL;
      if (k === ts.SyntaxKind.GreaterThanGreaterThanGreaterThanToken) return U32;
      if (k === ts.SyntaxKind.LessThanLessThanToken || k === ts.SyntaxKind.GreaterThanGreaterThanToken) return promote(this.typeOf(e.left));
      if (ARITH[k]) return this.arithType(e.left, e.right);
    }
    return rejectExpression(e);
  }

  thisType(e: ts.Node): KtsType {
    if (!this.fn.owner) fail(e, "`this` is only meaningful inside a struct method");
    return { kind: "struct", info: this.fn.owner };
  }

  protected identifierType(e: ts.Identifier): KtsType {
    if (e.text === "undefined") fail(e, "'undefined' is not in KTS; use null for an empty reference or 0 for a number");
    const decl = this.model.declarationOf(e);
    if (!decl) fail(e, `unknown name '${e.text}'`);
    const local = this.fb.vars.get(decl);
    if (local) return local.type;
    const g = this.model.globals.get(decl as ts.VariableDeclaration);
    if (g) return g.type;
    const f = this.model.functions.get(decl);
    if (f) return { kind: "fn", sig: f.sig };
    if (ts.isEnumMember(decl)) return I32;
    if (isLibNode(decl)) fail(e, `'${e.text}' is a builtin; call it, it is not a value`);
    if (ts.isVariableDeclaration(decl) || ts.isParameter(decl)) fail(e, `'${e.text}' belongs to an enclosing function; KTS has no closures: pass it as an argument or keep it in a struct`);
    fail(e, `'${e.text}' is not a value KTS can use here`);
  }

  /** Both arms of `?:`, or anything that must meet in one type. */
  commonType(a: ts.Expression, b: ts.Expression, where: ts.Node): KtsType {
    const ta = this.typeOf(a), tb = this.typeOf(b);
    if (isInt(ta) && isInt(tb)) {
      if (ta.name === "bool" && tb.name === "bool") return BOOL;
      return this.arithType(a, b);
    }
    if (ta.kind === "null") return tb;
    if (tb.kind === "null") return ta;
    if (sameType(ta, tb)) return ta;
    fail(where, `the two values have different types (${typeName(ta)} and ${typeName(tb)}); convert one`);
  }

  /** The C "usual arithmetic conversions", where a literal takes the other side's type. */
  arithType(a: ts.Expression, b: ts.Expression): KtsType {
    const ta = this.typeOf(a), tb = this.typeOf(b);
    const la = this.isLiteral(a), lb = this.isLiteral(b);
    if (is64Type(ta) || is64Type(tb)) {
      if (la && !lb) return tb;
      if (lb && !la) return ta;
      return (isInt(ta) && ta.name === "u64") || (isInt(tb) && tb.name === "u64") ? int("u64") : int("i64");
    }
    const pa = promote(ta), pb = promote(tb);
    if (la && !lb) return pb;
    if (lb && !la) return pa;
    return (isInt(pa) && pa.name === "u32") || (isInt(pb) && pb.name === "u32") ? U32 : I32;
  }

  /** i32/i64 operands mixed with unsigned ones compare and divide differently in C and JS. */
  protected checkMixedSign(a: ts.Expression, b: ts.Expression, where: ts.Node, what: string): void {
    // Ambiguous when one side may be negative (a signed type) and the other is unsigned after
    // promotion (u32/u64): C converts the negative value to a huge unsigned one, JS does not.
    // u8/u16 promote to i32 but are never negative, so they mix freely.
    if (this.literalValue(a) !== undefined || this.literalValue(b) !== undefined) return;
    const ta = this.typeOf(a), tb = this.typeOf(b);
    if (!isInt(ta) || !isInt(tb)) return;
    const unsignedWide = (t: KtsType) => isInt(t) && (t.name === "u32" || t.name === "u64");
    if ((isSignedInt(ta) && unsignedWide(tb)) || (isSignedInt(tb) && unsignedWide(ta))) fail(where, `${what} a signed and an unsigned value (${typeName(this.typeOf(a))} and ${typeName(this.typeOf(b))}) is ambiguous; convert one side, e.g. u32(x) or i32(x)`);
  }

  fieldOf(e: ts.PropertyAccessExpression): { type: KtsType; offset: number; info: StructInfo } | { type: KtsType; offset: -1; info: undefined } {
    if (e.questionDotToken) fail(e, "optional chaining (?.) is not in KTS; test for null first");
    const lit = this.literalValue(e);
    if (lit !== undefined) return { type: I32, offset: -1, info: undefined };
    const objType = e.expression.kind === ts.SyntaxKind.ThisKeyword ? this.thisType(e.expression) : this.typeOf(e.expression);
    if (objType.kind !== "struct") fail(e, `'${e.name.text}' is read from ${aType(objType)}, which has no fields; only structs (classes) have fields in KTS`);
    const f = objType.info.fields.get(e.name.text);
    if (!f) {
      if (objType.info.methods.has(e.name.text)) fail(e, `'${e.name.text}' is a method; call it (method values are not in KTS, take a top-level function's address instead)`);
      fail(e.name, `struct ${objType.info.name} has no field '${e.name.text}'`);
    }
    return { type: f.type, offset: f.offset, info: objType.info };
  }

  protected elementType(e: ts.ElementAccessExpression): KtsType {
    if (e.questionDotToken) fail(e, "optional chaining (?.) is not in KTS; test for null first");
    const t = this.typeOf(e.expression);
    if (t.kind !== "array") fail(e, `indexing ${aType(t)} is not in KTS (no dynamic property access); index a FixedArray, or use load<T>(p + i * sizeof<T>())`);
    return t.elem;
  }

  protected callType(e: ts.CallExpression): KtsType {
    const target = this.callTarget(e);
    switch (target.kind) {
      case "builtin": return builtinType(this, e, target.name);
      case "direct": return target.info.sig.result;
      case "method": return target.info.sig.result;
      case "indirect": return target.sig.result;
    }
  }

  protected newType(e: ts.NewExpression): KtsType {
    const decl = this.model.declarationOf(e.expression);
    const info = decl && ts.isClassDeclaration(decl) ? this.model.structs.get(decl) : undefined;
    if (!info) fail(e, "`new` only makes struct storage in KTS (a class with typed fields); arrays are FixedArray<T, N> fields, globals or locals");
    if (e.arguments?.length) fail(e, "`new` takes no arguments in KTS: the struct starts zeroed; set its fields afterwards");
    return { kind: "struct", info };
  }

  callTarget(e: ts.CallExpression):
    | { kind: "builtin"; name: string }
    | { kind: "direct"; info: FunctionInfo }
    | { kind: "method"; info: FunctionInfo; self: ts.Expression }
    | { kind: "indirect"; sig: FnSig } {
    const callee = strip(e.expression);
    if (ts.isIdentifier(callee) || ts.isPropertyAccessExpression(callee)) {
      const decl = this.model.declarationOf(ts.isIdentifier(callee) ? callee : callee.name);
      if (decl && isLibNode(decl) && ts.isFunctionDeclaration(decl)) return { kind: "builtin", name: decl.name!.text };
      const info = decl ? this.model.functions.get(decl) : undefined;
      if (info && !info.owner) return { kind: "direct", info };
      if (info && info.owner && ts.isPropertyAccessExpression(callee)) return { kind: "method", info, self: callee.expression };
    }
    if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && ["console", "Math", "Object", "JSON", "Array", "Number", "String"].includes(callee.expression.text)) {
      fail(e, `${callee.expression.text}.${callee.name.text} is a JavaScript library call, not KTS; use the KTS runtime (puts, put_i32, ...) or write the function`);
    }
    const t = this.typeOf(callee);
    if (t.kind !== "fn") fail(e, `this is not a function (it is ${aType(t)})`);
    return { kind: "indirect", sig: t.sig };
  }
}
