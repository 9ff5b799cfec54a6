// Calls to the names lib.kts.d.ts declares: conversions, memory and layout operators,
// machine intrinsics, and the runtime (putc, puts, ...), which become externs.
import { ts } from "./ts-adapter.ts";
import { fail } from "./diagnostic.ts";
import { INTRINSICS, isIntrinsicName } from "../kbc/intrinsics.ts";
import { aType, valueType as valueTypeOfPlace, int, memAccess, stackType, storageOf, typeName, U32, type IntName, type KtsType } from "./ktypes.ts";
import type { ExprLowering } from "./lower-expr.ts";
import type { ExprTyping } from "./expr-typing.ts";
import type { KType } from "../kbc/types.ts";

const CONVERSIONS = new Set(["i8", "u8", "i16", "u16", "i32", "u32", "i64", "u64"]);

/** Runtime functions of the bare profile and their KBC signatures. */
export const RUNTIME_FUNCTIONS: Record<string, { params: KtsType[]; result: KtsType }> = {
  putc: { params: [int("u8")], result: { kind: "void" } },
  puts: { params: [{ kind: "string" }], result: { kind: "void" } },
  put_i32: { params: [int("i32")], result: { kind: "void" } },
  put_u32: { params: [int("u32")], result: { kind: "void" } },
  put_hex32: { params: [int("u32")], result: { kind: "void" } },
};

function kt(t: KType): KtsType {
  return int(t as IntName);
}

/** T from `f<T>(...)`, or from the pointer argument's Ptr<T>. */
function typeArgument(lw: ExprTyping, e: ts.CallExpression, ptrArg?: ts.Expression): KtsType {
  const arg = e.typeArguments?.[0];
  if (arg) return lw.model.resolveType(arg, e);
  if (ptrArg) {
    const t = lw.typeOf(ptrArg);
    if (t.kind === "ptr") return t.to;
  }
  fail(e, "write the type: e.g. load<u32>(address), sizeof<Proc>()");
}

export function builtinType(lw: ExprTyping, e: ts.CallExpression, name: string): KtsType {
  if (CONVERSIONS.has(name)) return int(name as IntName);
  switch (name) {
    case "load": case "volatile_load": return typeArgument(lw, e, e.arguments[0]);
    case "store": case "volatile_store": case "unreachable": return { kind: "void" };
    case "sizeof": case "offsetof": case "addr": return U32;
    case "addressof": return { kind: "ptr", to: lw.typeOf(e.arguments[0]!) };
    case "cast": return typeArgument(lw, e);
  }
  if (isIntrinsicName(name)) {
    const r = INTRINSICS[name].result;
    return r ? kt(r) : { kind: "void" };
  }
  const rt = RUNTIME_FUNCTIONS[name];
  if (rt) return rt.result;
  fail(e, `'${name}' is declared in lib.kts.d.ts but tsk does not know it`);
}

export function lowerBuiltin(lw: ExprLowering, e: ts.CallExpression, name: string): KtsType {
  const fb = lw.fb;
  const nargs = (n: number) => { if (e.arguments.length !== n) fail(e, `${name} takes ${n} argument(s)`); };
  if (CONVERSIONS.has(name)) {
    nargs(1);
    const to = int(name as IntName);
    const arg = e.arguments[0]!;
    const lit = lw.literalValue(arg);
    if (lit !== undefined) {
      const bits = name.endsWith("64") ? 64 : name.endsWith("32") ? 32 : name.endsWith("16") ? 16 : 8;
      const v = name.startsWith("i") ? BigInt.asIntN(bits, lit) : BigInt.asUintN(bits, lit);
      fb.emit({ op: "const", ty: stackType(to), value: v });
      return to;
    }
    const from = lw.expr(arg);
    lw.convertExplicit(from, to, e);
    return to;
  }
  switch (name) {
    case "load": case "volatile_load": {
      nargs(1);
      const t = typeArgument(lw, e, e.arguments[0]);
      checkStorable(t, e);
      lw.exprAs(e.arguments[0]!, U32);
      const a = memAccess(t);
      fb.emit({ op: "load", ty: a.ty, width: a.width, signed: a.signed, offset: 0, ...(name === "volatile_load" ? { volatile: true } : {}) });
      return t;
    }
    case "store": case "volatile_store": {
      nargs(2);
      const t = typeArgument(lw, e, e.arguments[0]);
      checkStorable(t, e);
      lw.exprAs(e.arguments[0]!, U32);
      lw.exprAs(e.arguments[1]!, t);
      const a = memAccess(t);
      fb.emit({ op: "store", ty: a.ty, width: a.width, offset: 0, ...(name === "volatile_store" ? { volatile: true } : {}) });
      return { kind: "void" };
    }
    case "unreachable": {
      nargs(0);
      const sf = e.getSourceFile();
      fb.emit({ op: "trap", reason: `unreachable() reached at ${sf.fileName}:${sf.getLineAndCharacterOfPosition(e.getStart(sf)).line + 1}` });
      return { kind: "void" };
    }
    case "sizeof": {
      nargs(0);
      const t = typeArgument(lw, e);
      fb.emit({ op: "const", ty: "u32", value: BigInt(t.kind === "struct" || t.kind === "inline" ? t.info.size : storageOf(t).size) });
      return U32;
    }
    case "offsetof": {
      nargs(1);
      const t = typeArgument(lw, e);
      const f = e.arguments[0]!;
      if (t.kind !== "struct") fail(e, "offsetof<T> needs a struct type");
      if (!ts.isStringLiteral(f)) fail(f, "offsetof takes the field name as a string literal");
      const field = t.info.fields.get(f.text);
      if (!field) fail(f, `struct ${t.info.name} has no field '${f.text}'`);
      fb.emit({ op: "const", ty: "u32", value: BigInt(field.offset) });
      return U32;
    }
    case "addressof": {
      nargs(1);
      const p = lw.place(e.arguments[0]!);
      if (p.kind === "local") fail(e.arguments[0]!, "a local variable has no address in KTS; make it a struct field, an array element or a global");
      p.emitAddr();
      if (p.offset) { fb.emit({ op: "const", ty: "u32", value: BigInt(p.offset) }); fb.emit({ op: "add", ty: "u32" }); }
      return { kind: "ptr", to: valueTypeOfPlace(p.type) };
    }
    case "addr": {
      nargs(1);
      const t = lw.expr(e.arguments[0]!);
      if (t.kind !== "struct" && t.kind !== "fn" && t.kind !== "string" && t.kind !== "array" && t.kind !== "ptr") fail(e, `addr() takes a struct reference, function, string or array, not ${aType(t)}`);
      return U32;
    }
    case "cast": {
      nargs(1);
      const t = typeArgument(lw, e);
      if (t.kind !== "struct" && t.kind !== "ptr" && t.kind !== "fn") fail(e, "cast<T> makes a struct reference, pointer or function pointer from an address");
      lw.exprAs(e.arguments[0]!, U32);
      return t;
    }
  }
  if (isIntrinsicName(name)) {
    const spec = INTRINSICS[name];
    nargs(spec.params.length);
    spec.params.forEach((p, i) => lw.exprAs(e.arguments[i]!, kt(p)));
    fb.emit({ op: "intrinsic", name });
    return spec.result ? kt(spec.result) : { kind: "void" };
  }
  const rt = RUNTIME_FUNCTIONS[name];
  if (rt) {
    nargs(rt.params.length);
    rt.params.forEach((p, i) => lw.exprAs(e.arguments[i]!, p));
    lw.mod.useExtern(name, { params: rt.params.map(stackType), result: null });
    fb.emit({ op: "call", name });
    return rt.result;
  }
  fail(e, `'${name}' is declared in lib.kts.d.ts but tsk does not know it`);
}

function checkStorable(t: KtsType, where: ts.Node): void {
  if (t.kind === "array" || t.kind === "inline" || t.kind === "void" || t.kind === "null") fail(where, `${aType(t)} cannot be loaded or stored as one value`);
}
