// The one module that imports `typescript`. Everything else in tsk reaches the compiler API
// through here, so moving to another TypeScript release (the 7.x native port) stays local.
// It exports the namespace for AST node kinds and guards, and the few services tsk uses:
// building a program under noLib with our lib, its diagnostics, and source positions.
import ts from "typescript";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export { ts };
export type Node = ts.Node;
export type SourceFile = ts.SourceFile;
export type TypeChecker = ts.TypeChecker;

export const LIB_FILE_NAME = "lib.kts.d.ts";

/** Options every KTS compile uses; the lib comes from `tools/tsk/lib`, never from typescript. */
export const KTS_COMPILER_OPTIONS: ts.CompilerOptions = {
  noLib: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  allowImportingTsExtensions: true,
  noEmit: true,
  strict: true,
  // Struct fields start zeroed, like C globals and `new` memory; no initializer is needed.
  strictPropertyInitialization: false,
  types: [],
  skipLibCheck: true,
};

let libText: string | undefined;
let libSource: ts.SourceFile | undefined;

/** tools/tsk/lib, found upwards from this module (it also runs bundled into build/host). */
export function libPath(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    for (const candidate of [path.join(dir, "lib"), path.join(dir, "tools", "tsk", "lib")]) {
      if (existsSync(path.join(candidate, LIB_FILE_NAME))) return path.join(candidate, LIB_FILE_NAME);
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find tools/tsk/lib/${LIB_FILE_NAME}`);
    dir = parent;
  }
}

export function libSourceText(): string {
  return (libText ??= readFileSync(libPath(), "utf8"));
}

export interface KtsProgram {
  program: ts.Program;
  checker: ts.TypeChecker;
  /** The user's source files (the lib excluded), roots first. */
  sources: ts.SourceFile[];
}

/**
 * Build a program from `roots` (paths on disk, or names in `overrides` for text that is not
 * on disk). The parsed lib is reused between compiles in one process.
 */
export function createKtsProgram(roots: string[], overrides: Map<string, string> = new Map()): KtsProgram {
  const lib = libPath();
  const host = ts.createCompilerHost(KTS_COMPILER_OPTIONS, true);
  const baseGetSourceFile = host.getSourceFile.bind(host);
  const baseFileExists = host.fileExists.bind(host);
  const baseReadFile = host.readFile.bind(host);
  host.fileExists = (f) => overrides.has(path.resolve(f)) || baseFileExists(f);
  host.readFile = (f) => overrides.get(path.resolve(f)) ?? baseReadFile(f);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    if (path.resolve(fileName) === lib) {
      return (libSource ??= ts.createSourceFile(fileName, libSourceText(), ts.ScriptTarget.ES2022, true));
    }
    const text = overrides.get(path.resolve(fileName));
    if (text !== undefined) return ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true);
    return baseGetSourceFile(fileName, languageVersion, onError, shouldCreate);
  };
  const program = ts.createProgram({ rootNames: [lib, ...roots.map((r) => path.resolve(r))], options: KTS_COMPILER_OPTIONS, host });
  const sources = program.getSourceFiles().filter((s) => path.resolve(s.fileName) !== lib);
  return { program, checker: program.getTypeChecker(), sources };
}

export interface Position {
  file: string;
  line: number;
  col: number;
}

export function positionOf(node: ts.Node): Position {
  const sf = node.getSourceFile();
  const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
  return { file: sf.fileName, line: line + 1, col: character + 1 };
}

export interface CheckerDiagnostic {
  pos: Position | undefined;
  message: string;
  /** TypeScript's diagnostic number (e.g. 2554 for a wrong argument count). */
  code: number;
  /** The innermost node at the diagnostic's start, when it has one. */
  node?: ts.Node;
}

function nodeAt(sf: ts.SourceFile, start: number): ts.Node {
  let node: ts.Node = sf;
  for (;;) {
    const child: ts.Node | undefined = node.getChildren(sf).find((c) => c.getStart(sf) <= start && start < c.getEnd());
    if (!child) return node;
    node = child;
  }
}

/** The checker's own errors (syntax and types), each with a position and a one-line text. */
export function programDiagnostics(p: KtsProgram): CheckerDiagnostic[] {
  const all = [...p.program.getSyntacticDiagnostics(), ...p.program.getGlobalDiagnostics(), ...p.program.getSemanticDiagnostics(), ...p.program.getOptionsDiagnostics()];
  return all.map((d) => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, " ");
    if (!d.file || d.start === undefined) return { pos: undefined, message, code: d.code };
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return { pos: { file: d.file.fileName, line: line + 1, col: character + 1 }, message, code: d.code, node: nodeAt(d.file, d.start) };
  });
}


/** JSDoc tag names on a declaration (`@inline`, `@percpu`, ...). */
export function jsDocTagNames(node: ts.Node): string[] {
  return ts.getJSDocTags(node).map((t) => t.tagName.text);
}
