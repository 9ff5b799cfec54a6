// Parentheses and non-null assertions (`x!`) do not change what an expression means in KTS.
import { ts } from "./ts-adapter.ts";

export function strip(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
  return e;
}
