// The front end's entry point: TypeScript program -> checked -> KTS model -> KBC module.
import { createKtsProgram, positionOf, programDiagnostics, ts, type CheckerDiagnostic, type KtsProgram } from "./ts-adapter.ts";
import { errorAt, KtsError } from "./diagnostic.ts";
import { FunctionBuilder } from "./function-builder.ts";
import { ModuleBuilder } from "./module-builder.ts";
import { StmtLowering } from "./lower-stmt.ts";
import { ProgramModel, type GlobalVar } from "./program-model.ts";
import { foldConstant, storeConstant } from "./const-fold.ts";
import { rejectStatement, rejectTopLevel } from "./reject.ts";
import { aType, isInt, storageOf, typeName, type KtsType } from "./ktypes.ts";
import { verifyModule } from "../kbc/verify.ts";
import path from "node:path";
import type { DataReloc, KbcFunction, KbcGlobal, KbcModule, Signature } from "../kbc/types.ts";
import { kbcSig } from "./lower-expr.ts";

export interface CompileResult {
  module?: KbcModule;
  errors: KtsError[];
}

export interface CompileInput {
  roots: string[];
  /** Source text for paths not on disk (tests). */
  overrides?: Map<string, string>;
}

export function compileKts(input: CompileInput): CompileResult {
  const program = createKtsProgram(input.roots, input.overrides);
  const errors: KtsError[] = programDiagnostics(program).map(checkerError);
  if (errors.length) return { errors };
  return lowerProgram(program, input.roots[0] ?? "program.ts");
}

/**
 * Run one unit of lowering, collecting its error. A failure that is not a KtsError is a bug
 * in tsk: it is still reported as an error at the declaration being compiled, never a crash.
 */
function attempt(errors: KtsError[], f: () => void, where?: ts.Node): void {
  try {
    f();
  } catch (e) {
    if (e instanceof KtsError) errors.push(e);
    else if (where) errors.push(new KtsError(positionOf(where), `internal compiler error while compiling this declaration (please report it with the program): ${e instanceof Error ? e.message : String(e)}`));
    else throw e;
  }
}

/**
 * Compile several independent programs (each root with the files it imports) with one
 * TypeScript program, so the checker's setup is paid once: how the corpus tests run.
 */
export function compileMany(roots: string[], overrides?: Map<string, string>): Map<string, CompileResult> {
  const program = createKtsProgram(roots, overrides);
  const results = new Map<string, CompileResult>();
  const diagnostics = programDiagnostics(program);
  for (const root of roots) {
    const files = filesOf(program, root);
    const names = new Set(files.map((f) => f.fileName));
    const errors = diagnostics.filter((d) => !d.pos || names.has(d.pos.file)).map(checkerError);
    results.set(root, errors.length ? { errors } : lowerProgram(program, root, files));
  }
  return results;
}

/**
 * A checker diagnostic as a KTS error. Where the checker objects to something that is also
 * outside KTS, the KTS advice replaces its message and points at the construct.
 */
const JS_GLOBALS = new Set(["console", "Math", "Object", "JSON", "Array", "Number", "String", "Date", "Map", "Set", "Symbol", "Promise", "process", "window", "document"]);

const SCALARS = new Set(["i8", "u8", "i16", "u16", "i32", "u32", "i64", "u64"]);

/**
 * The checker's long brand-mismatch chains ("Types of property '__w' are incompatible...")
 * as one KTS sentence: which conversion to write.
 */
function brandAdvice(d: CheckerDiagnostic): string | undefined {
  if (!d.message.includes("'__w'")) return undefined;
  const m = /type '(\w+)' is not assignable to (?:parameter of )?type '(\w+)'/i.exec(d.message);
  if (!m || !SCALARS.has(m[1]!) || !SCALARS.has(m[2]!)) return undefined;
  const [from, to] = [m[1]!, m[2]!];
  const why = from.endsWith("64") !== to.endsWith("64") ? "64-bit and 32-bit values are kept apart" : Number(from.slice(1)) > Number(to.slice(1)) ? "narrowing is explicit" : "changing sign is explicit";
  return `a value of type ${from} where ${to} is expected: ${why} in KTS; write ${to}(x) (it wraps)`;
}

function checkerError(d: CheckerDiagnostic): KtsError {
  const brand = brandAdvice(d);
  if (brand) return new KtsError(d.pos, brand);
  if (d.node && ts.isIdentifier(d.node) && !ts.isNewExpression(d.node.parent) && JS_GLOBALS.has(d.node.text) && (d.code === 2304 || d.code === 2580 || d.code === 2584 || d.code === 2585 || d.code === 2693)) {
    return new KtsError(d.pos, `'${d.node.text}' is a JavaScript library object, not KTS; use the KTS runtime (puts, put_i32, ...) or write the function`);
  }
  let s = d.node;
  while (s && !ts.isStatement(s)) s = s.parent;
  if (s && (ts.isForOfStatement(s) || ts.isForInStatement(s))) {
    try { rejectStatement(s); } catch (e) { if (e instanceof KtsError) return e; throw e; }
  }
  let n = d.node;
  while (n && !ts.isNewExpression(n) && !ts.isStatement(n)) n = n.parent;
  if (n && ts.isNewExpression(n) && (d.code === 2693 || d.code === 2554 || d.code === 2304)) {
    const advice = d.code === 2554
      ? "`new` takes no arguments in KTS: the struct starts zeroed; set its fields afterwards"
      : "`new` only makes struct storage in KTS (a class with typed fields); arrays are FixedArray<T, N> fields, globals or locals";
    return new KtsError(positionOf(n), advice);
  }
  return new KtsError(d.pos, d.message);
}

/** `root` and every source file it imports, transitively. */
function filesOf(program: KtsProgram, root: string): ts.SourceFile[] {
  const start = program.program.getSourceFile(path.resolve(root));
  if (!start) return [];
  const seen = new Set<ts.SourceFile>([start]);
  const queue = [start];
  while (queue.length) {
    const sf = queue.pop()!;
    for (const st of sf.statements) {
      if (!(ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) || !st.moduleSpecifier) continue;
      const target = program.checker.getSymbolAtLocation(st.moduleSpecifier)?.valueDeclaration;
      if (target && ts.isSourceFile(target) && !seen.has(target) && program.sources.includes(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return [...seen];
}

function lowerProgram(program: KtsProgram, source: string, files: readonly ts.SourceFile[] = program.sources): CompileResult {
  const errors: KtsError[] = [];
  for (const sf of files) for (const st of sf.statements) attempt(errors, () => rejectTopLevel(st), st);
  const model = new ProgramModel(program, files);
  attempt(errors, () => model.collect(), files[0]);
  if (errors.length) return { errors };

  const mod = new ModuleBuilder();
  const globals: KbcGlobal[] = [];
  const externData: string[] = [];
  for (const g of model.globals.values()) {
    if (g.external) externData.push(g.symbol);
    else attempt(errors, () => globals.push(globalOf(g, model, mod)), g.decl);
  }
  const functions: KbcFunction[] = [];
  const sigs = new Map<string, Signature>();
  for (const info of model.functions.values()) sigs.set(info.symbol, kbcSig(info.sig));
  const sigOf = (name: string): Signature => sigs.get(name) ?? mod.externs.get(name)?.sig ?? { params: [], result: null };
  for (const info of model.functions.values()) {
    if (info.external) continue;
    attempt(errors, () => functions.push(new StmtLowering(model, mod, new FunctionBuilder(sigOf), info).lowerFunction()), info.decl);
  }
  if (errors.length) return { errors };
  const module: KbcModule = { source, globals: [...globals, ...mod.globals], functions, externs: [...mod.externs.values()], ...(externData.length ? { externData } : {}) };
  try {
    verifyModule(module);
  } catch (e) {
    return { errors: [new KtsError(undefined, `internal compiler error (tsk emitted invalid KBC; please report it with the program): ${(e as Error).message}`)] };
  }
  return { module, errors: [] };
}

/** A global's storage and constant initial bytes (addresses in it become relocations). */
function globalOf(g: GlobalVar, model: ProgramModel, mod: ModuleBuilder): KbcGlobal {
  const st = g.type.kind === "struct" && g.inPlace ? { size: g.type.info.size, align: g.type.info.align } : storageOf(g.type);
  const size = Math.max(st.size, 1);
  const data = new Uint8Array(size);
  const relocs: DataReloc[] = [];
  let nonZero = false;
  const init = g.decl.initializer;
  const put = (t: KtsType, e: ts.Expression, offset: number) => {
    e = ts.isParenthesizedExpression(e) ? e.expression : e;
    if (e.kind === ts.SyntaxKind.NullKeyword) return;
    if (isInt(t) || t.kind === "ptr") {
      const c = foldConstant(e, model, "initializer");
      if (c === undefined) throw errorAt(e, "a global's initial value must be a constant (literals, enum members, const globals and operators on them); assign it in an init function otherwise");
      const v = storeConstant(c, isInt(t) ? t.name : "u32", e);
      const bytes = storageOf(t).size;
      let w = BigInt.asUintN(bytes * 8, v);
      for (let i = 0; i < bytes; i++, w >>= 8n) data[offset + i] = Number(w & 0xffn);
      if (v !== 0n) nonZero = true;
      return;
    }
    if (t.kind === "string" && (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e))) {
      relocs.push({ offset, symbol: mod.stringGlobal(e.text), addend: 0 });
      return;
    }
    if (t.kind === "fn" && ts.isIdentifier(e)) {
      const decl = model.declarationOf(e);
      const f = decl ? model.functions.get(decl) : undefined;
      if (f && !f.owner) {
        if (f.external) mod.useExtern(f.symbol, kbcSig(f.sig));
        relocs.push({ offset, symbol: f.symbol, addend: 0 });
        return;
      }
    }
    throw errorAt(e, `${aType(t)} global starts as null or a constant; assign it in an init function otherwise`);
  };
  if (init && !g.inPlace) put(g.type, init, 0);
  if (init && g.type.kind === "array") {
    if (!ts.isArrayLiteralExpression(init)) throw errorAt(init, "a FixedArray global is initialized with an array literal, e.g. = [1, 2, 3], or left without initializer (zeroed)");
    if (init.elements.length > g.type.length) throw errorAt(init, `${init.elements.length} values do not fit in FixedArray of ${g.type.length}`);
    const es = storageOf(g.type.elem).size;
    init.elements.forEach((el, i) => put((g.type as { elem: KtsType }).elem, el, i * es));
  }
  return {
    name: g.symbol, exported: g.exported, size, align: st.align,
    data: nonZero || relocs.length ? data : undefined, relocs, readonly: g.readonly, percpu: g.percpu,
  };
}
