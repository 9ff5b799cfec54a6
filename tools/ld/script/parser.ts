// A recursive-descent parser for the GNU ld script subset in ast.ts. Commands outside the
// subset (MEMORY, PHDRS, INCLUDE, ...) are rejected with their position and a sentence, not
// silently ignored, because ignoring them would produce a different image than GNU ld.
import { LinkError } from "../errors.ts";
import type {
  Assertion, Assignment, DataStatement, Expr, InputSpec, OutputSectionStatement, ProvideKind, Script,
  SectionBodyItem,
} from "./ast.ts";
import { Lexer, type Token } from "./lexer.ts";

const ASSIGN_OPS = new Set(["=", "+=", "-=", "*=", "/=", "<<=", ">>=", "&=", "|="]);
/** Builtins whose single argument is a section name, not an expression. */
const SECTION_NAME_FUNCS = new Set(["ADDR", "LOADADDR", "SIZEOF", "ALIGNOF"]);
const SYMBOL_NAME_FUNCS = new Set(["DEFINED"]);
const SECTION_TYPES = new Set(["NOLOAD", "DSECT", "COPY", "INFO", "OVERLAY", "READONLY"]);
const IGNORED_COMMANDS = new Set(["SEARCH_DIR", "TARGET", "OUTPUT", "STARTUP", "FORCE_COMMON_ALLOCATION"]);
const UNSUPPORTED_COMMANDS = new Set(["MEMORY", "PHDRS", "INCLUDE", "INPUT", "GROUP", "OVERLAY", "VERSION", "INSERT", "REGION_ALIAS", "NOCROSSREFS"]);

// Binary operator precedence, loosest first (as in C, which GNU ld follows).
const PRECEDENCE: string[][] = [
  ["||"], ["&&"], ["|"], ["^"], ["&"], ["==", "!="], ["<", ">", "<=", ">="], ["<<", ">>"], ["+", "-"], ["*", "/", "%"],
];

export function parseScript(source: string, fileName: string): Script {
  return new Parser(source, fileName).script();
}

class Parser {
  private readonly lx: Lexer;
  private readonly result: Script;

  constructor(source: string, fileName: string) {
    this.lx = new Lexer(source, fileName);
    this.result = { name: fileName, statements: [], hasSections: false, usesSizeofHeaders: false };
  }

  private at(t: Token): string { return this.lx.where(t.start); }

  private fail(t: Token, what: string): never {
    throw new LinkError(`${this.at(t)}: ${what}`);
  }

  private describe(t: Token): string {
    return t.kind === "eof" ? "end of file" : `'${t.text}'`;
  }

  private expect(text: string, mode: "expr" | "pattern" = "expr"): Token {
    const t = this.lx.next(mode);
    if (t.text !== text || (t.kind !== "punct" && t.kind !== "name")) this.fail(t, `expected '${text}' but found ${this.describe(t)}`);
    return t;
  }

  private accept(text: string, mode: "expr" | "pattern" = "expr"): boolean {
    const t = this.lx.peek(mode);
    if (t.text === text && (t.kind === "punct" || t.kind === "name")) {
      this.lx.next(mode);
      return true;
    }
    return false;
  }

  script(): Script {
    for (;;) {
      const t = this.lx.next("expr");
      if (t.kind === "eof") return this.result;
      if (t.kind === "punct" && t.text === ";") continue;
      if (t.kind !== "name") this.fail(t, `expected a command but found ${this.describe(t)}`);
      const cmd = t.text;
      if (cmd === "SECTIONS") {
        this.result.hasSections = true;
        this.sections();
      } else if (cmd === "ENTRY") {
        this.expect("(");
        const name = this.lx.next("pattern");
        if (name.kind !== "name") this.fail(name, `ENTRY needs a symbol name, found ${this.describe(name)}`);
        this.expect(")");
        this.result.entry = name.text;
      } else if (cmd === "OUTPUT_FORMAT" || cmd === "OUTPUT_ARCH") {
        this.expect("(");
        const args: Token[] = [];
        do args.push(this.lx.next("pattern")); while (this.accept(","));
        this.expect(")");
        for (const a of args) {
          const ok = cmd === "OUTPUT_ARCH" ? /^i[3-6]86$/.test(a.text) : a.text === "elf32-i386";
          if (!ok) this.fail(a, `${cmd}(${a.text}) is not supported; this linker writes only elf32-i386 for i386`);
        }
      } else if (IGNORED_COMMANDS.has(cmd)) {
        this.skipParenthesized();
      } else if (UNSUPPORTED_COMMANDS.has(cmd)) {
        this.fail(t, `the ${cmd} command is not supported by this linker; place sections with SECTIONS and addresses instead`);
      } else if (cmd === "ASSERT") {
        this.result.statements.push(this.assertion(t));
      } else {
        this.result.statements.push(this.assignmentAfter(t, true));
      }
    }
  }

  private skipParenthesized(): void {
    this.expect("(");
    let depth = 1;
    while (depth > 0) {
      const t = this.lx.next("pattern");
      if (t.kind === "eof") this.fail(t, "unexpected end of file inside ( )");
      if (t.text === "(") depth++;
      if (t.text === ")") depth--;
    }
  }

  private sections(): void {
    this.expect("{");
    for (;;) {
      if (this.accept("}")) return;
      if (this.accept(";")) continue;
      const t = this.lx.peek("pattern");
      if (t.kind === "eof") this.fail(t, "SECTIONS is not closed (missing '}')");
      if (t.kind !== "name") this.fail(t, `expected an output section or an assignment but found ${this.describe(t)}`);
      const exprTok = this.lx.peek("expr");
      if (exprTok.kind === "name" && (exprTok.text === "ENTRY")) {
        this.lx.next("expr");
        this.expect("(");
        this.result.entry = this.lx.next("pattern").text;
        this.expect(")");
        continue;
      }
      if (exprTok.kind === "name" && exprTok.text === "ASSERT") {
        this.lx.next("expr");
        this.result.statements.push(this.assertion(exprTok));
        continue;
      }
      if (exprTok.kind === "name" && this.isAssignmentStart()) {
        this.result.statements.push(this.assignmentAfter(this.lx.next("expr"), true));
        continue;
      }
      this.result.statements.push(this.outputSection());
    }
  }

  /** After a name in expression mode: is the next thing an assignment operator or PROVIDE(? */
  private isAssignmentStart(): boolean {
    const saved = this.lx.pos;
    const name = this.lx.next("expr");
    let result = false;
    if (name.kind === "name" && ["PROVIDE", "PROVIDE_HIDDEN", "HIDDEN"].includes(name.text)) {
      result = this.lx.peek("expr").text === "(";
    } else {
      const op = this.lx.peek("expr");
      result = op.kind === "punct" && ASSIGN_OPS.has(op.text);
    }
    this.lx.pos = saved;
    return result;
  }

  /** `name op expr ;` or `PROVIDE(name = expr);` — `first` is the already consumed name. */
  private assignmentAfter(first: Token, needSemicolon: boolean): Assignment {
    let provide: ProvideKind = "none";
    let target = first;
    const wrapped = ["PROVIDE", "PROVIDE_HIDDEN", "HIDDEN"].includes(first.text) && this.lx.peek("expr").text === "(";
    if (wrapped) {
      provide = first.text === "PROVIDE" ? "provide" : first.text === "PROVIDE_HIDDEN" ? "provide-hidden" : "hidden";
      this.expect("(");
      target = this.lx.next("expr");
      if (target.kind !== "name") this.fail(target, `${first.text} needs a symbol name, found ${this.describe(target)}`);
    }
    const op = this.lx.next("expr");
    if (op.kind !== "punct" || !ASSIGN_OPS.has(op.text)) this.fail(op, `expected an assignment after '${target.text}' but found ${this.describe(op)}`);
    if (provide !== "none" && op.text !== "=") this.fail(op, `${first.text} takes a plain '=' assignment`);
    const expr = this.expr();
    if (wrapped) this.expect(")");
    if (needSemicolon) {
      const semi = this.lx.peek("expr");
      if (semi.text === ";") this.lx.next("expr");
      else if (!(semi.text === "}" && semi.kind === "punct")) this.fail(semi, `expected ';' after the assignment to '${target.text}' but found ${this.describe(semi)}`);
    }
    return { kind: "assign", target: target.text, op: op.text, expr, provide, at: this.at(first) };
  }

  private assertion(t: Token): Assertion {
    this.expect("(");
    const expr = this.expr();
    this.expect(",");
    const msg = this.lx.next("expr");
    if (msg.kind !== "string") this.fail(msg, `ASSERT needs a quoted message, found ${this.describe(msg)}`);
    this.expect(")");
    this.accept(";");
    return { kind: "assert", expr, message: msg.text, at: this.at(t) };
  }

  private outputSection(): OutputSectionStatement {
    const nameTok = this.lx.next("pattern");
    // ':' is a pattern character, so `.text:` arrives as one token; split it back.
    const glued = nameTok.text.length > 1 && nameTok.text.endsWith(":");
    const name = glued ? nameTok.text.slice(0, -1) : nameTok.text;
    const s: OutputSectionStatement = { kind: "section", name, noload: false, body: [], orphan: false, at: this.at(nameTok) };
    // name [address] [(type)] : [AT(lma)] [ALIGN(a)] [SUBALIGN(a)] { ... } [=fill]
    let t = this.lx.peek("expr");
    if (!glued && !(t.kind === "punct" && t.text === ":")) {
      if (t.text === "(" && this.sectionTypeFollows()) this.sectionType(s);
      else {
        s.address = this.expr();
        if (this.lx.peek("expr").text === "(") this.sectionType(s);
      }
    }
    t = glued ? nameTok : this.lx.next("expr");
    if (!glued && t.text !== ":") this.fail(t, `expected ':' after output section name '${s.name}' but found ${this.describe(t)}`);
    for (;;) {
      const k = this.lx.peek("expr");
      if (k.kind !== "name") break;
      if (k.text === "AT") { this.lx.next("expr"); this.expect("("); s.loadAddress = this.expr(); this.expect(")"); }
      else if (k.text === "ALIGN") { this.lx.next("expr"); this.expect("("); s.align = this.expr(); this.expect(")"); }
      else if (k.text === "SUBALIGN") { this.lx.next("expr"); this.expect("("); s.subalign = this.expr(); this.expect(")"); }
      else if (k.text === "ALIGN_WITH_INPUT") { this.lx.next("expr"); }
      else this.fail(k, `unexpected '${k.text}' in the header of output section '${s.name}'`);
    }
    this.expect("{");
    for (;;) {
      if (this.accept("}", "pattern")) break;
      if (this.accept(";", "pattern")) continue;
      s.body.push(this.sectionItem(s));
    }
    for (;;) {
      const k = this.lx.peek("expr");
      if (k.text === ">" || k.text === "AT") this.fail(k, "memory regions (> REGION, AT> REGION) are not supported; use AT(address)");
      if (k.text === ":" ) this.fail(k, "program header assignments (:phdr) are not supported; segments are derived from section addresses");
      if (k.text === "=") { this.lx.next("expr"); s.fillWidth = this.fillWidth(); s.fill = this.expr(); continue; }
      if (k.text === ",") { this.lx.next("expr"); continue; }
      break;
    }
    return s;
  }

  private sectionTypeFollows(): boolean {
    const saved = this.lx.pos;
    this.lx.next("expr");
    const t = this.lx.next("expr");
    this.lx.pos = saved;
    return t.kind === "name" && SECTION_TYPES.has(t.text);
  }

  private sectionType(s: OutputSectionStatement): void {
    this.expect("(");
    const t = this.lx.next("expr");
    if (t.text === "NOLOAD") s.noload = true;
    else if (t.text !== "READONLY") this.fail(t, `output section type (${t.text}) is not supported; only NOLOAD and READONLY are`);
    this.expect(")");
  }

  private sectionItem(s: OutputSectionStatement): SectionBodyItem {
    const t = this.lx.peek("pattern");
    if (t.kind !== "name") this.fail(t, `expected an input section description or an assignment in '${s.name}' but found ${this.describe(t)}`);
    const word = this.lx.peek("expr");
    if (word.kind === "name") {
      if (["BYTE", "SHORT", "LONG", "QUAD", "SQUAD"].includes(word.text)) return this.dataStatement();
      if (word.text === "FILL") {
        this.lx.next("expr"); this.expect("(");
        const width = this.fillWidth();
        const expr = this.expr(); this.expect(")"); this.accept(";");
        return { kind: "fill", expr, width, at: this.at(word) };
      }
      if (word.text === "ASSERT") { this.lx.next("expr"); return this.assertion(word); }
      if (word.text === "CONSTRUCTORS" || word.text === "CREATE_OBJECT_SYMBOLS") {
        this.fail(word, `${word.text} is not supported`);
      }
      if (this.isAssignmentStart()) return this.assignmentAfter(this.lx.next("expr"), true);
    }
    if (t.text === "KEEP") {
      this.lx.next("pattern");
      this.expect("(", "pattern");
      const spec = this.inputSpec(true);
      this.expect(")", "pattern");
      return spec;
    }
    return this.inputSpec(false);
  }

  /** GNU ld sizes a fill given as a hex literal by its digits (0x90 = 1 byte, 0x9090 = 2). */
  private fillWidth(): number {
    const t = this.lx.peek("expr");
    const m = t.kind === "number" ? /^0[xX]([0-9a-fA-F]+)$/.exec(t.text) : null;
    return m === null ? 4 : Math.min(4, Math.ceil(m[1]!.length / 2));
  }

  private dataStatement(): DataStatement {
    const t = this.lx.next("expr");
    const width = ({ BYTE: 1, SHORT: 2, LONG: 4, QUAD: 8, SQUAD: 8 } as const)[t.text as "BYTE"];
    this.expect("(");
    const expr = this.expr();
    this.expect(")");
    this.accept(";");
    return { kind: "data", width, signed: t.text === "SQUAD", expr, at: this.at(t) };
  }

  private inputSpec(keep: boolean): InputSpec {
    const first = this.lx.next("pattern");
    const spec: InputSpec = { kind: "input", filePattern: "*", excludeFiles: [], sectionPatterns: [], keep, sort: "none", at: this.at(first) };
    let fileTok = first;
    if (first.text === "EXCLUDE_FILE") {
      spec.excludeFiles = this.nameList();
      fileTok = this.lx.next("pattern");
    }
    if (fileTok.kind !== "name") this.fail(fileTok, `expected a file name pattern but found ${this.describe(fileTok)}`);
    spec.filePattern = fileTok.text;
    if (!this.accept("(", "pattern")) {
      // A bare file name: every section of that file.
      spec.sectionPatterns = ["*"];
      return spec;
    }
    for (;;) {
      const t = this.lx.next("pattern");
      if (t.text === ")") break;
      if (t.text === ",") continue;
      if (t.kind !== "name") this.fail(t, `expected a section name pattern but found ${this.describe(t)}`);
      if (t.text === "EXCLUDE_FILE") { spec.excludeFiles.push(...this.nameList()); continue; }
      if (/^SORT(_BY_NAME|_BY_ALIGNMENT|_NONE)?$/.test(t.text)) {
        spec.sort = t.text === "SORT_BY_ALIGNMENT" ? "alignment" : t.text === "SORT_NONE" ? "none" : "name";
        this.expect("(", "pattern");
        for (;;) {
          const p = this.lx.next("pattern");
          if (p.text === ")") break;
          if (p.kind !== "name") this.fail(p, `expected a section name pattern but found ${this.describe(p)}`);
          spec.sectionPatterns.push(p.text);
        }
        continue;
      }
      spec.sectionPatterns.push(t.text);
    }
    if (spec.sectionPatterns.length === 0) this.fail(first, "an input section description needs at least one section name");
    return spec;
  }

  private nameList(): string[] {
    this.expect("(", "pattern");
    const names: string[] = [];
    for (;;) {
      const t = this.lx.next("pattern");
      if (t.text === ")") return names;
      if (t.kind !== "name") this.fail(t, `expected a file name but found ${this.describe(t)}`);
      names.push(t.text);
    }
  }

  // ---- expressions ----

  expr(): Expr {
    const test = this.binary(0);
    if (this.accept("?")) {
      const then = this.expr();
      this.expect(":");
      const otherwise = this.expr();
      return { kind: "conditional", test, then, otherwise };
    }
    return test;
  }

  private binary(level: number): Expr {
    if (level >= PRECEDENCE.length) return this.unary();
    let left = this.binary(level + 1);
    for (;;) {
      const t = this.lx.peek("expr");
      if (t.kind !== "punct" || !PRECEDENCE[level]!.includes(t.text)) return left;
      this.lx.next("expr");
      const right = this.binary(level + 1);
      left = { kind: "binary", op: t.text, left, right };
    }
  }

  private unary(): Expr {
    const t = this.lx.next("expr");
    if (t.kind === "punct" && (t.text === "-" || t.text === "~" || t.text === "!" || t.text === "+")) {
      return { kind: "unary", op: t.text, arg: this.unary() };
    }
    if (t.kind === "punct" && t.text === "(") {
      const e = this.expr();
      this.expect(")");
      return e;
    }
    if (t.kind === "number") return { kind: "number", value: t.value, big: t.big };
    if (t.kind === "name") {
      if (this.lx.peek("expr").text === "(" && /^[A-Z_0-9]+$/.test(t.text)) return this.call(t);
      if (t.text === "SIZEOF_HEADERS" || t.text === "sizeof_headers") this.result.usesSizeofHeaders = true;
      return { kind: "symbol", name: t.text, at: this.at(t) };
    }
    this.fail(t, `expected an expression but found ${this.describe(t)}`);
  }

  private call(fn: Token): Expr {
    this.expect("(");
    const at = this.at(fn);
    if (SECTION_NAME_FUNCS.has(fn.text) || SYMBOL_NAME_FUNCS.has(fn.text)) {
      const name = this.lx.next("pattern");
      if (name.kind !== "name") this.fail(name, `${fn.text} needs a name, found ${this.describe(name)}`);
      this.expect(")");
      return { kind: "call", fn: fn.text, args: [], name: name.text, at };
    }
    if (fn.text === "CONSTANT") {
      const name = this.lx.next("expr");
      this.expect(")");
      return { kind: "call", fn: fn.text, args: [], name: name.text, at };
    }
    if (fn.text === "SEGMENT_START") {
      const name = this.lx.next("expr");
      if (name.kind !== "string") this.fail(name, "SEGMENT_START needs a quoted segment name");
      this.expect(",");
      const dflt = this.expr();
      this.expect(")");
      return { kind: "call", fn: fn.text, args: [dflt], name: name.text, at };
    }
    const args: Expr[] = [];
    if (!this.accept(")")) {
      do args.push(this.expr()); while (this.accept(","));
      this.expect(")");
    }
    return { kind: "call", fn: fn.text, args, at };
  }
}
