// Feeds the assembler its statements, expanding what GNU as expands before assembling:
// `.macro`/`.endm` (with defaults, `:req`, `:vararg`, named arguments, `\@`, `\()`, `.exitm`),
// `.rept`, `.irp`, `.irpc` and the conditionals `.if*`/`.elseif`/`.else`/`.endif`.
//
// Bodies are kept as source lines and tokenized again on every expansion, because an argument
// can be glued into an identifier (`isr\num:`).

import { AsmError } from "./errors.ts";
import { Cursor } from "./expr.ts";
import { tokenizeLine, type SourceLine, type Statement, type Token } from "./lexer.ts";

/** Where expanded text is reported: its own line, or the line of the macro invocation. */
export interface Place {
  line: number;
  file: string;
}

export interface MacroHost {
  readonly file: string;
  /** The lines of an `.include`d file, or an error. */
  include(name: string, tok: Token): SourceLine[];
  /** The value of a constant expression now, or an error. */
  constantExpr(cur: Cursor, what: string): bigint;
  isDefined(name: string): boolean;
}

interface Param {
  name: string;
  default: string;
  required: boolean;
  vararg: boolean;
}

interface Macro {
  name: string;
  params: Param[];
  body: SourceLine[];
}

interface Frame {
  lines: SourceLine[];
  next: number;
  isMacro: boolean;
  /** Conditionals open when the expansion started; `.exitm` closes the ones opened since. */
  conditionDepth: number;
  /** Place reported for expanded text; undefined where lines report themselves. */
  report?: Place;
}

interface Condition {
  active: boolean; // this branch is being assembled
  taken: boolean; // some branch of this .if has been assembled
  parentActive: boolean;
}

const BLOCK_OPEN = /^(\.macro|\.rept|\.irp|\.irpc)$/i;
const BLOCK_CLOSE = /^(\.endm|\.endr)$/i;

/** The first word of a line after any labels, for recognising block boundaries. */
function firstWord(text: string): string {
  const m = /^\s*(?:(?:[A-Za-z_.$][\w.$]*|[0-9]+):\s*)*([.A-Za-z_$][\w.$]*)/.exec(text);
  return m === null ? "" : m[1].toLowerCase();
}

export class MacroReader {
  private readonly frames: Frame[] = [];
  private readonly macros = new Map<string, Macro>();
  private readonly conditions: Condition[] = [];
  private expansions = 0;

  constructor(
    private readonly host: MacroHost,
    lines: SourceLine[],
  ) {
    this.frames.push({ lines, next: 0, isMacro: false, conditionDepth: 0 });
  }

  private get active(): boolean {
    return this.conditions.length === 0 || this.conditions[this.conditions.length - 1].active;
  }

  private error(tok: Token | { line: number; column: number; file: string }, message: string): AsmError {
    return new AsmError(this.host.file, tok, message);
  }

  private nextLine(): { line: SourceLine; report: Place } | null {
    while (this.frames.length > 0) {
      const f = this.frames[this.frames.length - 1];
      if (f.next < f.lines.length) {
        const line = f.lines[f.next++];
        return { line, report: f.report ?? { line: line.line, file: line.file } };
      }
      this.frames.pop();
    }
    return null;
  }

  /** Calls `assemble` for every statement that survives expansion, in order. */
  run(assemble: (stmt: Statement) => boolean): void {
    for (let item = this.nextLine(); item !== null; item = this.nextLine()) {
      const statements = tokenizeLine(item.report.file, item.line.text, item.report.line);
      for (const stmt of statements) {
        if (this.control(stmt, item.report)) continue;
        if (!this.active) continue;
        // Labels may precede a macro invocation: define them first, then expand.
        let k = 0;
        while (k + 1 < stmt.tokens.length && (stmt.tokens[k].kind === "ident" || stmt.tokens[k].kind === "number") && stmt.tokens[k + 1].text === ":") k += 2;
        const head = stmt.tokens[k];
        const macro = head?.kind === "ident" && stmt.tokens[k + 1]?.text !== "=" ? this.macros.get(head.text.toLowerCase()) : undefined;
        if (macro !== undefined) {
          if (k > 0 && !assemble({ ...stmt, tokens: stmt.tokens.slice(0, k) })) return;
          this.invoke(macro, { ...stmt, tokens: stmt.tokens.slice(k) }, item.report);
          break; // the rest of this line (after `;`) follows the expansion in GNU as too
        }
        if (!assemble(stmt)) return;
      }
    }
    if (this.conditions.length > 0) throw this.error({ line: this.lastLine(), column: 1, file: this.host.file }, ".if without a matching .endif");
  }

  private lastLine(): number {
    const f = this.frames[0];
    return f === undefined ? 1 : f.lines.length;
  }

  /** Handles conditionals and block directives; true when the statement was consumed. */
  private control(stmt: Statement, report: Place): boolean {
    const head = stmt.tokens[0];
    if (head.kind !== "ident") return false;
    const name = head.text.toLowerCase();
    const cur = new Cursor(stmt.tokens, { ...stmt.tokens[stmt.tokens.length - 1], text: "end of line" });
    cur.pos = 1;
    if (name.startsWith(".if")) {
      const parentActive = this.active;
      const value = parentActive ? this.condition(name, head, cur, stmt) : false;
      this.conditions.push({ active: parentActive && value, taken: value, parentActive });
      return true;
    }
    if (name === ".elseif" || name === ".else" || name === ".endif") {
      const top = this.conditions[this.conditions.length - 1];
      if (top === undefined) throw this.error(head, `${name} without a matching .if`);
      if (name === ".endif") this.conditions.pop();
      else if (name === ".else") {
        top.active = top.parentActive && !top.taken;
        top.taken = true;
      } else {
        const value = top.parentActive && !top.taken ? this.condition(".if", head, cur, stmt) : false;
        top.active = value;
        top.taken ||= value;
      }
      return true;
    }
    if (!this.active) return BLOCK_OPEN.test(name) ? (this.captureBody(head, report), true) : false;
    switch (name) {
      case ".macro":
        this.define(stmt, cur, report);
        return true;
      case ".rept": {
        const count = this.host.constantExpr(cur, "the .rept count");
        const body = this.captureBody(head, report);
        const lines: SourceLine[] = [];
        for (let i = 0n; i < count; i++) lines.push(...body);
        this.push(lines, false, report);
        return true;
      }
      case ".irp":
      case ".irpc": {
        const m = /^\s*([A-Za-z_.$][\w.$]*)\s*(?:,\s*(.*))?$/.exec(textAfter(stmt, head));
        if (m === null) throw this.error(head, `${name} needs a parameter name and a list of values`);
        const body = this.captureBody(head, report);
        const list = m[2] ?? "";
        const values = name === ".irp" ? splitArguments(list) : [...list.trim()];
        const lines: SourceLine[] = [];
        for (const v of values.length === 0 ? [""] : values) {
          const args = new Map([[m[1], v]]);
          lines.push(...body.map((l) => ({ ...l, text: substitute(l.text, args, this.expansions) })));
        }
        this.push(lines, false, report);
        return true;
      }
      case ".exitm": {
        const i = this.frames.findLastIndex((f) => f.isMacro);
        if (i < 0) throw this.error(head, ".exitm outside a macro");
        this.conditions.length = this.frames[i].conditionDepth;
        this.frames.length = i;
        return true;
      }
      case ".endm":
      case ".endr":
        throw this.error(head, `${name} without a matching .macro, .rept or .irp`);
      case ".purgem": {
        const t = cur.next();
        this.macros.delete(t.text.toLowerCase());
        return true;
      }
      case ".include": {
        const t = cur.next();
        if (t.kind !== "string") throw this.error(t, 'expected a file name in double quotes after .include');
        this.push(this.host.include(t.text, t), false, report);
        return true;
      }
    }
    return false;
  }

  private condition(name: string, head: Token, cur: Cursor, stmt: Statement): boolean {
    const rest = textAfter(stmt, head).trim();
    switch (name) {
      case ".if":
      case ".ifne":
        return this.host.constantExpr(cur, "the .if condition") !== 0n;
      case ".ifeq":
        return this.host.constantExpr(cur, "the .if condition") === 0n;
      case ".ifgt":
        return this.host.constantExpr(cur, "the .if condition") > 0n;
      case ".ifge":
        return this.host.constantExpr(cur, "the .if condition") >= 0n;
      case ".iflt":
        return this.host.constantExpr(cur, "the .if condition") < 0n;
      case ".ifle":
        return this.host.constantExpr(cur, "the .if condition") <= 0n;
      case ".ifdef":
      case ".ifndef":
      case ".ifnotdef": {
        const t = cur.next();
        return this.host.isDefined(t.text) === (name === ".ifdef");
      }
      case ".ifb":
      case ".ifnb":
        return (rest === "") === (name === ".ifb");
      case ".ifc":
      case ".ifnc": {
        const [a = "", b = ""] = splitArguments(rest, true);
        return (unquote(a) === unquote(b)) === (name === ".ifc");
      }
    }
    throw this.error(head, `unknown conditional '${head.text}'`);
  }

  private define(stmt: Statement, cur: Cursor, report: Place): void {
    const nameTok = cur.next();
    if (nameTok.kind !== "ident") throw this.error(nameTok, "expected a macro name");
    const after = textAfter(stmt, nameTok);
    const params: Param[] = [];
    for (const spec of splitArguments(after)) {
      const m = /^([A-Za-z_.$][\w.$]*)(?::(req|vararg))?\s*(?:=\s*(.*))?$/s.exec(spec.trim());
      if (m === null) throw this.error(nameTok, `bad macro parameter '${spec.trim()}'`);
      params.push({ name: m[1], default: m[3] ?? "", required: m[2] === "req", vararg: m[2] === "vararg" });
    }
    const body = this.captureBody(nameTok, report);
    this.macros.set(nameTok.text.toLowerCase(), { name: nameTok.text, params, body });
  }

  /** Takes the lines up to the matching .endm/.endr out of the input. */
  private captureBody(opener: Token, report: Place): SourceLine[] {
    const body: SourceLine[] = [];
    let depth = 1;
    for (;;) {
      const item = this.nextLine();
      if (item === null) throw this.error({ ...report, column: opener.column }, `${opener.text} without a matching .endm/.endr`);
      const w = firstWord(item.line.text);
      if (BLOCK_OPEN.test(w)) depth++;
      else if (BLOCK_CLOSE.test(w) && --depth === 0) return body;
      body.push(item.line);
    }
  }

  /**
   * Lines of a macro expansion are reported at the line of the (outermost) invocation; lines of
   * a .rept/.irp body keep their own numbers unless the body itself came from a macro.
   */
  private push(lines: SourceLine[], isMacro: boolean, report: Place): void {
    if (this.frames.length > 100) throw this.error({ ...report, column: 1 }, "macros or includes nested more than 100 deep (one that uses itself?)");
    const outer = this.frames[this.frames.length - 1]?.report;
    this.frames.push({ lines, next: 0, isMacro, conditionDepth: this.conditions.length, report: isMacro ? (outer ?? report) : outer });
  }

  private invoke(macro: Macro, stmt: Statement, report: Place): void {
    const head = stmt.tokens[0];
    const rest = textAfter(stmt, head);
    // A macro of one parameter takes the whole text, blanks included, unless commas split it.
    const given = macro.params.length <= 1 && !rest.includes(",") ? (rest.trim() === "" ? [] : [rest.trim()]) : splitArguments(rest);
    const args = new Map<string, string>();
    let positional = 0;
    for (let i = 0; i < given.length; i++) {
      const named = /^([A-Za-z_.$][\w.$]*)\s*=(.*)$/s.exec(given[i]);
      const param = named !== null ? macro.params.find((p) => p.name === named[1]) : undefined;
      if (named !== null && param !== undefined) {
        args.set(param.name, named[2].trim());
        continue;
      }
      const p = macro.params[positional++];
      if (p === undefined) throw this.error(head, `too many arguments for macro '${macro.name}' (it takes ${macro.params.length})`);
      args.set(p.name, p.vararg ? given.slice(i).join(", ") : given[i]);
      if (p.vararg) break;
    }
    for (const p of macro.params) {
      if (!args.has(p.name) || args.get(p.name) === "") {
        if (p.required) throw this.error(head, `macro '${macro.name}' needs a value for parameter '${p.name}'`);
        if (!args.has(p.name) || p.default !== "") args.set(p.name, p.default);
      }
    }
    const n = this.expansions++;
    this.push(macro.body.map((l) => ({ ...l, text: substitute(l.text, args, n) })), true, report);
  }
}

/** The statement's text after token `tok`. */
function textAfter(stmt: Statement, tok: Token): string {
  return stmt.text.slice(tok.column - 1 - stmt.start + tok.text.length);
}

/** Replaces `\name` by its argument, `\@` by the expansion count and removes `\()`. */
function substitute(text: string, args: Map<string, string>, count: number): string {
  return text.replace(/\\(\(\)|@|[A-Za-z_.$][\w.$]*)/g, (whole, name: string) => {
    if (name === "()") return "";
    if (name === "@") return String(count);
    // The longest parameter name that prefixes the identifier after the backslash.
    for (let len = name.length; len > 0; len--) {
      const v = args.get(name.slice(0, len));
      if (v !== undefined) return v + name.slice(len);
    }
    return whole;
  });
}

function unquote(s: string): string {
  const t = s.trim();
  return t.startsWith('"') && t.endsWith('"') && t.length >= 2 ? t.slice(1, -1) : t;
}

/**
 * Macro arguments: separated by commas, or by blanks when the text has no top-level comma.
 * Quotes and parentheses group. `keepEmpty` keeps empty items (for .ifc).
 */
export function splitArguments(text: string, keepEmpty = false): string[] {
  const split = (sep: (c: string) => boolean): string[] => {
    const parts: string[] = [];
    let depth = 0;
    let quoted = false;
    let current = "";
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (quoted) {
        current += c;
        if (c === "\\" && i + 1 < text.length) current += text[++i];
        else if (c === '"') quoted = false;
        continue;
      }
      if (c === '"') quoted = true;
      else if (c === "(") depth++;
      else if (c === ")") depth--;
      if (depth === 0 && sep(c)) {
        parts.push(current.trim());
        current = "";
        continue;
      }
      current += c;
    }
    parts.push(current.trim());
    return parts;
  };
  const byComma = split((c) => c === ",");
  if (byComma.length > 1) return byComma;
  if (byComma[0] === "") return keepEmpty ? [""] : [];
  return split((c) => c === " " || c === "\t").filter((p) => p !== "" || keepEmpty);
}
