// The assembler's reading pass: statements in, sections/frags/symbols/fixups out.
//
// Labels, instructions and `sym = expr` are handled here; macros and conditionals are
// expanded by macros.ts before statements arrive, directives live in directives.ts,
// instruction encoding in encoder.ts, and everything that needs final addresses in relax.ts
// (placement) and layout.ts (bytes, fixups, relocations).

import { AsmError, type SourcePos } from "./errors.ts";
import { Cursor, TokenError, evaluate, isConstant, parseExpr, type EvalContext, type Expr, type Value } from "./expr.ts";
import { encodeInstruction, type PrefixSlots } from "./encoder.ts";
import { PREFIXES } from "./isa-table.ts";
import { sourceLines, type Statement, type Token } from "./lexer.ts";
import { MacroReader, type MacroHost } from "./macros.ts";
import { Frag, Section, Sym, type SectionType } from "./object-model.ts";
import { parseOperands } from "./operands.ts";
import { runDirective } from "./directives.ts";
import { defaultSectionAttributes } from "./section-defaults.ts";
import { LineTable } from "./dwarf-lines.ts";
import { CfiTable } from "./cfi.ts";

export interface AssemblerOptions {
  /** Line information for the source itself (GNU as -g). */
  debug?: boolean;
  /** The compilation directory recorded with line information. */
  compDir?: string;
  /** Reads an `.include`d file: its path (as recorded) and text, or undefined when missing. */
  include?: (name: string) => { path: string; text: string } | undefined;
}

export class Assembler {
  readonly sections: Section[] = [];
  readonly symbols = new Map<string, Sym>();
  /** Symbols in creation order: GNU as writes .symtab in this order. */
  readonly symbolOrder: Sym[] = [];
  section!: Section;
  previousSection: Section | null = null;
  readonly sectionStack: [Section, Section | null][] = [];
  code16 = false;
  fileSymbol: Sym | null = null;
  readonly lines: LineTable;
  readonly cfi = new CfiTable();
  ended = false;
  private readonly localLabelCount = new Map<string, number>();
  private nextOrder = 0;
  private expanding = new Set<Sym>();

  constructor(
    readonly file: string,
    private readonly options: AssemblerOptions = {},
  ) {
    this.lines = new LineTable(file, options.debug ?? false, options.compDir ?? ".");
    for (const name of [".text", ".data", ".bss"]) this.getSection(name);
    this.section = this.sections[0];
  }

  error(pos: SourcePos, message: string): AsmError {
    return new AsmError(this.file, pos, message);
  }

  run(source: string): void {
    const host: MacroHost = {
      file: this.file,
      constantExpr: (cur, what) => {
        const tok = cur.here();
        const v = this.constantNow(parseExpr(cur), this.dot());
        if (v === undefined) throw new TokenError(tok, `${what} must be a constant known at this point`);
        this.expectEnd(cur);
        return v;
      },
      include: (name, tok) => {
        const found = this.options.include?.(name);
        if (this.options.include === undefined) throw new TokenError(tok, `.include "${name}": this caller gave the assembler no way to read files`);
        if (found === undefined) throw new TokenError(tok, `cannot find include file '${name}'`);
        return sourceLines(found.path, found.text);
      },
      isDefined: (name) => {
        const sym = this.symbols.get(name);
        return sym !== undefined && sym.kind !== "undefined";
      },
    };
    const reader = new MacroReader(host, sourceLines(this.file, source));
    let current: Statement | null = null;
    try {
      reader.run((stmt) => {
        current = stmt;
        this.statement(stmt);
        return !this.ended;
      });
    } catch (e) {
      if (e instanceof TokenError) throw this.error(e.tok ?? current ?? { line: 1, column: 1 }, e.message);
      throw e;
    }
  }

  // ---- symbols ----

  newSym(name: string, temporary: boolean): Sym {
    const sym = new Sym(name, temporary, this.nextOrder++);
    this.symbolOrder.push(sym);
    return sym;
  }

  /** The symbol a name in an expression or directive refers to, created on first use. */
  ref(name: string, tok: Token): Sym {
    const resolved = this.resolveLocalRef(name, tok);
    let sym = this.symbols.get(resolved);
    if (sym === undefined) {
      sym = this.newSym(resolved, resolved.startsWith(".L") || resolved.includes("\u0002"));
      this.symbols.set(resolved, sym);
    }
    sym.firstUse ??= { line: tok.line, column: tok.column, file: tok.file };
    return sym;
  }

  /** `1b` / `1f` name the previous / next definition of the numeric label `1`. */
  private resolveLocalRef(name: string, tok: Token): string {
    const m = /^([0-9]+)([bf])$/.exec(name);
    if (m === null || tok.kind !== "localref") return name;
    const count = this.localLabelCount.get(m[1]) ?? 0;
    if (m[2] === "b" && count === 0) throw new TokenError(tok, `local label '${m[1]}b' refers backward, but no '${m[1]}:' comes before it`);
    return `${m[1]}\u0002${m[2] === "b" ? count : count + 1}`;
  }

  defineLabel(tok: Token): void {
    let name = tok.text;
    if (tok.kind === "number") {
      const count = (this.localLabelCount.get(name) ?? 0) + 1;
      this.localLabelCount.set(name, count);
      name = `${name}\u0002${count}`;
    }
    const sym = this.ref(name, { ...tok, kind: "ident" });
    if (sym.kind !== "undefined") throw new TokenError(tok, `symbol '${tok.text}' is already defined`);
    sym.kind = "label";
    sym.frag = this.frag;
    sym.offset = this.frag.bytes.length;
  }

  /** A temporary symbol standing for the current location (`.`). */
  dot(): Sym {
    const sym = new Sym(".", true, -1);
    sym.kind = "label";
    sym.frag = this.frag;
    sym.offset = this.frag.bytes.length;
    return sym;
  }

  // ---- expressions while reading ----

  /** Evaluation as the source is read: labels in the same frag have a known distance. */
  readContext(dot: Sym): EvalContext {
    return {
      symbol: (name, tok) => this.symbolValue(this.ref(name, tok), (d) => this.readContext(d)),
      dot: () => ({ add: 0n, plus: [dot], minus: [] }),
      difference: (a, b) => {
        if (!(a instanceof Sym) || !(b instanceof Sym)) return undefined;
        if (a.kind !== "label" || b.kind !== "label" || a.frag !== b.frag) return undefined;
        return a.offset - b.offset;
      },
    };
  }

  symbolValue(sym: Sym, contextFor: (dot: Sym) => EvalContext): Value {
    if (sym.kind !== "equ" || sym.equ === null) return { add: 0n, plus: [sym], minus: [] };
    if (this.expanding.has(sym)) throw new TokenError(undefined, `symbol '${sym.name}' is defined in terms of itself`);
    this.expanding.add(sym);
    try {
      return evaluate(sym.equ.expr, contextFor(sym.equ.dot));
    } finally {
      this.expanding.delete(sym);
    }
  }

  /** The value of `e` if it is already a constant, else undefined (it becomes a fixup). */
  constantNow(e: Expr, dot: Sym): bigint | undefined {
    try {
      const v = evaluate(e, this.readContext(dot));
      return isConstant(v) ? v.add : undefined;
    } catch (err) {
      if (err instanceof TokenError) return undefined;
      throw err;
    }
  }

  // ---- sections and output ----

  get frag(): Frag {
    return this.section.current;
  }

  getSection(name: string, type?: SectionType, flags?: string): Section {
    let s = this.sections.find((x) => x.name === name);
    if (s === undefined) {
      const defaults = defaultSectionAttributes(name);
      const sym = this.newSym(name, true);
      sym.kind = "section";
      s = new Section(name, type ?? defaults.type, flags ?? defaults.flags, sym);
      s.entsize = defaults.entsize;
      sym.section = s;
      this.sections.push(s);
    } else {
      if (type !== undefined) s.type = type;
      if (flags !== undefined) s.flags = flags;
    }
    return s;
  }

  switchSection(s: Section): void {
    if (s !== this.section) {
      this.previousSection = this.section;
      this.section = s;
    }
  }

  emitBytes(bytes: ArrayLike<number>): void {
    if (this.section.type === "nobits") {
      for (let i = 0; i < bytes.length; i++) {
        if (bytes[i] !== 0) throw new TokenError(undefined, `section ${this.section.name} holds no data; only zeros may be reserved in it`);
      }
    }
    const b = this.frag.bytes;
    for (let i = 0; i < bytes.length; i++) b.push(bytes[i]);
  }

  addFixup(offset: number, size: 1 | 2 | 4 | 8, expr: Expr, dot: Sym, pcrel: boolean, pos: SourcePos): void {
    this.section.fixups.push({ frag: this.frag, offset, size, expr, dot, pcrel, pos });
  }

  /** Ends the current frag with a variable-size tail and starts a new one. */
  closeFrag(tail: NonNullable<Frag["tail"]>): void {
    this.frag.tail = tail;
    this.section.frags.push(new Frag(this.section));
  }

  // ---- statements ----

  private statement(stmt: Statement): void {
    const tokens = stmt.tokens;
    let pos = 0;
    // Labels: `name:` or `1:` (a `::` is not ours, GNU as does not have it on ELF either).
    while (pos + 1 < tokens.length && (tokens[pos].kind === "ident" || tokens[pos].kind === "number") && tokens[pos + 1].kind === "punct" && tokens[pos + 1].text === ":") {
      this.defineLabel(tokens[pos]);
      pos += 2;
    }
    if (pos >= tokens.length) return;
    // `1b`/`1f` mean the instance of label 1 around this statement, so resolve them now.
    for (let i = pos; i < tokens.length; i++) {
      if (tokens[i].kind === "localref") tokens[i] = { ...tokens[i], kind: "ident", text: this.resolveLocalRef(tokens[i].text, tokens[i]) };
    }
    const last = tokens[tokens.length - 1];
    const endTok: Token = { ...last, kind: "punct", text: "end of line", column: last.column + Math.max(1, last.text.length) };
    const cur = new Cursor(tokens, endTok);
    cur.pos = pos;
    cur.onSymbol = (tok) => {
      this.ref(tok.text, tok).referenced = true;
    };
    const head = cur.next();
    if (head.kind !== "ident") throw new TokenError(head, `expected an instruction or directive but found '${head.text}'`);
    if (cur.isPunct("=")) {
      cur.next();
      this.ref(head.text, head);
      this.assign(head, parseExpr(cur), false);
      this.expectEnd(cur);
      return;
    }
    if (head.text.startsWith(".")) {
      runDirective(this, head, cur);
      return;
    }
    this.instruction(head, cur);
  }

  expectEnd(cur: Cursor): void {
    if (!cur.atEnd()) throw new TokenError(cur.here(), `unexpected '${cur.here().text}' after the end of the statement`);
  }

  /** `sym = expr`, `.set`, `.equ`, `.equiv`. */
  assign(nameTok: Token, expr: Expr, onlyOnce: boolean): void {
    const sym = this.ref(nameTok.text, nameTok);
    if (sym.kind === "label" || sym.kind === "common" || (onlyOnce && sym.kind === "equ")) {
      throw new TokenError(nameTok, `symbol '${nameTok.text}' is already defined`);
    }
    const dot = this.dot();
    // A constant is captured now (so `.set x, x+1` works); anything else is kept as an expression.
    const value = this.constantNow(expr, dot);
    sym.kind = "equ";
    sym.equ = { expr: value === undefined ? expr : { k: "num", v: value, tok: nameTok }, dot };
  }

  private instruction(head: Token, cur: Cursor): void {
    const prefixes: PrefixSlots = {};
    let mn = head;
    while (PREFIXES.has(mn.text.toLowerCase()) && cur.peek()?.kind === "ident") {
      const p = PREFIXES.get(mn.text.toLowerCase())!;
      prefixes[p.slot] = p.byte;
      mn = cur.next();
    }
    const lone = PREFIXES.get(mn.text.toLowerCase());
    if (lone !== undefined && cur.atEnd()) {
      this.lines.instruction(this, head);
      prefixes[lone.slot] = lone.byte;
      this.emitBytes((["seg", "addr", "data", "rep", "lock"] as const).flatMap((s) => (prefixes[s] === undefined ? [] : [prefixes[s]])));
      return;
    }
    const first = cur.peek();
    if (first !== undefined && first.line === mn.line && first.column === mn.column + mn.text.length) {
      throw new TokenError(first, `put a space between '${mn.text}' and its operands`);
    }
    const ops = parseOperands(cur);
    this.lines.instruction(this, head);
    const dot = this.dot();
    const pos: SourcePos = { line: head.line, column: head.column, file: head.file };
    const enc = encodeInstruction(mn, prefixes, ops, { code16: this.code16, constant: (e) => this.constantNow(e, dot) });
    if (this.section.type === "nobits") throw new TokenError(mn, `instructions cannot go in section ${this.section.name}, which holds no data`);
    if (enc.kind === "jump") {
      this.emitBytes(enc.prefix);
      this.closeFrag({ kind: "jump", cc: enc.cc, target: enc.target, dot, code16: this.code16, long: false, relaxable: true, pos });
      return;
    }
    const base = this.frag.bytes.length;
    this.emitBytes(enc.bytes);
    for (const f of enc.fixups) this.addFixup(base + f.offset, f.size, f.expr, dot, f.pcrel, pos);
  }
}
