// What every op emitter gets: the function being compiled, its frame, the value stack, and
// places to put code and read-only data. One `FunctionContext` per compiled function.
import type { KbcFunction, LabelId, Signature } from "../kbc/types.ts";
import type { FrameLayout } from "./frame.ts";
import type { ValueStack } from "./value-stack.ts";

export type Profile = "bare" | "kernel" | "user";

/** A KBC construct the backend cannot compile; the message names the function and the op. */
export class BackendError extends Error {}

export interface ModuleContext {
  profile: Profile;
  /** Signatures of every callable name: the module's functions and its externs. */
  signatures: Map<string, Signature>;
  /** Read-only data the functions need (jump tables, trap messages), emitted after the code. */
  rodata: string[];
  /** A fresh assembler-local label, unique in the module. */
  newLabel(hint: string): string;
  /** The `.file` number of a source file, for `.loc` line records (DWARF line table). */
  fileNumber(path: string): number;
}

export interface FunctionContext {
  module: ModuleContext;
  fn: KbcFunction;
  frame: FrameLayout;
  vs: ValueStack;
  emit(line: string): void;
  /** The assembler label of KBC label `id` in this function. */
  label(id: LabelId): string;
  /** Index of the op being compiled, for error messages. */
  pc: number;
  /** Bytes of outgoing arguments of the largest call: the area at the bottom of the frame. */
  outgoingBytes: number;
}

export function fail(ctx: FunctionContext, message: string): never {
  const op = ctx.fn.body[ctx.pc]?.op ?? "end";
  throw new BackendError(`tsk x86 backend: function ${ctx.fn.name}, op ${ctx.pc} (${op}): ${message}`);
}
