// Small parsers the directive handlers share.

import type { Assembler } from "./assembler.ts";
import { Cursor, TokenError, parseExpr } from "./expr.ts";
import type { Token } from "./lexer.ts";

export type Handler = (asm: Assembler, cur: Cursor, head: Token) => void;

/** A comma-separated list of items parsed by `item` up to the end of the statement. */
export function list(cur: Cursor, item: () => void): void {
  if (cur.atEnd()) return;
  for (;;) {
    item();
    if (cur.atEnd()) return;
    cur.expectPunct(",");
  }
}

export function symbolName(cur: Cursor): Token {
  const t = cur.next();
  if (t.kind !== "ident" && t.kind !== "string") throw new TokenError(t, `expected a symbol name but found '${t.text}'`);
  return t;
}

/** A constant now, or an error naming the directive. */
export function absolute(asm: Assembler, cur: Cursor, what: string): number {
  const tok = cur.here();
  const e = parseExpr(cur);
  const v = asm.constantNow(e, asm.dot());
  if (v === undefined) throw new TokenError(tok, `${what} must be a constant known at this point`);
  return Number(v);
}

export function absoluteBig(asm: Assembler, cur: Cursor, what: string): bigint {
  const tok = cur.here();
  const v = asm.constantNow(parseExpr(cur), asm.dot());
  if (v === undefined) throw new TokenError(tok, `${what} must be a constant known at this point`);
  return v;
}
