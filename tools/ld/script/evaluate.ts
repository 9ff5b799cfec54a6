// Evaluating script expressions. Values are 32-bit addresses (arithmetic wraps modulo 2^32,
// as on the target). Each value also remembers whether it is section-relative (derived from
// `.`, a section symbol or ADDR()) or a plain number, because GNU ld gives a plain number
// assigned inside an output section the meaning "offset from the section start".
import { LinkError } from "../errors.ts";
import type { OutputSection } from "../output-section.ts";
import type { Expr } from "./ast.ts";

export interface Value {
  value: number;
  /** Set when the value is an address inside (or relative to) this output section. */
  section?: OutputSection;
}

export interface EvalContext {
  /** The location counter as an absolute address. */
  dot: number;
  /** The output section whose body is being laid out, if any. */
  inSection?: OutputSection;
  /** Outside sections, `.` counts as an address in the last section placed (as in GNU ld). */
  dotSection?: OutputSection;
  /** A symbol's current value, or undefined when it is not known (yet). */
  symbol(name: string): Value | undefined;
  section(name: string): OutputSection | undefined;
  isDefined(name: string): boolean;
  sizeofHeaders: number;
  maxPageSize: number;
  /** Called for a symbol that has no value in this pass: the caller may retry or report. */
  unresolved(name: string, at: string): void;
}

const u32 = (n: number): number => n >>> 0;
const plain = (value: number): Value => ({ value: u32(value) });

export function alignUp(value: number, alignment: number): number {
  if (alignment <= 1) return u32(value);
  return u32(Math.ceil(value / alignment) * alignment);
}

export function evaluate(e: Expr, cx: EvalContext): Value {
  switch (e.kind) {
    case "number":
      return plain(e.value);
    case "symbol": {
      if (e.name === ".") return { value: cx.dot, section: cx.inSection ?? cx.dotSection };
      if (e.name === "SIZEOF_HEADERS" || e.name === "sizeof_headers") return plain(cx.sizeofHeaders);
      const v = cx.symbol(e.name);
      if (v === undefined) {
        cx.unresolved(e.name, e.at);
        return plain(0);
      }
      return v;
    }
    case "unary": {
      const a = evaluate(e.arg, cx).value;
      switch (e.op) {
        case "-": return plain(-a);
        case "~": return plain(~a);
        case "!": return plain(a === 0 ? 1 : 0);
        default: return plain(a);
      }
    }
    case "conditional":
      return evaluate(e.test, cx).value !== 0 ? evaluate(e.then, cx) : evaluate(e.otherwise, cx);
    case "binary":
      return binary(e.op, evaluate(e.left, cx), evaluate(e.right, cx), e);
    case "call":
      return call(e, cx);
  }
}

function binary(op: string, l: Value, r: Value, e: Expr): Value {
  const a = l.value;
  const b = r.value;
  switch (op) {
    // An address plus or minus a number stays an address in the same section; the
    // difference of two addresses is a plain number.
    case "+": return { value: u32(a + b), section: l.section ?? r.section };
    case "-": return { value: u32(a - b), section: r.section === undefined ? l.section : undefined };
    case "*": return plain(Math.imul(a, b));
    case "/":
    case "%":
      if (b === 0) throw new LinkError(`${exprWhere(e)}division by zero in a linker script expression`);
      return plain(op === "/" ? Math.floor(a / b) : a % b);
    case "<<": return plain(b >= 32 ? 0 : a << b);
    case ">>": return plain(b >= 32 ? 0 : a >>> b);
    case "&": return plain(a & b);
    case "|": return plain(a | b);
    case "^": return plain(a ^ b);
    case "==": return plain(a === b ? 1 : 0);
    case "!=": return plain(a !== b ? 1 : 0);
    case "<": return plain(a < b ? 1 : 0);
    case ">": return plain(a > b ? 1 : 0);
    case "<=": return plain(a <= b ? 1 : 0);
    case ">=": return plain(a >= b ? 1 : 0);
    case "&&": return plain(a !== 0 && b !== 0 ? 1 : 0);
    case "||": return plain(a !== 0 || b !== 0 ? 1 : 0);
  }
  throw new LinkError(`${exprWhere(e)}unknown operator ${op}`);
}

function exprWhere(e: Expr): string {
  return "at" in e ? `${e.at}: ` : "";
}

function needSection(e: Extract<Expr, { kind: "call" }>, cx: EvalContext): OutputSection | undefined {
  const s = cx.section(e.name!);
  if (s === undefined) cx.unresolved(`${e.fn}(${e.name})`, e.at);
  return s;
}

function call(e: Extract<Expr, { kind: "call" }>, cx: EvalContext): Value {
  const arg = (i: number): Value => {
    const a = e.args[i];
    if (a === undefined) throw new LinkError(`${e.at}: ${e.fn} needs ${i + 1} argument${i === 0 ? "" : "s"}`);
    return evaluate(a, cx);
  };
  switch (e.fn) {
    case "ALIGN":
    case "NEXT":
      if (e.args.length === 2) {
        const v = arg(0);
        return { value: alignUp(v.value, arg(1).value), section: v.section };
      }
      return { value: alignUp(cx.dot, arg(0).value), section: cx.inSection ?? cx.dotSection };
    case "ABSOLUTE": return plain(arg(0).value);
    case "MAX": return plain(Math.max(arg(0).value, arg(1).value));
    case "MIN": return plain(Math.min(arg(0).value, arg(1).value));
    case "LOG2CEIL": { const v = arg(0).value; return plain(v <= 1 ? 0 : Math.ceil(Math.log2(v))); }
    case "DEFINED": return plain(cx.isDefined(e.name!) ? 1 : 0);
    case "CONSTANT":
      if (e.name === "MAXPAGESIZE" || e.name === "COMMONPAGESIZE") return plain(cx.maxPageSize);
      throw new LinkError(`${e.at}: CONSTANT(${e.name}) is not known; use MAXPAGESIZE or COMMONPAGESIZE`);
    case "SEGMENT_START": return arg(0);
    case "ADDR": { const s = needSection(e, cx); return s === undefined ? plain(0) : { value: s.addr, section: s }; }
    case "LOADADDR": { const s = needSection(e, cx); return plain(s?.lma ?? 0); }
    case "SIZEOF": { const s = needSection(e, cx); return plain(s?.size ?? 0); }
    case "ALIGNOF": { const s = needSection(e, cx); return plain(s?.align ?? 0); }
    case "DATA_SEGMENT_ALIGN": return { value: alignUp(cx.dot, arg(0).value), section: cx.inSection };
    case "DATA_SEGMENT_END":
    case "DATA_SEGMENT_RELRO_END":
      return arg(e.fn === "DATA_SEGMENT_END" ? 0 : 1);
  }
  throw new LinkError(`${e.at}: ${e.fn}() is not a linker script function this linker knows`);
}
