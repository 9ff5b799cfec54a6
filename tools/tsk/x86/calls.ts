// Calls under cdecl: arguments laid out as pushes right to left would leave them (first
// argument lowest, 8 bytes low-word-first for 64-bit values), written into an outgoing area
// the prologue reserves, so %esp never moves around a call and nothing is popped after it. Scratch registers die across the call, so values below the arguments that
// live in them are spilled to their frame slots first; locals in ebx/esi/edi survive.
import { is64, type KType } from "../kbc/types.ts";
import type { FunctionContext } from "./context.ts";
import { fmt, reg, registersOf, type Operand } from "./operands.ts";

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
  // Arguments go to the outgoing area at the bottom of the frame (%esp is fixed during the
  // body), first argument at 0(%esp): no pushes, and no `addl` after the call.
  let offset = 0;
  const store = (src: Operand, at: number): void => {
    if (src.kind === "mem" || src.kind === "frameaddr" || src.kind === "addr") {
      // Argument memory is a local or a spill slot (%ebp-based) or a global: allocation
      // below cannot move it. A word read through scratch registers never reaches a call.
      if (registersOf(src).some((r) => r !== "ebp")) throw new Error("internal: call argument read through a scratch register");
      const t = vs.allocTemp();
      vs.load(src, t);
      ctx.emit(`movl %${t}, ${at === 0 ? "" : at}(%esp)`);
      vs.release(t); // only a stepping stone: free for the next argument
      return;
    }
    ctx.emit(`movl ${fmt(src)}, ${at === 0 ? "" : at}(%esp)`);
  };
  for (let i = argTypes.length - 1; i >= 0; i--) {
    const e = vs.peek(above + i);
    if (is64(argTypes[argTypes.length - 1 - i]!)) {
      store(e.lo, offset);
      store(e.hi!, offset + 4);
      offset += 8;
    } else {
      store(vs.source(e), offset);
      offset += 4;
    }
  }
  ctx.outgoingBytes = Math.max(ctx.outgoingBytes, offset);
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
  for (let i = 0; i < argTypes.length + above; i++) vs.pop();
  if (result === null) return;
  if (is64(result)) vs.push64(result, reg("eax"), reg("edx"));
  else vs.push32(result, reg("eax"));
}
