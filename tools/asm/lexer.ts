// Splits GNU as source into statements and tokens.
//
// A statement ends at a newline or `;`. `#` starts a comment that runs to the end of the line
// (on i386 GNU as treats `#` as a comment anywhere outside strings), and `/* ... */` may span
// lines. Every token keeps its line and column so errors can point at it.

import { AsmError } from "./errors.ts";

export type TokenKind = "ident" | "number" | "localref" | "register" | "string" | "char" | "punct";

export interface Token {
  kind: TokenKind;
  text: string; // identifier/register name (without %), punctuation, or decoded string
  value?: bigint; // numbers and character constants
  line: number;
  column: number;
  file: string;
}

export interface Statement {
  tokens: Token[];
  line: number;
  column: number; // column of the first token
  text: string; // the statement's source text (macro arguments are taken from it)
  start: number; // index of `text` in its line
}

// Two-character operators are matched before single characters.
const PUNCT2 = ["<<", ">>", "==", "!=", "<>", "<=", ">=", "&&", "||"];
const PUNCT1 = "()[],:+-*/%&|^~!$=<>@{}";

const isLetter = (c: string): boolean => (c >= "a" && c <= "z") || (c >= "A" && c <= "Z");
const isIdentStart = (c: string): boolean => isLetter(c) || c === "_" || c === ".";
const isIdentChar = (c: string): boolean => isIdentStart(c) || (c >= "0" && c <= "9") || c === "$";
const isDigit = (c: string): boolean => c >= "0" && c <= "9";

/**
 * The source split into lines with comments blanked out (replaced by spaces, so columns and
 * line numbers stay true). Macro bodies are kept as these lines and tokenized on expansion.
 */
export interface SourceLine {
  text: string;
  line: number;
  file: string;
}

export function sourceLines(file: string, source: string): SourceLine[] {
  // Copies the source in runs, blanking comments; only the characters that can start or end
  // a comment or a string are looked at one by one.
  let out = "";
  let copied = 0;
  const blank = (from: number, to: number): void => {
    out += source.slice(copied, from) + source.slice(from, to).replace(/[^\n]/g, " ");
    copied = to;
  };
  const special = /["'#/\n]/g;
  const n = source.length;
  let line = 1;
  let lineStart = 0;
  let i = 0;
  for (;;) {
    special.lastIndex = i;
    const m = special.exec(source);
    if (m === null) break;
    i = m.index;
    const c = source[i];
    if (c === "\n") {
      line++;
      lineStart = ++i;
    } else if (c === '"') {
      // Skip a string; the tokenizer reports an unterminated one.
      i++;
      while (i < n && source[i] !== '"' && source[i] !== "\n") i += source[i] === "\\" && source[i + 1] !== "\n" ? 2 : 1;
      if (source[i] === '"') i++;
    } else if (c === "'") {
      i += source[i + 1] === "\\" ? 3 : 2;
    } else if (c === "#") {
      const end = source.indexOf("\n", i);
      blank(i, end < 0 ? n : end);
      i = end < 0 ? n : end;
    } else if (source[i + 1] === "*") {
      const end = source.indexOf("*/", i + 2);
      if (end < 0) throw new AsmError(file, { line, column: i - lineStart + 1 }, "unterminated /* comment");
      for (let k = source.indexOf("\n", i); k >= 0 && k < end; k = source.indexOf("\n", k + 1)) {
        line++;
        lineStart = k + 1;
      }
      blank(i, end + 2);
      i = end + 2;
    } else i++;
  }
  out += source.slice(copied);
  return out.split("\n").map((text, k) => ({ text: text.endsWith("\r") ? text.slice(0, -1) : text, line: k + 1, file }));
}

/** Splits one comment-free line into statements (`;` separates them) of tokens. */
export function tokenizeLine(file: string, source: string, line: number): Statement[] {
  const statements: Statement[] = [];
  let tokens: Token[] = [];
  const lineStart = 0;
  let i = 0;
  let statementStart = 0;
  const n = source.length;

  const fail = (at: number, message: string): never => {
    throw new AsmError(file, { line, column: at - lineStart + 1, file }, message);
  };
  const endStatement = (end: number): void => {
    if (tokens.length > 0) statements.push({ tokens, line, column: tokens[0].column, text: source.slice(statementStart, end), start: statementStart });
    tokens = [];
    statementStart = end + 1;
  };
  const push = (kind: TokenKind, text: string, start: number, value?: bigint): void => {
    tokens.push({ kind, text, value, line, column: start - lineStart + 1, file });
  };

  while (i < n) {
    const c = source[i];
    if (c === ";") {
      endStatement(i);
      i++;
      continue;
    }
    if (c === " " || c === "\t" || c === "\r" || c === "\f" || c === "\v") {
      i++;
      continue;
    }
    const start = i;
    if (c === '"') {
      i++;
      let text = "";
      for (;;) {
        if (i >= n) fail(start, "unterminated string");
        const d = source[i];
        if (d === '"') {
          i++;
          break;
        }
        if (d === "\\") {
          const [ch, next] = readEscape(source, i + 1, () => fail(i, "bad escape at end of input"));
          text += ch;
          i = next;
          continue;
        }
        // Strings hold bytes: characters beyond ASCII become their UTF-8 bytes, as GNU as sees them.
        const cp = source.codePointAt(i) ?? 0;
        const width = cp > 0xffff ? 2 : 1;
        for (const b of new TextEncoder().encode(source.slice(i, i + width))) text += String.fromCharCode(b);
        i += width;
      }
      push("string", text, start);
      continue;
    }
    if (c === "'") {
      // GNU as: a quote followed by one (possibly escaped) character; a closing quote is optional.
      if (i + 1 >= n) fail(start, "character constant needs a character after the quote");
      let ch: string;
      let next: number;
      if (source[i + 1] === "\\") [ch, next] = readEscape(source, i + 2, () => fail(i, "bad escape at end of input"));
      else [ch, next] = [source[i + 1], i + 2];
      if (source[next] === "'") next++;
      i = next;
      push("char", ch, start, BigInt(ch.charCodeAt(0)));
      continue;
    }
    if (c === "%" && i + 1 < n && isLetter(source[i + 1])) {
      i++;
      while (i < n && (isLetter(source[i]) || isDigit(source[i]))) i++;
      push("register", source.slice(start + 1, i).toLowerCase(), start);
      continue;
    }
    if (isDigit(c)) {
      while (i < n && (isLetter(source[i]) || isDigit(source[i]) || source[i] === "_")) i++;
      const text = source.slice(start, i);
      if (/^[0-9]+[bf]$/i.test(text) && !/^0b[01]+$/i.test(text)) {
        push("localref", text.toLowerCase(), start);
        continue;
      }
      const value = parseNumber(text);
      if (value === undefined) fail(start, `bad number '${text}'`);
      push("number", text, start, value);
      continue;
    }
    if (isIdentStart(c)) {
      while (i < n && isIdentChar(source[i])) i++;
      push("ident", source.slice(start, i), start);
      continue;
    }
    const two = source.slice(i, i + 2);
    if (PUNCT2.includes(two)) {
      i += 2;
      push("punct", two, start);
      continue;
    }
    if (PUNCT1.includes(c)) {
      i++;
      push("punct", c, start);
      continue;
    }
    fail(start, `unexpected character '${c}'`);
  }
  endStatement(n);
  return statements;
}

function parseNumber(text: string): bigint | undefined {
  let m: RegExpMatchArray | null;
  if ((m = /^0[xX]([0-9a-fA-F]+)$/.exec(text))) return BigInt("0x" + m[1]);
  if ((m = /^0[bB]([01]+)$/.exec(text))) return BigInt("0b" + m[1]);
  if (/^0[0-7]*$/.test(text)) return text.length === 1 ? 0n : BigInt("0o" + text.slice(1));
  if (/^[1-9][0-9]*$/.test(text)) return BigInt(text);
  return undefined;
}

/** Decodes the escape whose first character (after the backslash) is at `i`. */
function readEscape(source: string, i: number, fail: () => never): [string, number] {
  if (i >= source.length) fail();
  const c = source[i];
  const simple: Record<string, string> = { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", v: "\v", a: "\x07", e: "\x1b", "\\": "\\", '"': '"', "'": "'" };
  if (c in simple) return [simple[c], i + 1];
  if (c >= "0" && c <= "7") {
    let j = i;
    let v = 0;
    while (j < i + 3 && source[j] >= "0" && source[j] <= "7") v = v * 8 + (source.charCodeAt(j++) - 48);
    return [String.fromCharCode(v & 0xff), j];
  }
  if (c === "x" || c === "X") {
    let j = i + 1;
    let v = 0;
    while (j < source.length && /[0-9a-fA-F]/.test(source[j])) v = (v * 16 + Number.parseInt(source[j++], 16)) & 0xff;
    return [String.fromCharCode(v), j];
  }
  return [c, i + 1];
}
