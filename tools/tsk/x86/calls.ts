// Calls under cdecl: arguments pushed right to left straight from where the value stack
// holds them (immediate, register, memory), 8 bytes low-word-first for 64-bit values, the
// caller pops. Scratch registers die across the call, so values below the arguments that
// live in them are spilled to their frame slots first; locals in ebx/esi/edi survive.
import { is64, type KType } from "../kbc/types.ts";
import type { FunctionContext } from "./context.ts";
import { fmt, reg, type Operand } from "./operands.ts";

export type CallTarget = { symbol: string } | { indirect: true };

/**
 * Call with the top `argTypes.length` entries as arguments (the last argument on top), or
 * for an indirect call with the function pointer above them. Pushes the result, if any.
 */
export function emitCall(ctx: FunctionContext, argTypes: readonly KType[], target: CallTarget, result: KType | null): void {
  const { vs } = ctx;
  const above = "indirect" in target ? 1 : 0;
  vs.flushFlags();
  vs.spillTemps(argTypes.length + above);
  let bytes = 0;
  for (let i = 0; i < argTypes.length; i++) {
    const e = vs.peek(above + i);
    if (is64(argTypes[argTypes.length - 1 - i]!)) {
      ctx.emit(`pushl ${fmt(e.hi!)}`);
      ctx.emit(`pushl ${fmt(e.lo)}`);
      bytes += 8;
    } else {
      ctx.emit(`pushl ${fmt(vs.source(e))}`);
      bytes += 4;
    }
  }
  if ("indirect" in target) {
    const fp = vs.peek(0);
    const callee: Operand = vs.source(fp);
    if (callee.kind === "symaddr" && callee.offset === 0) ctx.emit(`call ${callee.symbol}`);
    else if (callee.kind === "reg" || callee.kind === "mem") ctx.emit(`call *${fmt(callee)}`);
    else {
      const r = vs.intoTemp(fp);
      ctx.emit(`call *%${r}`);
    }
  } else {
    ctx.emit(`call ${target.symbol}`);
  }
  if (bytes > 0) ctx.emit(`addl $${bytes}, %esp`);
  for (let i = 0; i < argTypes.length + above; i++) vs.pop();
  if (result === null) return;
  if (is64(result)) vs.push64(result, reg("eax"), reg("edx"));
  else vs.push32(result, reg("eax"));
}
