// Tokens of the GNU ld script language. As in GNU ld, what counts as one "name" depends on
// where the parser is: inside an input section description `*(.text.*)` a name may hold
// wildcard and punctuation characters; inside an expression `.+4` is three tokens. So the
// parser asks for the next token in a mode, and the lexer never runs ahead.
import { LinkError } from "../errors.ts";

export type TokenKind = "name" | "number" | "string" | "punct" | "eof";

export interface Token {
  kind: TokenKind;
  text: string;
  /** Numeric value for "number", modulo 2^32 (the evaluator's arithmetic). */
  value: number;
  /** The exact value of a "number" (up to 64 bits, for QUAD). */
  big?: bigint;
  start: number;
  end: number;
}

export type LexMode = "expr" | "pattern";

const EXPR_NAME_START = /[A-Za-z_.$]/;
const EXPR_NAME_CHAR = /[A-Za-z0-9_.$]/;
// GNU ld's wildcard-name characters; `(`, `)`, `,`, `;`, `{`, `}`, `=` and spaces end a name.
const PATTERN_CHAR = /[A-Za-z0-9_.$/\\~\-+:[\]*?^!]/;
const PUNCTS = ["<<=", ">>=", "+=", "-=", "*=", "/=", "&=", "|=", "<<", ">>", "==", "!=", "<=", ">=", "&&", "||",
  "=", "+", "-", "*", "/", "%", "&", "|", "^", "~", "!", "<", ">", "?", ":", "(", ")", "{", "}", ";", ","];

export class Lexer {
  pos = 0;

  constructor(readonly source: string, readonly fileName: string) {}

  /** "kernel.ld:3:14" for the character at `offset`. */
  where(offset: number): string {
    let line = 1;
    let col = 1;
    for (let i = 0; i < offset && i < this.source.length; i++) {
      if (this.source[i] === "\n") { line++; col = 1; } else col++;
    }
    return `${this.fileName}:${line}:${col}`;
  }

  fail(offset: number, what: string): never {
    throw new LinkError(`${this.where(offset)}: ${what}`);
  }

  private skipSpaceAndComments(): void {
    const s = this.source;
    for (;;) {
      while (this.pos < s.length && /\s/.test(s[this.pos]!)) this.pos++;
      if (s.startsWith("/*", this.pos)) {
        const end = s.indexOf("*/", this.pos + 2);
        if (end < 0) this.fail(this.pos, "comment is not closed (missing */)");
        this.pos = end + 2;
        continue;
      }
      if (s[this.pos] === "#") {
        // Not GNU ld syntax, but harmless and handy in generated scripts: a line comment.
        while (this.pos < s.length && s[this.pos] !== "\n") this.pos++;
        continue;
      }
      return;
    }
  }

  /** Look at the next token without consuming it. */
  peek(mode: LexMode): Token {
    const saved = this.pos;
    const t = this.next(mode);
    this.pos = saved;
    return t;
  }

  next(mode: LexMode): Token {
    this.skipSpaceAndComments();
    const s = this.source;
    const start = this.pos;
    if (start >= s.length) return { kind: "eof", text: "", value: 0, start, end: start };
    const c = s[start]!;
    if (c === '"') {
      const end = s.indexOf('"', start + 1);
      if (end < 0) this.fail(start, "string is not closed (missing \")");
      this.pos = end + 1;
      return { kind: "string", text: s.slice(start + 1, end), value: 0, start, end: this.pos };
    }
    if (mode === "expr" && /[0-9]/.test(c)) return this.number(start);
    if (mode === "expr" ? EXPR_NAME_START.test(c) : PATTERN_CHAR.test(c)) {
      const re = mode === "expr" ? EXPR_NAME_CHAR : PATTERN_CHAR;
      let end = start + 1;
      while (end < s.length && re.test(s[end]!)) end++;
      this.pos = end;
      return { kind: "name", text: s.slice(start, end), value: 0, start, end };
    }
    for (const p of PUNCTS) {
      if (s.startsWith(p, start)) {
        this.pos = start + p.length;
        return { kind: "punct", text: p, value: 0, start, end: this.pos };
      }
    }
    this.fail(start, `unexpected character '${c}'`);
  }

  /** GNU ld integer forms: 0x1F, 1Fh, 017 (octal), 0b101, 101b, 10o, 12d, with K or M suffix. */
  private number(start: number): Token {
    const s = this.source;
    let end = start;
    while (end < s.length && /[0-9A-Za-z_]/.test(s[end]!)) end++;
    const text = s.slice(start, end);
    this.pos = end;
    let body = text;
    let scale = 1;
    // K and M are not hex digits, so the suffix is unambiguous in every base.
    if (/[KM]$/.test(body)) {
      scale = body.endsWith("K") ? 1024 : 1024 * 1024;
      body = body.slice(0, -1);
    }
    let digits: string;
    let m: RegExpMatchArray | null;
    if ((m = /^0[xX]([0-9A-Fa-f]+)$/.exec(body))) digits = `0x${m[1]}`;
    else if ((m = /^0[bB]([01]+)$/.exec(body))) digits = `0b${m[1]}`;
    else if ((m = /^([0-9A-Fa-f]+)[hH]$/.exec(body))) digits = `0x${m[1]}`;
    else if ((m = /^([0-7]+)[oOqQ]$/.exec(body))) digits = `0o${m[1]}`;
    else if ((m = /^([01]+)[bB]$/.exec(body))) digits = `0b${m[1]}`;
    else if ((m = /^([0-9]+)[dD]$/.exec(body))) digits = m[1]!;
    else if ((m = /^0([0-7]+)$/.exec(body))) digits = `0o${m[1]}`;
    else if ((m = /^([0-9]+)$/.exec(body))) digits = m[1]!;
    else this.fail(start, `'${text}' is not a number`);
    const big = BigInt(digits) * BigInt(scale);
    if (big >= 1n << 64n) this.fail(start, `number ${text} does not fit in 64 bits`);
    return { kind: "number", text, value: Number(big & 0xffffffffn), big, start, end };
  }
}
