// Expressions: parsing from tokens, and evaluation to a value that may still name symbols.
//
// Constants are 64-bit (bigint, wrapped like GNU as's 64-bit arithmetic) so .quad is exact.
// Operator precedence is GNU as's (its expression parser, which differs from C): `* / % << >>`
// bind tightest, then `| & ^ !`, then `+ -`, then `== != <> < <= > >=`, then `&&`, then `||`.
// Comparisons yield -1 for true, as in GNU as.

import type { Token } from "./lexer.ts";

export type Expr =
  | { k: "num"; v: bigint; tok: Token }
  | { k: "sym"; name: string; tok: Token }
  | { k: "dot"; tok: Token }
  | { k: "unary"; op: string; a: Expr; tok: Token }
  | { k: "binary"; op: string; a: Expr; b: Expr; tok: Token };

/** Thrown with the token it concerns; the driver turns it into an AsmError. */
export class TokenError extends Error {
  constructor(
    readonly tok: Token | undefined,
    message: string,
  ) {
    super(message);
  }
}

/** A read position in one statement's tokens. */
export class Cursor {
  pos = 0;
  /** Called for every symbol an expression names, in source order (GNU as creates symbols then). */
  onSymbol: ((tok: Token) => void) | null = null;
  constructor(
    readonly tokens: Token[],
    readonly endToken: Token, // stands for "end of statement" in error messages
  ) {}
  peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset];
  }
  atEnd(): boolean {
    return this.pos >= this.tokens.length;
  }
  next(): Token {
    const t = this.tokens[this.pos];
    if (t === undefined) throw new TokenError(this.endToken, "unexpected end of statement");
    this.pos++;
    return t;
  }
  isPunct(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t !== undefined && t.kind === "punct" && t.text === text;
  }
  eatPunct(text: string): boolean {
    if (!this.isPunct(text)) return false;
    this.pos++;
    return true;
  }
  expectPunct(text: string): Token {
    const t = this.peek();
    if (t === undefined || t.kind !== "punct" || t.text !== text) {
      throw new TokenError(t ?? this.endToken, `expected '${text}'${t ? ` but found '${t.text}'` : " at end of statement"}`);
    }
    this.pos++;
    return t;
  }
  /** Token for errors at the current position. */
  here(): Token {
    return this.peek() ?? this.endToken;
  }
}

const BINARY_LEVELS: string[][] = [
  ["||"],
  ["&&"],
  ["==", "!=", "<>", "<", "<=", ">", ">="],
  ["+", "-"],
  ["|", "&", "^", "!"],
  ["*", "/", "%", "<<", ">>"],
];

export function parseExpr(cur: Cursor, level = 0): Expr {
  if (level === BINARY_LEVELS.length) return parseUnary(cur);
  let left = parseExpr(cur, level + 1);
  for (;;) {
    const t = cur.peek();
    if (t === undefined || t.kind !== "punct" || !BINARY_LEVELS[level].includes(t.text)) return left;
    cur.next();
    const right = parseExpr(cur, level + 1);
    left = { k: "binary", op: t.text, a: left, b: right, tok: t };
  }
}

function parseUnary(cur: Cursor): Expr {
  const t = cur.next();
  if (t.kind === "punct" && (t.text === "-" || t.text === "~" || t.text === "!" || t.text === "+")) {
    return { k: "unary", op: t.text, a: parseUnary(cur), tok: t };
  }
  if (t.kind === "punct" && t.text === "(") {
    const e = parseExpr(cur);
    cur.expectPunct(")");
    return e;
  }
  if (t.kind === "number" || t.kind === "char") return { k: "num", v: t.value ?? 0n, tok: t };
  if (t.kind === "ident") {
    if (t.text === ".") return { k: "dot", tok: t };
    cur.onSymbol?.(t);
    return { k: "sym", name: t.text, tok: t };
  }
  if (t.kind === "localref") return { k: "sym", name: t.text, tok: t };
  if (t.kind === "register") throw new TokenError(t, `register %${t.text} cannot be used in an expression here`);
  throw new TokenError(t, `expected an expression but found '${t.text}'`);
}

// ---- evaluation ----

/**
 * A symbol the evaluator could not reduce to a number: a label, an undefined symbol, a common
 * symbol. The assembler's symbol object implements this.
 */
export interface Term {
  readonly name: string;
}

/** `add + sum(plus) - sum(minus)`: at most one term each once fully reduced. */
export interface Value {
  add: bigint;
  plus: Term[];
  minus: Term[];
}

export interface EvalContext {
  /** The value of a symbol (a label's own term, an equate's value, ...). */
  symbol(name: string, tok: Token): Value;
  /** The value of `.` where the expression stands. */
  dot(tok: Token): Value;
  /** `a - b` as a number when this context knows it is fixed, else undefined. */
  difference(a: Term, b: Term): number | undefined;
}

export const constant = (v: bigint): Value => ({ add: v, plus: [], minus: [] });
export const isConstant = (v: Value): boolean => v.plus.length === 0 && v.minus.length === 0;

export function evaluate(e: Expr, ctx: EvalContext): Value {
  switch (e.k) {
    case "num":
      return constant(e.v);
    case "sym":
      return ctx.symbol(e.name, e.tok);
    case "dot":
      return ctx.dot(e.tok);
    case "unary": {
      const a = evaluate(e.a, ctx);
      if (e.op === "+") return a;
      if (e.op === "-") return { add: BigInt.asIntN(64, -a.add), plus: a.minus, minus: a.plus };
      const v = needConstant(a, e.tok, e.op);
      return constant(e.op === "~" ? ~v : v === 0n ? 1n : 0n);
    }
    case "binary": {
      const a = evaluate(e.a, ctx);
      const b = evaluate(e.b, ctx);
      if (e.op === "+") return reduce({ add: a.add + b.add, plus: [...a.plus, ...b.plus], minus: [...a.minus, ...b.minus] }, ctx);
      if (e.op === "-") return reduce({ add: a.add - b.add, plus: [...a.plus, ...b.minus], minus: [...a.minus, ...b.plus] }, ctx);
      const x = needConstant(a, e.tok, e.op);
      const y = needConstant(b, e.tok, e.op);
      return constant(binaryConstant(e.op, x, y, e.tok));
    }
  }
}

function needConstant(v: Value, tok: Token, op: string): bigint {
  if (!isConstant(v)) {
    throw new TokenError(tok, `operator '${op}' needs constant operands, but '${[...v.plus, ...v.minus][0].name}' is not a constant here`);
  }
  return v.add;
}

/** Cancels `plus[i] - minus[j]` pairs whose distance the context knows. */
function reduce(v: Value, ctx: EvalContext): Value {
  const plus = [...v.plus];
  const minus = [...v.minus];
  let add = v.add;
  for (let i = 0; i < plus.length; i++) {
    for (let j = 0; j < minus.length; j++) {
      const d = plus[i] === minus[j] ? 0 : ctx.difference(plus[i], minus[j]);
      if (d !== undefined) {
        add += BigInt(d);
        plus.splice(i, 1);
        minus.splice(j, 1);
        i--;
        break;
      }
    }
  }
  return { add: BigInt.asIntN(64, add), plus, minus };
}

const int64 = (v: bigint): bigint => BigInt.asIntN(64, v);

function binaryConstant(op: string, X: bigint, Y: bigint, tok: Token): bigint {
  const y = Y;
  switch (op) {
    case "*":
      return int64(X * Y);
    case "/":
    case "%":
      if (y === 0n) throw new TokenError(tok, "division by zero");
      return int64(op === "/" ? X / Y : X % Y);
    case "<<":
      return y >= 64n || y < 0n ? 0n : int64(X << Y);
    case ">>":
      // GNU as computes on unsigned 64-bit values: the shift is logical.
      return y >= 64n || y < 0n ? 0n : int64(BigInt.asUintN(64, X) >> Y);
    case "|":
      return int64(X | Y);
    case "&":
      return int64(X & Y);
    case "^":
      return int64(X ^ Y);
    case "!":
      return int64(X | ~Y);
    case "==":
      return X === Y ? -1n : 0n;
    case "!=":
    case "<>":
      return X !== Y ? -1n : 0n;
    case "<":
      return X < Y ? -1n : 0n;
    case "<=":
      return X <= Y ? -1n : 0n;
    case ">":
      return X > Y ? -1n : 0n;
    case ">=":
      return X >= Y ? -1n : 0n;
    case "&&":
      return X !== 0n && Y !== 0n ? 1n : 0n;
    case "||":
      return X !== 0n || Y !== 0n ? 1n : 0n;
  }
  throw new TokenError(tok, `unknown operator '${op}'`);
}
