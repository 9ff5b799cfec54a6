// AT&T operands: `%reg`, `$expr`, `*target`, and memory `seg:disp(base,index,scale)`.
// A bare expression is a memory operand with only a displacement (for jumps and calls it is
// the branch target).

import { Cursor, TokenError, parseExpr, type Expr } from "./expr.ts";
import type { Token } from "./lexer.ts";
import { fpuRegister, lookupRegister, type Register } from "./registers.ts";

export interface RegOperand {
  kind: "reg";
  reg: Register;
  indirect: boolean;
  tok: Token;
}

export interface ImmOperand {
  kind: "imm";
  expr: Expr;
  tok: Token;
}

export interface MemOperand {
  kind: "mem";
  seg?: Register;
  disp?: Expr;
  base?: Register;
  index?: Register;
  scale: 1 | 2 | 4 | 8;
  indirect: boolean;
  tok: Token;
}

export type Operand = RegOperand | ImmOperand | MemOperand;

/** Parses comma-separated operands up to the end of the statement. */
export function parseOperands(cur: Cursor): Operand[] {
  const ops: Operand[] = [];
  if (cur.atEnd()) return ops;
  for (;;) {
    ops.push(parseOperand(cur));
    if (cur.atEnd()) return ops;
    cur.expectPunct(",");
  }
}

function register(tok: Token): Register {
  const r = lookupRegister(tok.text);
  if (r === undefined) throw new TokenError(tok, `unknown register %${tok.text}`);
  return r;
}

export function parseOperand(cur: Cursor): Operand {
  const first = cur.here();
  if (cur.eatPunct("$")) return { kind: "imm", expr: parseExpr(cur), tok: first };
  const indirect = cur.eatPunct("*");
  const t = cur.here();
  if (t.kind === "register" && t.text === "st") {
    cur.next();
    let n = 0;
    if (cur.isPunct("(") && cur.peek(1)?.kind === "number" && cur.isPunct(")", 2)) {
      cur.next();
      const num = cur.next();
      cur.next();
      n = Number(num.value);
      if (n > 7) throw new TokenError(num, `there is no %st(${n}); the x87 stack has %st(0) to %st(7)`);
    }
    return { kind: "reg", reg: fpuRegister(n), indirect, tok: first };
  }
  if (t.kind === "register" && !cur.isPunct(":", 1)) {
    cur.next();
    return { kind: "reg", reg: register(t), indirect, tok: first };
  }
  let seg: Register | undefined;
  if (t.kind === "register") {
    cur.next();
    seg = register(t);
    if (seg.cls !== "sreg") throw new TokenError(t, `%${t.text} is not a segment register and cannot prefix a memory operand`);
    cur.expectPunct(":");
  }
  const mem: MemOperand = { kind: "mem", seg, scale: 1, indirect, tok: first };
  // A '(' opens the base/index part only when a register or ',' follows; otherwise it is a
  // parenthesised displacement such as `(8+4)(%eax)`.
  const opensAddress = (): boolean =>
    cur.isPunct("(") && (cur.peek(1)?.kind === "register" || cur.isPunct(",", 1));
  if (!opensAddress()) {
    if (cur.atEnd() || cur.isPunct(",")) throw new TokenError(cur.here(), "expected an operand");
    mem.disp = parseExpr(cur);
  }
  if (opensAddress()) {
    cur.next();
    if (cur.peek()?.kind === "register") mem.base = register(cur.next());
    if (cur.eatPunct(",")) {
      if (cur.peek()?.kind === "register") {
        const it = cur.next();
        mem.index = register(it);
        if (mem.index.name === "esp" || mem.index.name === "sp") throw new TokenError(it, `%${it.text} cannot be an index register`);
      }
      if (cur.eatPunct(",") && !cur.isPunct(")")) {
        const st = cur.next();
        if (st.kind !== "number" || ![1, 2, 4, 8].includes(Number(st.value ?? 0))) {
          throw new TokenError(st, `scale factor must be 1, 2, 4 or 8, not '${st.text}'`);
        }
        mem.scale = Number(st.value) as 1 | 2 | 4 | 8;
      }
    }
    cur.expectPunct(")");
    for (const r of [mem.base, mem.index]) {
      if (r !== undefined && r.cls !== "gpr32" && r.cls !== "gpr16") {
        throw new TokenError(first, `%${r.name} cannot be used as a base or index register`);
      }
    }
    if (mem.base && mem.index && mem.base.cls !== mem.index.cls) {
      throw new TokenError(first, `base %${mem.base.name} and index %${mem.index.name} must have the same size`);
    }
  }
  return mem;
}
