// The link-level name (symbol) of every top-level function, struct method and global.
//
// A program is one object file, so two modules that each define a `function helper()` of
// their own would both want the symbol `helper`. TypeScript keeps them apart (each is
// private to its module, or imported under a name of the importer's choosing); so does tsk:
// - a name defined once keeps its name as written: backtraces, the kernel's ksyms and gdb
//   breakpoints (`break lwkt_switch`) see exactly what the source says;
// - a name defined by several modules is qualified by module only where needed, after the
//   convention of GCC's local clones (`helper.isra.0`): the name first, then the module's
//   file name without `.ts` (`helper.vm_page`), with more of its folder path when two files
//   of the program share a file name (`helper.lwkt.init`, `helper.kern.init`);
// - the one exported definition among them keeps the plain name (other objects and .S files
//   link against it); when several modules export the name, each is qualified;
// - `declare` names something defined outside the program (a .S file, the linker script):
//   always the plain name. Beside an exported definition of that name it is an error (which
//   does the program mean?), beside private ones they are qualified out of its way.
// What cannot be told apart (two definitions of a name in one module, e.g. a static and an
// instance method, or a qualified name that meets a written one) is an error naming both.
import path from "node:path";
import { ts, positionOf } from "./ts-adapter.ts";
import { fail } from "./diagnostic.ts";

type Linkage = "private" | "exported" | "extern";

interface Claim {
  name: string;
  /** The declaration the symbol belongs to (what ProgramModel asks about). */
  node: ts.Node;
  /** Where errors point: the declared name. */
  at: ts.Node;
  file: ts.SourceFile;
  linkage: Linkage;
}

const hasModifier = (n: ts.Node, kind: ts.SyntaxKind): boolean =>
  !!(ts.canHaveModifiers(n) && ts.getModifiers(n)?.some((m) => m.kind === kind));

function claimsOf(files: readonly ts.SourceFile[]): Claim[] {
  const claims: Claim[] = [];
  for (const file of files) {
    for (const st of file.statements) {
      if (ts.isFunctionDeclaration(st) && st.name) {
        const declared = hasModifier(st, ts.SyntaxKind.DeclareKeyword);
        if (!st.body && !declared) continue; // an overload signature: refused by ProgramModel
        const linkage: Linkage = declared ? "extern"
          : hasModifier(st, ts.SyntaxKind.ExportKeyword) || st.name.text === "main" ? "exported" : "private";
        claims.push({ name: st.name.text, node: st, at: st.name, file, linkage });
      } else if (ts.isClassDeclaration(st) && st.name) {
        for (const m of st.members) {
          if (ts.isMethodDeclaration(m) && ts.isIdentifier(m.name)) {
            claims.push({ name: `${st.name.text}.${m.name.text}`, node: m, at: m.name, file, linkage: "private" });
          }
        }
      } else if (ts.isVariableStatement(st)) {
        const linkage: Linkage = hasModifier(st, ts.SyntaxKind.DeclareKeyword) ? "extern" : hasModifier(st, ts.SyntaxKind.ExportKeyword) ? "exported" : "private";
        for (const d of st.declarationList.declarations) {
          if (ts.isIdentifier(d.name)) claims.push({ name: d.name.text, node: d, at: d.name, file, linkage });
        }
      }
    }
  }
  return claims;
}

const where = (c: Claim): string => {
  const p = positionOf(c.at);
  return `${p.file}:${p.line}:${p.col}`;
};

/** Folder names and file name (without .ts) of `file`, relative to `base`, as symbol-safe words. */
function moduleWords(file: ts.SourceFile, base: string): string[] {
  const rel = path.relative(base, file.fileName).replace(/\.kts\.ts$|\.d\.ts$|\.ts$/, "");
  return rel.split(/[\\/]/).filter((w) => w && w !== "..").map((w) => w.replace(/[^A-Za-z0-9_]/g, "_"));
}

/** Per file, the shortest tail of its module path that no other file of the program shares. */
function qualifiers(files: readonly ts.SourceFile[], base: string): Map<ts.SourceFile, string> {
  const words = files.map((f) => moduleWords(f, base));
  const tail = (w: string[], k: number) => w.slice(-k).join(".");
  return new Map(files.map((f, i) => {
    const mine = words[i]!;
    let k = 1;
    while (k < mine.length && words.some((w, j) => j !== i && tail(w, k) === tail(mine, k))) k++;
    return [f, tail(mine, k)] as const;
  }));
}

/** The folder every file of the program is under. */
function commonFolder(files: readonly ts.SourceFile[]): string {
  let base = path.dirname(files[0]?.fileName ?? ".");
  for (const f of files) {
    while (path.relative(base, f.fileName).startsWith("..")) base = path.dirname(base);
  }
  return base;
}

/** The symbol of each top-level declaration of `files` (see the file comment). */
export function assignSymbols(files: readonly ts.SourceFile[]): Map<ts.Node, string> {
  const claims = claimsOf(files);
  // One qualifier per module, the same for all its names: `vm_page`, or `lwkt.init` beside `kern.init`.
  const quals = qualifiers([...files], commonFolder(files));
  const groups = new Map<string, Claim[]>();
  for (const c of claims) {
    const g = groups.get(c.name);
    if (g) g.push(c);
    else groups.set(c.name, [c]);
  }
  const symbols = new Map<ts.Node, string>();
  const owner = new Map<string, Claim>();
  const take = (c: Claim, symbol: string) => {
    const prev = owner.get(symbol);
    if (prev) {
      fail(c.at, `'${c.name}' here and '${prev.name}' at ${where(prev)} would both be the symbol '${symbol}'; rename one`);
    }
    owner.set(symbol, c);
    symbols.set(c.node, symbol);
  };
  for (const [name, group] of groups) {
    if (group.length === 1) {
      take(group[0]!, name);
      continue;
    }
    // Qualifying by module cannot part two definitions in one module.
    for (let i = 1; i < group.length; i++) {
      const first = group.slice(0, i).find((c) => c.file === group[i]!.file);
      if (first) fail(group[i]!.at, `'${name}' is defined twice in this module (also at ${where(first)}); both would be the symbol '${name}', so rename one`);
    }
    const externs = group.filter((c) => c.linkage === "extern");
    const exported = group.filter((c) => c.linkage === "exported");
    if (externs.length > 1) {
      fail(externs[1]!.at, `'${name}' is declared with \`declare\` here and at ${where(externs[0]!)}; declare it once (\`export declare\`) and import it`);
    }
    if (externs.length === 1 && exported.length > 0) {
      fail(externs[0]!.at, `'${name}' is declared with \`declare\` (defined outside the program) but ${where(exported[0]!)} defines and exports it; import that one instead`);
    }
    // The plain name: the outside definition a `declare` names, else the one exported
    // definition; every other definition is qualified by its module.
    const plain = externs[0] ?? (exported.length === 1 ? exported[0] : undefined);
    // `main` is the program's entry: the runtime calls it by that name.
    if (name === "main" && !plain) fail(exported[1]!.at, `a second 'main' (the other is at ${where(exported[0]!)}); the entry point must be the only function named main`);
    const rest = group.filter((c) => c !== plain);
    if (plain) take(plain, name);
    for (const c of rest) take(c, `${name}.${quals.get(c.file)}`);
  }
  return symbols;
}
