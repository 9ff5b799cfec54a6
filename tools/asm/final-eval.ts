// Expression evaluation once every frag has an address: labels of one section have a known
// distance, and `.` is the address where the expression stood.

import type { Assembler } from "./assembler.ts";
import { AsmError } from "./errors.ts";
import { TokenError, evaluate, type EvalContext, type Value } from "./expr.ts";
import { Sym, type Fixup } from "./object-model.ts";

/** Evaluation with final addresses: labels in the same section have a known distance. */
export function finalContext(asm: Assembler, dot: Sym): EvalContext {
  return {
    symbol: (name, tok) => {
      const sym = asm.ref(name, tok);
      const v = asm.symbolValue(sym, (d) => finalContext(asm, d));
      // A global equate of an address stays itself in relocations (it may be preempted), as in GNU as.
      if (sym.kind === "equ" && sym.binding !== "local" && v.plus.length === 1 && v.minus.length === 0) return { add: 0n, plus: [sym], minus: [] };
      return v;
    },
    dot: () => ({ add: 0n, plus: [dot], minus: [] }),
    difference: (a, b) => {
      if (!(a instanceof Sym) || !(b instanceof Sym)) return undefined;
      if (a.kind !== "label" || b.kind !== "label" || a.frag?.section !== b.frag?.section) return undefined;
      return a.address - b.address;
    },
  };
}

export function evaluateAt(asm: Assembler, f: { expr: Fixup["expr"]; dot: Sym; pos: Fixup["pos"] }): Value {
  try {
    return evaluate(f.expr, finalContext(asm, f.dot));
  } catch (e) {
    if (e instanceof TokenError) throw new AsmError(asm.file, e.tok ?? f.pos, e.message);
    throw e;
  }
}

