// Expressions lowered to KBC, on top of tsk's typing (expr-typing.ts): places and
// assignments, operators, short-circuit branches, conditionals, calls. Builtin calls are in
// lower-builtins.ts, statements in lower-stmt.ts.
import { ts } from "./ts-adapter.ts";
import { fail } from "./diagnostic.ts";
import type { LocalVar } from "./function-builder.ts";
import {
  aType, BOOL, I32, U32, intBits, intRange, is64Type, isAddressLike, isInt, isSignedInt, memAccess, promote, sameType,
  stackType, storageOf, typeName, valueType, isAddressedInPlace, type FnSig, type KtsType, type StructInfo,
} from "./ktypes.ts";
import type { CompareOp, KType } from "../kbc/types.ts";
import { lowerBuiltin } from "./lower-builtins.ts";
import { ExprTyping } from "./expr-typing.ts";
import { ARITH, COMPARE, COMPOUND, INVERSE } from "./operators.ts";
import { strip } from "./strip.ts";
import { rejectExpression } from "./reject.ts";

/** An assignable location. */
export type Place =
  | { kind: "local"; index: number; type: KtsType }
  /** `emitAddr` pushes a base address; the location is base + offset. */
  | { kind: "mem"; type: KtsType; emitAddr: () => void; offset: number; inPlace?: boolean };

export { strip } from "./strip.ts";

export class ExprLowering extends ExprTyping {
  emitConst(type: KtsType, value: bigint, where: ts.Node): void {
    if (isInt(type)) {
      const [lo, hi] = intBits(type.name) >= 32 ? [-(1n << BigInt(intBits(type.name) - 1)), (1n << BigInt(intBits(type.name))) - 1n] : intRange(type.name);
      if (value < lo || value > hi) fail(where, `${value} does not fit in ${type.name}; write a value in ${intRange(type.name).join("..")} or convert explicitly, e.g. ${type.name}(x)`);
    } else if (!(type.kind === "ptr" || type.kind === "null") || value < 0n || value >= 1n << 32n) {
      fail(where, `a number is not ${aType(type)}; use cast<T>(address) for struct references`);
    }
    this.fb.emit({ op: "const", ty: stackType(type), value });
  }

  /** Emit `e` converted to `target` (the conversions KTS allows without a call). */
  exprAs(e: ts.Expression, target: KtsType): void {
    if (ts.isConditionalExpression(strip(e)) && target.kind !== "void") {
      this.conditional(strip(e) as ts.ConditionalExpression, target);
      return;
    }
    const lit = this.literalValue(e);
    if (lit !== undefined && (isInt(target) || target.kind === "ptr") && !(isInt(target) && target.name === "bool")) {
      const t = this.typeOf(e);
      if (is64Type(t) !== is64Type(target)) fail(e, `a value of type ${typeName(t)} where ${typeName(target)} is expected; convert with ${typeName(target)}(x)`);
      this.emitConst(target, lit, e);
      return;
    }
    const from = this.expr(e);
    this.convertImplicit(from, target, e);
  }

  convertImplicit(from: KtsType, to: KtsType, where: ts.Node): void {
    const bad: (hint: string) => never = (hint) => fail(where, `a value of type ${typeName(from)} where ${typeName(to)} is expected; ${hint}`);
    if (isInt(to)) {
      if (!isInt(from)) {
        if (isAddressLike(from) && (to.name === "u32" || to.name === "i32") && from.kind !== "null") return; // addresses are numbers to the checker too
        bad(`convert with ${to.name}(addr(x))`);
      }
      if (is64Type(from) !== is64Type(to)) bad(`convert with ${to.name}(x)`);
      if (to.name === "bool") { if (from.name !== "bool") bad("write a comparison, e.g. x != 0"); return; }
      if (intBits(to.name) >= 32) return; // i32 <-> u32 and widening need no code
      const [fl, fh] = intRange(from.name), [tl, th] = intRange(to.name);
      if (fl < tl || fh > th) bad(`narrowing is explicit in KTS: write ${to.name}(x)`);
      return;
    }
    if (to.kind === "ptr") {
      if (from.kind === "ptr" || from.kind === "null" || (isInt(from) && (from.name === "u32" || from.name === "i32")) || from.kind === "array" || from.kind === "string") return;
      bad("pointers come from numbers (u32), other pointers, addressof(x) or arrays");
    }
    if (from.kind === "null" && (to.kind === "struct" || to.kind === "fn" || to.kind === "string")) return;
    if (sameType(from, to)) return;
    bad(to.kind === "struct" ? "struct references only convert with cast<T>(address)" : "convert it explicitly");
  }

  /** Explicit conversion (`u8(x)`, `i64(x)`): wrap, narrow or extend. */
  convertExplicit(from: KtsType, to: KtsType, where: ts.Node): void {
    if (!isInt(to)) fail(where, "explicit conversions produce integers");
    if (!isInt(from) && !isAddressLike(from)) fail(where, `${aType(from)} cannot be converted to ${to.name}`);
    const from64 = is64Type(from), to64 = is64Type(to);
    if (from64 && !to64) this.fb.emit({ op: "wrap" });
    if (!from64 && to64) this.fb.emit({ op: "extend", signed: isSignedInt(from) });
    if (!to64 && intBits(to.name) < 32) {
      const needed = from64 || !isInt(from) || intBits(from.name) >= 32 || intRange(from.name)[0] < intRange(to.name)[0] || intRange(from.name)[1] > intRange(to.name)[1];
      if (needed) this.fb.emit({ op: "narrow", bits: intBits(to.name) as 8 | 16, signed: isSignedInt(to) });
    }
  }

  /** Emit `e`, pushing its value (nothing for a void call); returns its type. */
  expr(e: ts.Expression, want?: KtsType): KtsType {
    const s = strip(e);
    const lit = this.literalValue(s);
    if (lit !== undefined) {
      const t = want && (isInt(want) && want.name !== "bool") && is64Type(want) === is64Type(this.typeOf(s)) ? want : this.typeOf(s);
      this.emitConst(t, lit, s);
      return t;
    }
    e = s;
    if (e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword) {
      this.fb.emit({ op: "const", ty: "i32", value: e.kind === ts.SyntaxKind.TrueKeyword ? 1n : 0n });
      return BOOL;
    }
    if (e.kind === ts.SyntaxKind.NullKeyword) { this.fb.emit({ op: "const", ty: "u32", value: 0n }); return { kind: "null" }; }
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) {
      this.fb.emit({ op: "global.addr", name: this.mod.stringGlobal(e.text), offset: 0 });
      return { kind: "string" };
    }
    if (e.kind === ts.SyntaxKind.ThisKeyword) { const t = this.thisType(e); this.fb.emit({ op: "local.get", index: 0 }); return t; }
    if (ts.isIdentifier(e)) return this.identifier(e);
    if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) return this.readPlace(this.place(e));
    if (ts.isCallExpression(e)) return this.call(e);
    if (ts.isNewExpression(e)) return this.newStruct(e);
    if (ts.isPrefixUnaryExpression(e)) return this.prefix(e);
    if (ts.isPostfixUnaryExpression(e)) return this.update(e, true);
    if (ts.isConditionalExpression(e)) return this.conditional(e);
    if (ts.isBinaryExpression(e)) return this.binary(e);
    return rejectExpression(e);
  }

  private identifier(e: ts.Identifier): KtsType {
    const decl = this.model.declarationOf(e)!;
    const f = decl ? this.model.functions.get(decl) : undefined;
    if (f) {
      if (f.owner) fail(e, "methods have no address; take a top-level function's address instead");
      if (f.external) this.mod.useExtern(f.symbol, kbcSig(f.sig));
      this.fb.emit({ op: "func.addr", name: f.symbol });
      return { kind: "fn", sig: f.sig };
    }
    return this.readPlace(this.place(e));
  }

  /** The location an lvalue expression names. */
  place(e: ts.Expression): Place {
    e = strip(e);
    if (ts.isIdentifier(e)) {
      const decl = this.model.declarationOf(e);
      if (!decl) fail(e, `unknown name '${e.text}'`);
      const local: LocalVar | undefined = this.fb.vars.get(decl);
      if (local?.kind === "local") return { kind: "local", index: local.index, type: local.type };
      if (local?.kind === "slot") return { kind: "mem", type: local.type, emitAddr: () => this.fb.emit({ op: "slot.addr", slot: local.slot, offset: 0 }), offset: 0 };
      const g = this.model.globals.get(decl as ts.VariableDeclaration);
      if (g) {
        const op = g.percpu ? "percpu.addr" as const : "global.addr" as const;
        return { kind: "mem", type: g.type, emitAddr: () => this.fb.emit({ op, name: g.symbol, offset: 0 }), offset: 0, inPlace: g.inPlace };
      }
      this.identifierType(e); // reports the precise reason
      fail(e, `'${e.text}' cannot be assigned`);
    }
    if (ts.isPropertyAccessExpression(e)) {
      const f = this.fieldOf(e);
      if (!f.info) fail(e, "an enum member is a constant, not a place");
      const obj = e.expression;
      return { kind: "mem", type: f.type, emitAddr: () => this.expr(obj), offset: f.offset };
    }
    if (ts.isElementAccessExpression(e)) {
      const elem = this.elementType(e);
      const size = storageOf(elem).size;
      const lit = this.literalValue(e.argumentExpression);
      if (lit !== undefined) {
        return { kind: "mem", type: elem, emitAddr: () => this.expr(e.expression), offset: Number(lit) * size };
      }
      return {
        kind: "mem", type: elem, offset: 0,
        emitAddr: () => {
          this.expr(e.expression);
          const it = this.typeOf(e.argumentExpression);
          if (!isInt(it) || is64Type(it) || it.name === "bool") fail(e.argumentExpression, "an array index is a 32-bit integer");
          this.exprAs(e.argumentExpression, U32);
          if (size !== 1) { this.fb.emit({ op: "const", ty: "u32", value: BigInt(size) }); this.fb.emit({ op: "mul", ty: "u32" }); }
          this.fb.emit({ op: "add", ty: "u32" });
        },
      };
    }
    fail(e, "this expression is not something you can assign to; assign a variable, a struct field or an array element");
  }

  readPlace(p: Place): KtsType {
    if (p.kind === "local") { this.fb.emit({ op: "local.get", index: p.index }); return p.type; }
    p.emitAddr();
    if (isAddressedInPlace(p.type) || p.inPlace) {
      if (p.offset) { this.fb.emit({ op: "const", ty: "u32", value: BigInt(p.offset) }); this.fb.emit({ op: "add", ty: "u32" }); }
      return valueType(p.type);
    }
    const a = memAccess(p.type);
    this.fb.emit({ op: "load", ty: a.ty, width: a.width, signed: a.signed, offset: p.offset });
    return p.type;
  }

  private checkAssignable(p: Place, where: ts.Node): void {
    if (p.type.kind === "array") fail(where, "arrays are not assigned as a whole in KTS; assign the elements");
    if (p.type.kind === "inline") fail(where, "this struct is stored in place (Inline<>); assign its fields one by one");
    if (p.kind === "mem" && p.inPlace) fail(where, "this global is struct storage (made by `new`), not a reference; assign its fields, or declare `let g: S | null = null` for a reference");
  }

  /** `a = b`, `a op= b`, `++a`, `a--`: `mode` says which value (if any) stays on the stack. */
  assign(target: ts.Expression, compute: (old: () => KtsType) => void, mode: "none" | "new" | "old", where: ts.Node, readsOld = true): KtsType {
    const p = this.place(target);
    this.checkAssignable(p, where);
    const ty = stackType(p.type);
    if (p.kind === "local") {
      if (mode === "old") this.fb.emit({ op: "local.get", index: p.index });
      compute(() => { this.fb.emit({ op: "local.get", index: p.index }); return p.type; });
      this.fb.emit({ op: "local.set", index: p.index });
      if (mode === "new") this.fb.emit({ op: "local.get", index: p.index });
      return p.type;
    }
    const a = memAccess(p.type);
    if (!readsOld && mode !== "old") {
      // Plain `x = v`: the address is computed once and used once, no temp needed.
      p.emitAddr();
      compute(() => fail(where, "internal: plain assignment read the old value"));
      let keep = -1;
      if (mode === "new") {
        keep = this.fb.temp(ty);
        this.fb.emit({ op: "local.set", index: keep });
        this.fb.emit({ op: "local.get", index: keep });
      }
      this.fb.emit({ op: "store", ty: a.ty, width: a.width, offset: p.offset });
      if (keep >= 0) { this.fb.emit({ op: "local.get", index: keep }); this.fb.freeTemp(ty, keep); }
      return p.type;
    }
    const addr = this.fb.temp("u32");
    p.emitAddr();
    this.fb.emit({ op: "local.set", index: addr });
    let keep = -1;
    if (mode === "old") {
      keep = this.fb.temp(ty);
      this.fb.emit({ op: "local.get", index: addr });
      this.fb.emit({ op: "load", ty: a.ty, width: a.width, signed: a.signed, offset: p.offset });
      this.fb.emit({ op: "local.set", index: keep });
    }
    this.fb.emit({ op: "local.get", index: addr });
    compute(() => {
      this.fb.emit({ op: "local.get", index: addr });
      this.fb.emit({ op: "load", ty: a.ty, width: a.width, signed: a.signed, offset: p.offset });
      return p.type;
    });
    if (mode === "new") {
      keep = this.fb.temp(ty);
      this.fb.emit({ op: "local.set", index: keep });
      this.fb.emit({ op: "local.get", index: keep });
    }
    this.fb.emit({ op: "store", ty: a.ty, width: a.width, offset: p.offset });
    if (keep >= 0) { this.fb.emit({ op: "local.get", index: keep }); this.fb.freeTemp(ty, keep); }
    this.fb.freeTemp("u32", addr);
    return p.type;
  }

  /** After a compound operation in the promoted type, bring the value back to the place's type (C truncation). */
  private narrowTo(t: KtsType): void {
    if (isInt(t) && intBits(t.name) < 32 && t.name !== "bool") this.fb.emit({ op: "narrow", bits: intBits(t.name) as 8 | 16, signed: isSignedInt(t) });
  }

  assignment(e: ts.BinaryExpression, mode: "none" | "new"): KtsType {
    const k = e.operatorToken.kind;
    if (k === ts.SyntaxKind.EqualsToken) {
      if (ts.isArrayLiteralExpression(e.left) || ts.isObjectLiteralExpression(e.left)) fail(e.left, "destructuring assignment is not in KTS; assign each variable");
      const t = this.typeOf(e.left);
      return this.assign(e.left, () => this.exprAs(e.right, t), mode, e, false);
    }
    const opKind = COMPOUND[k]!;
    const t = this.typeOf(e.left);
    return this.assign(e.left, (old) => {
      const opType = opKind === ts.SyntaxKind.GreaterThanGreaterThanGreaterThanToken ? U32 : is64Type(t) ? t : promote(t);
      if (t.kind === "int" && t.name === "bool") fail(e, "compound assignment on a bool is not in KTS; write x = x && y or a comparison");
      if (!isInt(t) && t.kind !== "ptr") fail(e, `compound assignment on ${aType(t)} is not in KTS`);
      if (opKind === ts.SyntaxKind.SlashToken || opKind === ts.SyntaxKind.PercentToken) this.checkMixedSign(e.left, e.right, e, "dividing");
      old();
      this.arithOperand(e.right, opType, opKind, opKind === ts.SyntaxKind.SlashToken || opKind === ts.SyntaxKind.PercentToken);
      this.fb.emit({ op: ARITH[opKind]!, ty: stackType(opType) });
      this.narrowTo(t);
    }, mode, e);
  }

  /** The right operand of an arithmetic op whose type is `opType` (shift counts keep their own width). */
  private arithOperand(e: ts.Expression, opType: KtsType, op: ts.SyntaxKind, exact = false): void {
    const isShift = op === ts.SyntaxKind.LessThanLessThanToken || op === ts.SyntaxKind.GreaterThanGreaterThanToken || op === ts.SyntaxKind.GreaterThanGreaterThanGreaterThanToken;
    if (isShift && !is64Type(opType)) {
      const t = this.typeOf(e);
      if (!isInt(t) || is64Type(t)) fail(e, "a shift count is a 32-bit integer");
      if (this.literalValue(e) !== undefined) this.emitConst(opType, this.literalValue(e)!, e);
      else this.expr(e);
      return;
    }
    this.operand(e, opType, exact);
  }

  /** An operand already known to promote to `t`: literals take `t`, narrow values need no code. */
  /**
   * `exact`: the operation depends on the value, not only on its bits mod 2^32 (compares,
   * division, right shifts), so a literal must lie in `t`'s own range: `x < 0xffffffff` with
   * an i32 x would otherwise silently mean `x < -1`.
   */
  private operand(e: ts.Expression, t: KtsType, exact = false): void {
    const lit = this.literalValue(e);
    if (lit !== undefined) {
      if (exact && isInt(t)) {
        const [lo, hi] = intRange(t.name);
        if (lit < lo || lit > hi) fail(e, `${lit} is outside the range of ${t.name}, the type this operation is done in (${lo}..${hi}); convert the other operand (e.g. u32(x), i64(x)) or write the value in range`);
      }
      this.emitConst(t, lit, e);
      return;
    }
    const from = this.expr(e);
    if (from.kind === "void") fail(e, "this call returns nothing; it has no value");
    if (is64Type(from) !== is64Type(t)) fail(e, `${aType(from)} operand where ${typeName(t)} is needed; convert with ${typeName(t)}(x)`);
  }

  private binary(e: ts.BinaryExpression): KtsType {
    const k = e.operatorToken.kind;
    if (k === ts.SyntaxKind.EqualsToken || COMPOUND[k] !== undefined) return this.assignment(e, "new");
    if (k === ts.SyntaxKind.AmpersandAmpersandToken || k === ts.SyntaxKind.BarBarToken) {
      // As a value, JavaScript's a && b is one of the operands, not a bool; they agree only for bools.
      for (const side of [e.left, e.right]) {
        const st = this.typeOf(side);
        if (!(isInt(st) && st.name === "bool")) fail(side, `${ts.tokenToString(k)} as a value needs bool operands (in JavaScript it yields an operand, not true/false); compare first, e.g. x != 0`);
      }
      const restore = this.fb.spillStack();
      const t = this.fb.temp("i32");
      const end = this.fb.newLabel();
      const isAnd = k === ts.SyntaxKind.AmpersandAmpersandToken;
      this.fb.emit({ op: "const", ty: "i32", value: isAnd ? 0n : 1n });
      this.fb.emit({ op: "local.set", index: t });
      this.branch(e, !isAnd, end);
      this.fb.emit({ op: "const", ty: "i32", value: isAnd ? 1n : 0n });
      this.fb.emit({ op: "local.set", index: t });
      this.fb.placeLabel(end);
      this.fb.restoreWith(restore, t);
      this.fb.freeTemp("i32", t);
      return BOOL;
    }
    const cmp = COMPARE[k];
    if (cmp) { this.compare(e, cmp); return BOOL; }
    const op = ARITH[k];
    if (!op) return rejectExpression(e);
    const ta = this.typeOf(e.left), tb = this.typeOf(e.right);
    for (const [t, side] of [[ta, e.left], [tb, e.right]] as const) {
      if (!isInt(t) && t.kind !== "ptr") fail(side, `arithmetic on ${aType(t)} is not in KTS${t.kind === "string" ? "; strings are C strings, print them with puts" : ""}`);
    }
    if (op === "div" || op === "rem") this.checkMixedSign(e.left, e.right, e, "dividing");
    if (op === "shr" && k !== ts.SyntaxKind.GreaterThanGreaterThanGreaterThanToken) { /* arithmetic or logical by the left type */ }
    const t = k === ts.SyntaxKind.GreaterThanGreaterThanGreaterThanToken ? (is64Type(ta) ? fail(e, "`>>>` is not defined on bigint; use >> on a u64") : U32)
      : op === "shl" || op === "shr" ? (is64Type(ta) ? ta : promote(ta)) : this.arithType(e.left, e.right);
    const exact = op === "div" || op === "rem" || op === "shr";
    this.operand(e.left, t, exact);
    this.arithOperand(e.right, t, k, exact);
    this.fb.emit({ op, ty: stackType(t) });
    return t;
  }

  /** Push the two operands of a comparison; returns the KBC type to compare in. */
  private compareOperands(e: ts.BinaryExpression): KType {
    const ta = this.typeOf(e.left), tb = this.typeOf(e.right);
    if (isInt(ta) && isInt(tb)) {
      if ((ta.name === "bool") !== (tb.name === "bool")) fail(e, "comparing a bool with a number; compare numbers, or two bools");
      this.checkMixedSign(e.left, e.right, e, "comparing");
      const t = ta.name === "bool" ? I32 : this.arithType(e.left, e.right);
      this.operand(e.left, t, true);
      this.operand(e.right, t, true);
      return stackType(t);
    }
    if ((isAddressLike(ta) || isInt(ta)) && (isAddressLike(tb) || isInt(tb)) && !is64Type(ta) && !is64Type(tb)) {
      if (ta.kind === "string" || tb.kind === "string") {
        if (ta.kind !== "null" && tb.kind !== "null") fail(e, "comparing strings compares their addresses in KTS; write a strcmp-style function, or compare with null");
      }
      // Addresses, null and 32-bit integers all compare as u32 words.
      for (const side of [e.left, e.right]) {
        if (this.literalValue(side) !== undefined) this.emitConst(U32, this.literalValue(side)!, side);
        else this.expr(side);
      }
      return "u32";
    }
    fail(e, `cannot compare ${aType(ta)} with ${aType(tb)}`);
  }

  private compare(e: ts.BinaryExpression, op: CompareOp): void {
    const ty = this.compareOperands(e);
    this.fb.emit({ op, ty });
  }

  /** Jump to `label` when `e` is `when`; fall through otherwise. Short-circuits && || !. */
  branch(e: ts.Expression, when: boolean, label: number): void {
    e = strip(e);
    if (e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword) {
      if ((e.kind === ts.SyntaxKind.TrueKeyword) === when) this.fb.emit({ op: "br", target: label });
      return;
    }
    if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) return this.branch(e.operand, !when, label);
    if (ts.isBinaryExpression(e)) {
      const k = e.operatorToken.kind;
      if (k === ts.SyntaxKind.AmpersandAmpersandToken || k === ts.SyntaxKind.BarBarToken) {
        const isAnd = k === ts.SyntaxKind.AmpersandAmpersandToken;
        if (isAnd !== when) { // (a && b) false, or (a || b) true: either side decides
          this.branch(e.left, when, label);
          this.branch(e.right, when, label);
        } else {
          const skip = this.fb.newLabel();
          this.branch(e.left, !when, skip);
          this.branch(e.right, when, label);
          this.fb.placeLabel(skip);
        }
        return;
      }
      const cmp = COMPARE[k];
      if (cmp) {
        const ty = this.compareOperands(e);
        this.fb.emit({ op: when ? cmp : INVERSE[cmp], ty });
        this.fb.emit({ op: "br_if", target: label });
        return;
      }
    }
    const t = this.expr(e);
    if (t.kind === "void") fail(e, "this call returns nothing; it cannot be a condition");
    if (t.kind === "array") fail(e, "an array is never null; this condition is always true");
    const ty = stackType(t);
    if (is64Type(t)) {
      this.fb.emit({ op: "const", ty, value: 0n });
      this.fb.emit({ op: when ? "ne" : "eq", ty });
    } else if (!when) {
      this.fb.emit({ op: "eqz", ty });
    }
    this.fb.emit({ op: "br_if", target: label });
  }

  private prefix(e: ts.PrefixUnaryExpression): KtsType {
    switch (e.operator) {
      case ts.SyntaxKind.PlusPlusToken: case ts.SyntaxKind.MinusMinusToken: return this.update(e, false);
      case ts.SyntaxKind.ExclamationToken: {
        const restore = this.fb.spillStack();
        const end = this.fb.newLabel();
        const t = this.fb.temp("i32");
        this.fb.emit({ op: "const", ty: "i32", value: 0n });
        this.fb.emit({ op: "local.set", index: t });
        this.branch(e.operand, true, end);
        this.fb.emit({ op: "const", ty: "i32", value: 1n });
        this.fb.emit({ op: "local.set", index: t });
        this.fb.placeLabel(end);
        this.fb.restoreWith(restore, t);
        this.fb.freeTemp("i32", t);
        return BOOL;
      }
      case ts.SyntaxKind.MinusToken: case ts.SyntaxKind.TildeToken: case ts.SyntaxKind.PlusToken: {
        const ot = this.typeOf(e.operand);
        if (!isInt(ot) || ot.name === "bool") fail(e, `unary ${ts.tokenToString(e.operator)} needs a number`);
        if (e.operator === ts.SyntaxKind.PlusToken) fail(e, "unary + is not in KTS; it converts to a JavaScript number. Write the value, or a conversion like i32(x)");
        const t = promote(ot);
        const ty = stackType(t);
        if (e.operator === ts.SyntaxKind.MinusToken) {
          this.fb.emit({ op: "const", ty, value: 0n });
          this.operand(e.operand, t);
          this.fb.emit({ op: "sub", ty });
        } else {
          this.operand(e.operand, t);
          this.fb.emit({ op: "const", ty, value: -1n });
          this.fb.emit({ op: "xor", ty });
        }
        return t;
      }
    }
    return rejectExpression(e);
  }

  /** ++ and --, prefix (value after) or postfix (value before). */
  update(e: ts.PrefixUnaryExpression | ts.PostfixUnaryExpression, postfix: boolean, mode?: "none"): KtsType {
    const t = this.typeOf(e.operand);
    if (!(isInt(t) && t.name !== "bool") && t.kind !== "ptr") fail(e, `++ and -- need a number, not ${aType(t)}`);
    const inc = e.operator === ts.SyntaxKind.PlusPlusToken;
    const opType = is64Type(t) ? t : promote(t);
    return this.assign(e.operand, (old) => {
      old();
      this.fb.emit({ op: "const", ty: stackType(opType), value: 1n });
      this.fb.emit({ op: inc ? "add" : "sub", ty: stackType(opType) });
      this.narrowTo(t);
    }, mode ?? (postfix ? "old" : "new"), e);
  }

  /** `c ? x : y` through a temp; `target` (when the context knows it) types both arms. */
  private conditional(e: ts.ConditionalExpression, target?: KtsType): KtsType {
    const t = target ?? this.commonType(e.whenTrue, e.whenFalse, e);
    const ty = stackType(t);
    const restore = this.fb.spillStack();
    const tmp = this.fb.temp(ty);
    const otherwise = this.fb.newLabel(), end = this.fb.newLabel();
    this.branch(e.condition, false, otherwise);
    this.exprAs(e.whenTrue, t);
    this.fb.emit({ op: "local.set", index: tmp });
    this.fb.emit({ op: "br", target: end });
    this.fb.placeLabel(otherwise);
    this.exprAs(e.whenFalse, t);
    this.fb.emit({ op: "local.set", index: tmp });
    this.fb.placeLabel(end);
    this.fb.restoreWith(restore, tmp);
    this.fb.freeTemp(ty, tmp);
    return t;
  }

  /** Push the arguments of a call, converted to the parameter types. */
  private args(e: ts.CallExpression, params: KtsType[]): void {
    if (e.arguments.length !== params.length) fail(e, `expected ${params.length} argument(s), got ${e.arguments.length}`);
    e.arguments.forEach((a, i) => {
      if (ts.isSpreadElement(a)) fail(a, "spread arguments are not in KTS; pass each argument");
      this.exprAs(a, params[i]!);
    });
  }

  call(e: ts.CallExpression): KtsType {
    if (e.questionDotToken) fail(e, "optional calls (?.) are not in KTS; test for null first");
    const target = this.callTarget(e);
    switch (target.kind) {
      case "builtin": return lowerBuiltin(this, e, target.name);
      case "direct": {
        this.args(e, target.info.sig.params);
        if (target.info.external) this.mod.useExtern(target.info.symbol, kbcSig(target.info.sig));
        this.fb.emit({ op: "call", name: target.info.symbol });
        return target.info.sig.result;
      }
      case "method": {
        const self = this.expr(target.self);
        if (self.kind !== "struct") fail(target.self, "methods are called on struct references");
        this.args(e, target.info.sig.params);
        this.fb.emit({ op: "call", name: target.info.symbol });
        return target.info.sig.result;
      }
      case "indirect": {
        this.args(e, target.sig.params);
        this.expr(strip(e.expression));
        this.fb.emit({ op: "call_indirect", sig: kbcSig(target.sig) });
        return target.sig.result;
      }
    }
  }

  /** `new S()` in a function: a zeroed frame slot for this site; the value is its address. */
  newStruct(e: ts.NewExpression): KtsType {
    const t = this.newType(e);
    const info = (t as { kind: "struct"; info: StructInfo }).info;
    const slot = this.fb.addSlot(Math.max(info.size, 1), info.align, `new ${info.name}`);
    this.zeroSlot(slot, info.size, e);
    this.fb.emit({ op: "slot.addr", slot, offset: 0 });
    return t;
  }

  /** Zero a frame slot: stores for small ones, the runtime's memset(dst, 0, n) for large ones. */
  zeroSlot(slot: number, size: number, where: ts.Node): void {
    if (size > 64) {
      // The program may itself declare or define memset; it must be the C one to be used here.
      const own = [...this.model.functions.values()].find((f) => f.symbol === "memset");
      const sig = own ? kbcSig(own.sig) : this.mod.externs.get("memset")?.sig;
      if (sig && (sig.params.length !== 3 || sig.params.some((p) => p === "i64" || p === "u64"))) {
        fail(where, "zeroing this struct or array calls memset(dst, value, n), but the program's own `memset` has another signature; rename it");
      }
      if (!own) this.mod.useExtern("memset", sig ?? { params: ["u32", "u32", "u32"], result: "u32" });
      this.fb.emit({ op: "slot.addr", slot, offset: 0 });
      this.fb.emit({ op: "const", ty: "u32", value: 0n });
      this.fb.emit({ op: "const", ty: "u32", value: BigInt(size) });
      this.fb.emit({ op: "call", name: "memset" });
      const result = sig ? sig.result : "u32";
      if (result) this.fb.emit({ op: "drop", ty: result });
      return;
    }
    for (let off = 0; off < size;) {
      const w = size - off >= 4 ? 4 : size - off >= 2 ? 2 : 1;
      this.fb.emit({ op: "slot.addr", slot, offset: 0 });
      this.fb.emit({ op: "const", ty: "u32", value: 0n });
      this.fb.emit({ op: "store", ty: "u32", width: w, offset: off });
      off += w;
    }
  }

  /** Evaluate for effect only (statement context). */
  discard(e: ts.Expression): void {
    e = strip(e);
    if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.EqualsToken || COMPOUND[e.operatorToken.kind] !== undefined)) {
      this.assignment(e, "none");
      return;
    }
    if ((ts.isPrefixUnaryExpression(e) || ts.isPostfixUnaryExpression(e)) && (e.operator === ts.SyntaxKind.PlusPlusToken || e.operator === ts.SyntaxKind.MinusMinusToken)) {
      this.update(e, false, "none");
      return;
    }
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.CommaToken) {
      fail(e.operatorToken, "the comma operator is not in KTS; write two statements");
    }
    const t = this.expr(e);
    if (t.kind !== "void") this.fb.emit({ op: "drop", ty: stackType(t) });
  }
}

export function kbcSig(sig: FnSig): { params: KType[]; result: KType | null } {
  return { params: sig.params.map(stackType), result: sig.result.kind === "void" ? null : stackType(sig.result) };
}
