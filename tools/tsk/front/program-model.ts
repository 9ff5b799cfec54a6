// What a KTS program declares, collected before any code is lowered: structs and their
// layouts, globals, functions and methods, enum constants. Also the mapping from type
// annotations (type nodes) to KTS types: tsk reads the types the programmer wrote, and uses
// the checker only to resolve names.
import { ts, LIB_FILE_NAME, jsDocTagNames, type KtsProgram } from "./ts-adapter.ts";
import { fail } from "./diagnostic.ts";
import { I32, int, storageOf, type FnSig, type IntName, type KtsType, type StructInfo } from "./ktypes.ts";
import type { FunctionAttrs } from "../kbc/types.ts";
import { foldConstant, storeConstant } from "./const-fold.ts";
import { assignSymbols } from "./symbol-names.ts";

export interface GlobalVar {
  symbol: string;
  decl: ts.VariableDeclaration;
  type: KtsType;
  /** Struct instances and arrays are stored in place: the global's value is its address. */
  inPlace: boolean;
  /** A `const` scalar with a constant initializer is folded into its uses. */
  constValue?: bigint;
  percpu: boolean;
  readonly: boolean;
  exported: boolean;
  /** `declare let/const`: defined by another object (a .S file, the linker script). */
  external: boolean;
}

export interface FunctionInfo {
  symbol: string;
  decl: ts.FunctionDeclaration | ts.MethodDeclaration;
  sig: FnSig;
  /** For methods: the struct `this` points to (the first KBC parameter). */
  owner?: StructInfo;
  attrs: FunctionAttrs;
  exported: boolean;
  /** Declared without a body: defined by another object (a .S file, another module). */
  external: boolean;
}

const SCALAR_NAMES: Record<string, IntName> = {
  i8: "i8", u8: "u8", i16: "i16", u16: "u16", i32: "i32", u32: "u32", usize: "u32", i64: "i64", u64: "u64", bool: "bool",
};

export function isLibNode(node: ts.Node): boolean {
  return node.getSourceFile().fileName.endsWith(LIB_FILE_NAME);
}

export class ProgramModel {
  readonly structs = new Map<ts.ClassDeclaration, StructInfo>();
  readonly globals = new Map<ts.VariableDeclaration, GlobalVar>();
  readonly functions = new Map<ts.Node, FunctionInfo>();
  readonly enumMembers = new Map<ts.EnumMember, bigint>();
  private symbols = new Map<ts.Node, string>();
  private readonly aliasesInProgress = new Set<ts.Node>();
  private readonly layoutState = new Map<ts.ClassDeclaration, "busy" | "done">();

  /** `files`: the source files making up this program (a root and what it imports). */
  constructor(readonly program: KtsProgram, readonly files: readonly ts.SourceFile[] = program.sources) {}

  get checker(): ts.TypeChecker {
    return this.program.checker;
  }

  /** The declaration a name refers to, through imports. */
  declarationOf(node: ts.Node): ts.Declaration | undefined {
    let sym = this.checker.getSymbolAtLocation(node);
    if (sym && sym.flags & ts.SymbolFlags.Alias) sym = this.checker.getAliasedSymbol(sym);
    return sym?.valueDeclaration ?? sym?.declarations?.[0];
  }

  /** The symbol of a top-level function, method or global (symbol-names.ts). */
  symbolOf(name: string, node: ts.Node): string {
    return this.symbols.get(node) ?? name;
  }

  // ---- types written in the source
  resolveType(node: ts.TypeNode | undefined, what: ts.Node): KtsType {
    if (!node) fail(what, "this declaration needs a type annotation (KTS types are written, e.g. `: i32`)");
    switch (node.kind) {
      case ts.SyntaxKind.BooleanKeyword: return int("bool");
      case ts.SyntaxKind.StringKeyword: return { kind: "string" };
      case ts.SyntaxKind.VoidKeyword: return { kind: "void" };
      case ts.SyntaxKind.NumberKeyword: fail(node, "'number' has no width in KTS; write i32, u32, u8, i8, u16, i16 or usize");
      case ts.SyntaxKind.BigIntKeyword: fail(node, "'bigint' has no width in KTS; write i64 or u64");
      case ts.SyntaxKind.AnyKeyword: fail(node, "'any' is not part of KTS; write the value's type (i32, a struct, Ptr<T>, ...)");
      case ts.SyntaxKind.UnknownKeyword: fail(node, "'unknown' is not part of KTS; write the value's type");
      case ts.SyntaxKind.ParenthesizedType: return this.resolveType((node as ts.ParenthesizedTypeNode).type, what);
      case ts.SyntaxKind.LiteralType:
        if ((node as ts.LiteralTypeNode).literal.kind === ts.SyntaxKind.NullKeyword) return { kind: "null" };
        break;
      case ts.SyntaxKind.UnionType: {
        const parts = (node as ts.UnionTypeNode).types.filter((t) => !(ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword));
        if (parts.length === 1) {
          const t = this.resolveType(parts[0], what);
          if (t.kind === "struct" || t.kind === "ptr" || t.kind === "fn" || t.kind === "string") return t;
        }
        fail(node, "the only union KTS has is `T | null` for a struct, pointer, function or string type (null is address 0)");
      }
      case ts.SyntaxKind.FunctionType: {
        const f = node as ts.FunctionTypeNode;
        return { kind: "fn", sig: { params: f.parameters.map((p) => this.resolveType(p.type, p)), result: this.resolveType(f.type, f) } };
      }
      case ts.SyntaxKind.TypeReference: return this.resolveTypeReference(node as ts.TypeReferenceNode);
    }
    fail(node, `this type is not part of KTS; use a scalar (i32, u8, ...), bool, string, Ptr<T>, FixedArray<T, N>, a struct class or a function type`);
  }

  private resolveTypeReference(node: ts.TypeReferenceNode): KtsType {
    const name = node.typeName.getText();
    const decl = this.declarationOf(node.typeName);
    if (!decl) fail(node, `unknown type '${name}'`);
    if (isLibNode(decl)) {
      const scalar = SCALAR_NAMES[name];
      if (scalar) return int(scalar);
      const args = node.typeArguments ?? [];
      if (name === "Ptr" && args.length === 1) return { kind: "ptr", to: this.resolveType(args[0], node) };
      if (name === "Inline" && args.length === 1) {
        const inner = this.resolveType(args[0], node);
        if (inner.kind !== "struct") fail(node, "Inline<T> stores a struct in place; T must be a struct class");
        const cls = [...this.structs].find(([, i]) => i === inner.info)![0];
        this.layoutStruct(cls, node);
        return { kind: "inline", info: inner.info };
      }
      if (name === "FixedArray" && args.length === 2) {
        const n = args[1]!;
        if (!ts.isLiteralTypeNode(n) || !ts.isNumericLiteral(n.literal)) fail(n, "the length of a FixedArray is a number literal, e.g. FixedArray<u8, 16>");
        const elem = this.resolveType(args[0], node);
        if (elem.kind === "array") fail(node, "arrays of arrays are not in KTS yet; use one FixedArray and compute the index");
        return { kind: "array", elem, length: Number(n.literal.text) };
      }
      fail(node, `'${name}' is not a type KTS can store`);
    }
    if (ts.isClassDeclaration(decl)) {
      const info = this.structs.get(decl);
      if (!info) fail(node, `'${name}' is not a struct`);
      return { kind: "struct", info };
    }
    if (ts.isTypeAliasDeclaration(decl)) {
      if (decl.typeParameters) fail(decl, "generic type aliases are not in KTS; write the type out");
      if (this.aliasesInProgress.has(decl)) fail(node, `type '${name}' refers to itself`);
      this.aliasesInProgress.add(decl);
      try { return this.resolveType(decl.type, decl); } finally { this.aliasesInProgress.delete(decl); }
    }
    if (ts.isEnumDeclaration(decl)) return I32;
    if (ts.isInterfaceDeclaration(decl)) fail(node, `interfaces have no layout in KTS; declare '${name}' as a class with typed fields (a C struct)`);
    fail(node, `'${name}' is not a type KTS knows`);
  }

  // ---- declarations
  collect(): void {
    const files = this.files;
    this.symbols = assignSymbols(files);
    for (const sf of files) for (const st of sf.statements) if (ts.isClassDeclaration(st)) this.declareStruct(st);
    for (const sf of files) for (const st of sf.statements) if (ts.isClassDeclaration(st)) this.layoutStruct(st);
    for (const sf of files) for (const st of sf.statements) if (ts.isEnumDeclaration(st)) this.collectEnum(st);
    for (const sf of files) for (const st of sf.statements) {
      if (ts.isFunctionDeclaration(st)) this.collectFunction(st);
      else if (ts.isClassDeclaration(st)) this.collectMethods(st);
    }
    // Globals last: their initializers may name functions.
    for (const sf of files) for (const st of sf.statements) if (ts.isVariableStatement(st)) this.collectGlobals(st);
  }

  private declareStruct(c: ts.ClassDeclaration): void {
    if (!c.name) fail(c, "a struct class needs a name");
    if (c.heritageClauses?.length) fail(c.heritageClauses[0]!, "classes in KTS are C structs: no inheritance or interfaces; put the shared fields in a struct and embed a pointer to it");
    if (c.typeParameters) fail(c, "generic classes are not in KTS; write one struct per element type");
    if (c.modifiers?.some((m) => m.kind === ts.SyntaxKind.AbstractKeyword)) fail(c, "abstract classes are not in KTS; a struct is a plain class with typed fields");
    // A struct's name is no symbol (only its methods are): modules may each have a `Node`.
    this.structs.set(c, { name: c.name.text, fields: new Map(), size: 0, align: 1, methods: new Map() });
  }

  /** Lays out `c` once; an Inline<S> field lays S out first (`from`: who asked, for a cycle). */
  private layoutStruct(c: ts.ClassDeclaration, from?: ts.Node): void {
    const state = this.layoutState.get(c);
    if (state === "done") return;
    if (state === "busy") fail(from ?? c, `struct ${c.name?.text} contains itself in place; one of the fields must be a reference (drop the Inline<>)`);
    this.layoutState.set(c, "busy");
    const info = this.structs.get(c)!;
    let offset = 0;
    for (const m of c.members) {
      if (ts.isPropertyDeclaration(m)) {
        if (!ts.isIdentifier(m.name)) fail(m.name, "struct fields need plain names");
        if (m.modifiers?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword)) fail(m, "static fields are not in KTS; declare a top-level global instead");
        if (m.questionToken) fail(m.questionToken, "optional fields are not in KTS: every field exists and starts zeroed; drop the ?");
        if (m.initializer && !isZeroLiteral(m.initializer)) fail(m.initializer, "struct memory starts zeroed, so a field initializer can only be 0, 0n, false or null; assign other values after `new`");
        const type = this.resolveType(m.type, m);
        if (type.kind === "void" || type.kind === "null") fail(m, "a field cannot be void or null");
        const st = storageOf(type);
        offset = alignUp(offset, st.align);
        info.fields.set(m.name.text, { name: m.name.text, type, offset });
        offset += st.size;
        info.align = Math.max(info.align, st.align);
      } else if (ts.isConstructorDeclaration(m)) {
        if (m.parameters.length || (m.body && m.body.statements.length)) fail(m, "struct classes have no constructor code: `new` gives zeroed memory; write an init function or method");
      } else if (ts.isGetAccessor(m) || ts.isSetAccessor(m)) {
        fail(m, "accessors are not in KTS; write a method");
      } else if (!ts.isMethodDeclaration(m) && !ts.isSemicolonClassElement(m)) {
        fail(m, "this class member is not in KTS; a struct has typed fields and methods");
      }
    }
    info.size = alignUp(offset, info.align);
    this.layoutState.set(c, "done");
  }

  private collectEnum(e: ts.EnumDeclaration): void {
    let next = 0n;
    for (const m of e.members) {
      if (m.initializer) {
        const v = constantOf(m.initializer, this);
        if (v === undefined) fail(m.initializer, "enum values must be integer constants");
        next = v;
      }
      this.enumMembers.set(m, next);
      next += 1n;
    }
  }

  private collectFunction(f: ts.FunctionDeclaration): void {
    if (!f.name) fail(f, "a function needs a name");
    if (f.asteriskToken) fail(f, "generators are not in KTS; keep the state in a struct and write a step function");
    if (f.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) fail(f, "async functions are not in KTS; the kernel waits with messages and threads, not promises");
    if (f.typeParameters) fail(f, "generic functions are not in KTS; write one function per type");
    const external = !f.body;
    if (external && !f.modifiers?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword)) {
      fail(f, "overload signatures are not in KTS; give each variant its own function name");
    }
    const exported = !!f.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    const symbol = this.symbolOf(f.name.text, f);
    this.functions.set(f, { symbol, decl: f, sig: this.signature(f), attrs: attrsOf(f), exported: exported || symbol === "main", external });
  }

  private collectMethods(c: ts.ClassDeclaration): void {
    const info = this.structs.get(c)!;
    for (const m of c.members) {
      if (!ts.isMethodDeclaration(m)) continue;
      if (!ts.isIdentifier(m.name)) fail(m.name, "methods need plain names");
      if (!m.body) fail(m, "a method needs a body (abstract and overloaded methods are not in KTS)");
      if (m.asteriskToken) fail(m, "generators are not in KTS");
      if (m.modifiers?.some((x) => x.kind === ts.SyntaxKind.AsyncKeyword)) fail(m, "async methods are not in KTS");
      const isStatic = !!m.modifiers?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword);
      const symbol = this.symbolOf(`${info.name}.${m.name.text}`, m);
      if (!isStatic) info.methods.set(m.name.text, symbol);
      this.functions.set(m, { symbol, decl: m, sig: this.signature(m), owner: isStatic ? undefined : info, attrs: attrsOf(m), exported: false, external: false });
    }
  }

  private signature(f: ts.SignatureDeclaration): FnSig {
    const params = f.parameters.map((p) => {
      if (p.dotDotDotToken) fail(p, "rest parameters are not in KTS; pass a pointer and a count");
      if (p.questionToken || p.initializer) fail(p, "optional and default parameters are not in KTS; pass every argument");
      if (!ts.isIdentifier(p.name)) fail(p.name, "destructuring parameters are not in KTS; take the struct and read its fields");
      const t = this.resolveType(p.type, p);
      if (t.kind === "array") fail(p, "arrays are not passed by value; pass a Ptr<T> to the first element and a length");
      return t;
    });
    const result = f.type ? this.resolveType(f.type, f) : { kind: "void" as const };
    if (result.kind === "array") fail(f.type!, "arrays are not returned by value; write into memory the caller passes");
    return { params, result };
  }

  private collectGlobals(st: ts.VariableStatement): void {
    const exported = !!st.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    const isConst = (st.declarationList.flags & ts.NodeFlags.Const) !== 0;
    const external = !!st.modifiers?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword);
    const percpu = jsDocTagNames(st).includes("percpu");
    for (const d of st.declarationList.declarations) {
      if (!ts.isIdentifier(d.name)) fail(d.name, "destructuring is not in KTS; declare one global per name");
      if (d.initializer && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer))) {
        fail(d.initializer, "function expressions are not in KTS; write a top-level `function` declaration (its name is its address)");
      }
      const symbol = this.symbolOf(d.name.text, d);
      let type: KtsType;
      let inPlace = false;
      if (d.type) type = this.resolveType(d.type, d);
      else if (d.initializer && ts.isNewExpression(d.initializer)) {
        const cls = this.declarationOf(d.initializer.expression);
        const info = cls && ts.isClassDeclaration(cls) ? this.structs.get(cls) : undefined;
        if (!info) fail(d.initializer, "`new` only makes struct storage in KTS (a class with typed fields)");
        type = { kind: "struct", info };
      }
      else if (d.initializer && (ts.isStringLiteral(d.initializer) || ts.isNoSubstitutionTemplateLiteral(d.initializer))) type = { kind: "string" };
      else if (d.initializer && ts.isBigIntLiteral(d.initializer)) type = int("i64");
      else if (d.initializer && foldConstant(d.initializer, this, "initializer")) type = foldConstant(d.initializer, this, "initializer")!.big ? int("i64") : I32; // `const N = 1 << 4`, `const M = -5n`
      else fail(d, "write the global's type, e.g. `let count: u32 = 0`");
      if (type.kind === "array") inPlace = true;
      if (type.kind === "inline") fail(d, "a global struct stored in place is written `const g = new S()`");
      if (d.initializer && ts.isNewExpression(d.initializer)) {
        if (type.kind !== "struct") fail(d.initializer, "`new` makes struct storage; the global's type must be that struct");
        inPlace = true;
      }
      if (type.kind === "void" || type.kind === "null") fail(d, "a global cannot be void or null");
      let constValue: bigint | undefined;
      if (isConst && type.kind === "int" && d.initializer) {
        // Kept in the declared type's own range: a `const K: u32 = ~0` is 4294967295 to every use.
        const c = foldConstant(d.initializer, this, "initializer");
        if (c) constValue = storeConstant(c, type.name, d.initializer);
      }
      if (external && type.kind === "struct") inPlace = true; // a declared struct is its storage, like `const g = new S()`
      this.globals.set(d, { symbol, decl: d, type, inPlace, constValue: external ? undefined : constValue, percpu, readonly: isConst && !inPlace, exported: exported || external, external });
    }
  }
}

function alignUp(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}

function isZeroLiteral(e: ts.Expression): boolean {
  return (ts.isNumericLiteral(e) && Number(e.text) === 0) || (ts.isBigIntLiteral(e) && e.text === "0n") || e.kind === ts.SyntaxKind.FalseKeyword || e.kind === ts.SyntaxKind.NullKeyword;
}

function attrsOf(f: ts.Node): FunctionAttrs {
  const tags = jsDocTagNames(f);
  const attrs: FunctionAttrs = {};
  if (tags.includes("inline")) attrs.inline = true;
  if (tags.includes("interrupt")) attrs.interrupt = true;
  if (tags.includes("naked")) attrs.naked = true;
  return attrs;
}

/**
 * The value of an integer constant expression in a global or enum initializer (literals,
 * enum members, `const` globals, operators and conversions on them; see const-fold.ts), or
 * undefined if the expression is not constant.
 */
export function constantOf(e: ts.Expression, model: ProgramModel): bigint | undefined {
  return foldConstant(e, model, "initializer")?.value;
}
