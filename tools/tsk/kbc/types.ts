// KBC, the KTS bytecode: the data types of a module. The semantics of every op are written
// down in README.md next to this file; the interpreter (tools/tsk/interp) and the x86
// backend (tools/tsk/x86) both implement exactly that text.
import type { IntrinsicName } from "./intrinsics.ts";

/**
 * The four value types of the operand stack. `i32`/`u32` occupy one 32-bit slot, `i64`/`u64`
 * one 64-bit slot. Signed and unsigned share a representation; the type only chooses the
 * meaning of ops whose result depends on sign (div, rem, shr, compares, extend).
 * There are no 8- or 16-bit stack values: narrow data is widened by loads and narrowed by
 * stores or by an explicit `narrow` op.
 */
export type KType = "i32" | "u32" | "i64" | "u64";

export function is64(ty: KType): boolean {
  return ty === "i64" || ty === "u64";
}

export function isSigned(ty: KType): boolean {
  return ty === "i32" || ty === "i64";
}

/** Width in bytes of a memory access. Width 8 moves a 64-bit value; 1, 2 and 4 a 32-bit one. */
export type Width = 1 | 2 | 4 | 8;

export type BinaryOp = "add" | "sub" | "mul" | "div" | "rem" | "and" | "or" | "xor" | "shl" | "shr";
export type CompareOp = "eq" | "ne" | "lt" | "le" | "gt" | "ge";

/** A label inside one function; numbered from 0, local to the function. */
export type LabelId = number;

export type Insn =
  // ---- constants and locals
  /** Push a constant. `value` is any bigint; it is reduced modulo 2^32 or 2^64 to `ty`. */
  | { op: "const"; ty: KType; value: bigint }
  /** Push local `index` (parameters are locals 0..params.length-1). */
  | { op: "local.get"; index: number }
  /** Pop into local `index`. */
  | { op: "local.set"; index: number }
  /** Discard the top of the stack (32- or 64-bit, as its type says). */
  | { op: "drop"; ty: KType }
  // ---- addresses (all push a u32)
  /** Address of a global (string literals are read-only globals too), plus a constant offset. */
  | { op: "global.addr"; name: string; offset: number }
  /** This CPU's instance of a per-CPU global (kernel profile), plus a constant offset. */
  | { op: "percpu.addr"; name: string; offset: number }
  /** Address of a function: a function pointer. */
  | { op: "func.addr"; name: string }
  /** Address of a stack-frame slot (address-taken locals, struct locals), plus an offset. */
  | { op: "slot.addr"; slot: number; offset: number }
  // ---- memory: the address (u32) is popped first for load, below the value for store
  /**
   * Pop an address, push the value at address+offset. Widths 1 and 2 sign- or zero-extend to
   * 32 bits as `signed` says; width 4 pushes 32 bits; width 8 pushes a 64-bit value.
   * `ty` is the pushed type (i64/u64 exactly when width is 8).
   */
  | { op: "load"; ty: KType; width: Width; signed: boolean; offset: number; volatile?: boolean }
  /** Pop a value, then an address; store the low `width` bytes of the value at address+offset. */
  | { op: "store"; ty: KType; width: Width; offset: number; volatile?: boolean }
  // ---- arithmetic and comparison (operands: pop b, pop a, push a OP b)
  | { op: BinaryOp; ty: KType }
  /** Compare two values of `ty`; push i32 1 or 0. */
  | { op: CompareOp; ty: KType }
  /** Pop a value of `ty`; push i32 1 if it is zero, else 0. */
  | { op: "eqz"; ty: KType }
  // ---- conversions
  /** 32-bit value: keep the low `bits` bits, then sign- or zero-extend back to 32 bits. */
  | { op: "narrow"; bits: 8 | 16; signed: boolean }
  /** Pop a 32-bit value, push it as 64 bits: sign-extended if `signed`, else zero-extended. */
  | { op: "extend"; signed: boolean }
  /** Pop a 64-bit value, push its low 32 bits. */
  | { op: "wrap" }
  // ---- control flow: flat labels, the operand stack is empty at every label and branch
  | { op: "label"; id: LabelId }
  | { op: "br"; target: LabelId }
  /** Pop an i32; branch if it is not zero. */
  | { op: "br_if"; target: LabelId }
  /** Pop a u32 index; branch to targets[index], or to `default` when index >= targets.length. */
  | { op: "br_table"; targets: LabelId[]; default: LabelId }
  // ---- calls
  /** Call a function by name; arguments were pushed first-to-last; push the result if any. */
  | { op: "call"; name: string }
  /** Pop a function pointer (pushed after the arguments), then call it with `sig`. */
  | { op: "call_indirect"; sig: Signature }
  /** Return; pops the result first when the function has one. */
  | { op: "ret" }
  /** Stop: reaching this is a bug in the program (e.g. falling off a function with a result). */
  | { op: "trap"; reason: string }
  // ---- machine operations; stack effects in intrinsics.ts
  | { op: "intrinsic"; name: IntrinsicName };

export type Opcode = Insn["op"];

export interface Signature {
  params: KType[];
  result: KType | null;
}

/** Function attributes from JSDoc tags (`@inline`, `@interrupt`, `@naked`). */
export interface FunctionAttrs {
  inline?: boolean;
  /** Entered from an interrupt gate: save every register it uses, return with iret. */
  interrupt?: boolean;
  /** No prologue or epilogue; the body is expected to be intrinsics and a final ret. */
  naked?: boolean;
}

/** A stack-frame slot: memory in the function's frame whose address can be taken. */
export interface FrameSlot {
  size: number;
  align: number;
  /** Source name, for the printer and debugger. */
  name: string;
}

export interface KbcFunction {
  name: string;
  /** Global symbol (visible to other objects) when true; local to the object otherwise. */
  exported: boolean;
  params: KType[];
  result: KType | null;
  /** Every local including the parameters, which come first. */
  locals: KType[];
  /** Source names of the locals (same length as `locals`), for the printer. */
  localNames: string[];
  slots: FrameSlot[];
  body: Insn[];
  attrs: FunctionAttrs;
  /** Source position of the declaration ("file:line"), for symbols and debugging. */
  source?: string;
  /**
   * Source line (1-based, in the file of `source`) of each op of `body`, same length, for
   * line tables (`.loc`, DWARF) and for traps that name a line. Optional: a pass that
   * rewrites `body` (inlining, ...) must rewrite `lines` with it or drop it; consumers ignore
   * a `lines` whose length differs from the body's.
   */
  lines?: number[];
}

/** A 32-bit address stored in a global's initial data: symbol + addend, at `offset`. */
export interface DataReloc {
  offset: number;
  symbol: string;
  addend: number;
}

export interface KbcGlobal {
  name: string;
  exported: boolean;
  size: number;
  align: number;
  /** Initial bytes (length == size); absent means all zero (goes to .bss). */
  data?: Uint8Array;
  /** Words of `data` that hold addresses of other symbols (function tables, string pointers). */
  relocs: DataReloc[];
  /** Never written: string literals and `const` tables (goes to .rodata). */
  readonly: boolean;
  /** One instance per CPU, reached through %fs (kernel profile); see README.md. */
  percpu: boolean;
}

/** A function called but defined elsewhere (the runtime, another object, a .S file). */
export interface KbcExtern {
  name: string;
  sig: Signature;
}

export interface KbcModule {
  /** Source file the module came from (used in diagnostics and the object's file symbol). */
  source: string;
  globals: KbcGlobal[];
  functions: KbcFunction[];
  externs: KbcExtern[];
  /**
   * Data symbols used here but defined elsewhere (`declare` globals: linker-script symbols,
   * tables in .S files). `global.addr` may name them; they have no storage in this module.
   */
  externData?: string[];
}

export function signatureOf(f: KbcFunction): Signature {
  return { params: f.params, result: f.result };
}
