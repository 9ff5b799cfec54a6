// Compiles one KBC function: walks its ops once, keeping values on the compile-time value
// stack, and wraps the body in a frame-pointer prologue and epilogue once the frame size
// (locals, slots, the deepest spill) is known.
import { is64, type Insn, type KbcFunction } from "../kbc/types.ts";
import { binary32, compare32, eqz32, isConst, narrow } from "./arith32.ts";
import { binary64, compare64, const64, eqz64, extend, wrap } from "./arith64.ts";
import { emitCall } from "./calls.ts";
import { BackendError, fail, type FunctionContext, type ModuleContext } from "./context.ts";
import { layoutFrame, paramOffset } from "./frame.ts";
import { intrinsic } from "./intrinsic-ops.ts";
import { tryLocalUpdate, tryUpdateInPlace } from "./local-update.ts";
import { load, store } from "./memory.ts";
import { peephole } from "./peephole.ts";
import { findLoopHeads, type LoopHead } from "./loop-rotation.ts";
import { asmString, fmt, imm, isTemp, offsetOperand, registersOf, sameOperand, type Operand } from "./operands.ts";
import { invertCond, ValueStack } from "./value-stack.ts";

/** Runtime routine a `trap` op calls with its reason (a C string); it never returns. */
export const TRAP_ROUTINE = "__tsk_trap";

/** Assembly lines of `fn`, from its label to its `.size`. */
export function compileFunction(module: ModuleContext, fn: KbcFunction): string[] {
  if (fn.attrs.naked && (fn.locals.length > 0 || fn.slots.length > 0)) {
    throw new BackendError(`tsk x86 backend: function ${fn.name}: a @naked function has no frame, so it can have no parameters, locals or stack slots`);
  }
  if (fn.attrs.interrupt && (fn.params.length > 0 || fn.result !== null)) {
    throw new BackendError(`tsk x86 backend: function ${fn.name}: an @interrupt function is entered by the CPU, so it takes no parameters and returns nothing`);
  }
  const frame = layoutFrame(fn);
  const body: string[] = [];
  const labelPrefix = module.newLabel(`${fn.name.replace(/[^A-Za-z0-9_]/g, "_")}`);
  const ctx: FunctionContext = {
    module,
    fn,
    frame,
    vs: new ValueStack((line) => body.push(`    ${line}`), frame.spillBase),
    emit: (line) => body.push(line.endsWith(":") ? line : `    ${line}`),
    label: (id) => `${labelPrefix}_L${id}`,
    pc: 0,
    outgoingBytes: 0,
  };
  const heads = findLoopHeads(fn);
  const labelPc = new Map<number, number>();
  fn.body.forEach((insn, pc) => {
    if (insn.op === "label") labelPc.set(insn.id, pc);
  });
  // Line records: each op's source line (KBC `lines`), in the file of the declaration.
  const where = sourcePosition(fn, module);
  const opLines = fn.lines !== undefined && fn.lines.length === fn.body.length ? fn.lines : undefined;
  let lastLine = where?.line ?? 0;
  let reachable = true;
  for (let pc = 0; pc < fn.body.length; pc++) {
    ctx.pc = pc;
    const insn = fn.body[pc]!;
    if (!reachable && insn.op !== "label") continue; // dead code the verifier tolerates
    const line = opLines?.[pc];
    if (where !== undefined && line !== undefined && line > 0 && line !== lastLine && insn.op !== "label") {
      body.push(`    .loc ${where.file} ${line}`);
      lastLine = line;
    }
    if (insn.op !== "br_if" && insn.op !== "eqz") ctx.vs.flushFlags();
    try {
      const consumed = tryLocalUpdate(ctx, pc);
      if (consumed > 0) pc += consumed - 1;
      else if (tryUpdateInPlace(ctx, pc)) pc += 1;
      else if (insn.op === "br" && isRotatable(fn, pc, insn.target, heads.get(insn.target), labelPc)) {
        rotatedBackEdge(ctx, insn.target, heads.get(insn.target)!);
        reachable = false;
      } else reachable = compileOp(ctx, insn);
      // A loop head's body starts right after its exit test: rotated back edges enter here.
      for (const [id, head] of heads) if (head.brIf === pc && reachable) ctx.emit(`${ctx.label(id)}_body:`);
    } catch (e) {
      // Internal inconsistencies still name the function and op, never crash anonymously.
      if (e instanceof BackendError) throw e;
      fail(ctx, (e as Error).message);
    }
    ctx.vs.unlockAll();
  }
  if (reachable) fail(ctx, "the body falls off its end");
  if (fn.attrs.naked && (ctx.outgoingBytes > 0 || ctx.vs.spillSlots > 0)) {
    throw new BackendError(`tsk x86 backend: function ${fn.name}: a @naked function has no frame, so it cannot call with arguments or hold values across calls; write it in a .S file or drop @naked`);
  }

  const frameBytes = frame.spillBase - frame.savedRegs.length * 4 + 8 * ctx.vs.spillSlots + ctx.outgoingBytes;
  const lines: string[] = [];
  if (fn.exported) lines.push(`    .globl ${fn.name}`);
  lines.push(`    .type ${fn.name}, @function`, `    .p2align 4`, `${fn.name}:`);
  if (where !== undefined) lines.push(`    .loc ${where.file} ${where.line}`);
  if (fn.attrs.interrupt) lines.push("    pushal", "    cld");
  if (!fn.attrs.naked) {
    lines.push("    pushl %ebp", "    movl %esp, %ebp");
    for (const r of frame.savedRegs) lines.push(`    pushl %${r}`);
    if (frameBytes > 0) lines.push(`    subl $${frameBytes}, %esp`);
    // Parameters that live in registers are copied there once.
    for (const [index, r] of frame.homes) if (index < fn.params.length) lines.push(`    movl ${paramOffset(fn, index)}(%ebp), %${r}`);
  }
  const code = peephole(body);
  for (const line of code) lines.push(line); // a loop, not push(...): bodies can be huge
  lines.push(`    .size ${fn.name}, . - ${fn.name}`);
  return lines;
}

/** The `.file` number and line of a function's declaration ("file:line" in KBC), if known. */
function sourcePosition(fn: KbcFunction, module: ModuleContext): { file: number; line: number } | undefined {
  if (fn.source === undefined) return undefined;
  const colon = fn.source.lastIndexOf(":");
  const line = Number(fn.source.slice(colon + 1));
  if (colon <= 0 || !Number.isInteger(line) || line <= 0) return undefined;
  return { file: module.fileNumber(fn.source.slice(0, colon)), line };
}

/** A back edge to `head` whose exit label comes right after it can repeat the test. */
function isRotatable(fn: KbcFunction, pc: number, target: number, head: LoopHead | undefined, labelPc: Map<number, number>): boolean {
  if (head === undefined) return false;
  const at = labelPc.get(target);
  const next = fn.body[pc + 1];
  return at !== undefined && at < pc && next?.op === "label" && next.id === head.exit;
}

/** Repeat the head's test, jumping into the body while the loop goes on, else fall out. */
function rotatedBackEdge(ctx: FunctionContext, target: number, head: LoopHead): void {
  const backEdgePc = ctx.pc;
  for (let k = head.first; k < head.brIf; k++) {
    ctx.pc = k;
    if (ctx.fn.body[k]!.op !== "eqz") ctx.vs.flushFlags();
    compileOp(ctx, ctx.fn.body[k]!);
    ctx.vs.unlockAll();
  }
  ctx.pc = head.brIf;
  branchIf(ctx, `${ctx.label(target)}_body`, true);
  ctx.pc = backEdgePc;
}

/** The epilogue: restore saved registers and the caller's frame, then return. */
function emitReturn(ctx: FunctionContext): void {
  const { fn, frame } = ctx;
  if (!fn.attrs.naked) {
    // Saved registers sit just below the saved %ebp, in push order.
    frame.savedRegs.forEach((r, i) => ctx.emit(`movl -${4 * (i + 1)}(%ebp), %${r}`));
    ctx.emit("leave");
  }
  if (fn.attrs.interrupt) {
    ctx.emit("popal");
    ctx.emit("iret");
  } else {
    ctx.emit("ret");
  }
}

function localOperands(ctx: FunctionContext, index: number): [Operand, Operand | null] {
  const home = ctx.frame.localHome[index];
  const ty = ctx.fn.locals[index];
  if (home === undefined || ty === undefined) fail(ctx, `no local %${index}`);
  return [home, is64(ty) ? offsetOperand(home, 4) : null];
}

/** Compile one op; returns whether the next op is reachable. */
function compileOp(ctx: FunctionContext, insn: Insn): boolean {
  const { vs } = ctx;
  switch (insn.op) {
    case "const":
      if (is64(insn.ty)) vs.push64(insn.ty, ...const64(insn.value));
      else vs.push32(insn.ty, imm(Number(BigInt.asIntN(32, insn.value))));
      return true;
    case "local.get": {
      const [lo, hi] = localOperands(ctx, insn.index);
      const ty = ctx.fn.locals[insn.index]!;
      if (hi !== null) vs.push64(ty, lo, hi, insn.index);
      else vs.push32(ty, lo, insn.index);
      return true;
    }
    case "local.set":
      setLocal(ctx, insn.index);
      return true;
    case "drop":
      vs.pop();
      return true;
    case "global.addr":
      vs.push32("u32", { kind: "symaddr", symbol: insn.name, offset: insn.offset });
      return true;
    case "func.addr":
      vs.push32("u32", { kind: "symaddr", symbol: insn.name, offset: 0 });
      return true;
    case "slot.addr": {
      const base = ctx.frame.slotOffset[insn.slot];
      if (base === undefined) fail(ctx, `no slot $${insn.slot}`);
      vs.push32("u32", { kind: "frameaddr", offset: base + insn.offset });
      return true;
    }
    case "percpu.addr": {
      // This CPU's copy starts at the self pointer in its first word (%fs:0); see the KBC doc.
      const r = vs.allocTemp();
      // ELF32 REL relocations name one symbol each, so (x - __percpu_start) takes two steps.
      ctx.emit(`movl %fs:0, %${r}`);
      ctx.emit(`leal ${insn.name}${insn.offset ? `+${insn.offset}` : ""}(%${r}), %${r}`);
      ctx.emit(`subl $__percpu_start, %${r}`);
      vs.push32("u32", { kind: "reg", reg: r });
      return true;
    }
    case "load":
      load(ctx, insn.ty, insn.width, insn.signed, insn.offset);
      return true;
    case "store":
      store(ctx, insn.width, insn.offset);
      return true;
    case "add": case "sub": case "mul": case "div": case "rem":
    case "and": case "or": case "xor": case "shl": case "shr":
      if (is64(insn.ty)) binary64(ctx, insn.op, insn.ty);
      else binary32(ctx, insn.op, insn.ty);
      return true;
    case "eq": case "ne": case "lt": case "le": case "gt": case "ge":
      if (is64(insn.ty)) compare64(ctx, insn.op, insn.ty);
      else compare32(ctx, insn.op, insn.ty);
      return true;
    case "eqz":
      if (is64(insn.ty)) eqz64(ctx);
      else eqz32(ctx);
      return true;
    case "narrow":
      narrow(ctx, insn.bits, insn.signed);
      return true;
    case "extend":
      extend(ctx, insn.signed);
      return true;
    case "wrap":
      wrap(ctx);
      return true;
    case "label":
      if (vs.depth !== 0) fail(ctx, `the operand stack holds ${vs.depth} value(s) at a label`);
      ctx.emit(`${ctx.label(insn.id)}:`);
      return true;
    case "br":
      ctx.emit(`jmp ${ctx.label(insn.target)}`);
      return false;
    case "br_if":
      branchIf(ctx, ctx.label(insn.target));
      return true;
    case "br_table":
      branchTable(ctx, insn.targets.map(ctx.label), ctx.label(insn.default));
      return false;
    case "call": {
      const sig = ctx.module.signatures.get(insn.name);
      if (sig === undefined) fail(ctx, `call to ${insn.name}, which is neither defined nor declared extern`);
      emitCall(ctx, sig.params, { symbol: insn.name }, sig.result);
      return true;
    }
    case "call_indirect":
      emitCall(ctx, insn.sig.params, { indirect: true }, insn.sig.result);
      return true;
    case "ret":
      if (ctx.fn.result !== null) {
        const e = vs.peek(0);
        if (is64(ctx.fn.result)) vs.intoTemp64(e, "eax", "edx");
        else vs.intoTemp(e, "eax");
        vs.pop();
      }
      if (vs.depth !== 0) fail(ctx, `ret with ${vs.depth} value(s) left on the operand stack`);
      emitReturn(ctx);
      return false;
    case "trap": {
      const message = ctx.module.newLabel("trap_reason");
      ctx.module.rodata.push(`${message}:`, `    .asciz ${asmString(insn.reason)}`);
      ctx.emit(`pushl $${message}`);
      ctx.emit(`call ${TRAP_ROUTINE}`);
      // The routine never returns; ud2 makes sure execution cannot run on if it did.
      ctx.emit("ud2");
      while (vs.depth > 0) vs.pop();
      return false;
    }
    case "intrinsic":
      intrinsic(ctx, insn.name);
      return true;
    default: {
      const never: never = insn;
      fail(ctx, `unknown op ${JSON.stringify(never)}`);
    }
  }
}

function setLocal(ctx: FunctionContext, index: number): void {
  const { vs } = ctx;
  const [home, homeHi] = localOperands(ctx, index);
  const value = vs.peek(0);
  if (value.local === index && sameOperand(value.lo, home)) return void vs.pop(); // x = x
  vs.detachLocal(index);
  if (value.cc !== null) vs.materializeFlags(value);
  // An address expression bound for memory is computed first, so nothing below can move it.
  if ((value.lo.kind === "addr" || value.lo.kind === "frameaddr") && home.kind !== "reg") vs.intoTemp(value);
  vs.lock(...registersOf(value.lo));
  const move = (src: Operand, dst: Operand): void => {
    if ((src.kind === "frameaddr" || src.kind === "addr") && dst.kind === "reg") return vs.load(src, dst.reg);
    if (src.kind === "mem" || src.kind === "frameaddr" || src.kind === "addr") {
      if (dst.kind === "reg") return vs.load(src, dst.reg);
      const t = vs.allocTemp();
      vs.load(src, t);
      src = { kind: "reg", reg: t };
    }
    ctx.emit(`movl ${fmt(src)}, ${fmt(dst)}`);
  };
  if (isTemp(value.lo)) vs.lock(value.lo.reg);
  if (value.hi !== null && isTemp(value.hi)) vs.lock(value.hi.reg);
  move(value.lo, home);
  if (homeHi !== null) move(value.hi!, homeHi);
  vs.pop();
}

/** Pop a condition and jump to `target` when it is non-zero (or, `onZero`, when it is zero). */
function branchIf(ctx: FunctionContext, target: string, onZero = false): void {
  const { vs } = ctx;
  const cond = vs.peek(0);
  if (cond.cc !== null) {
    ctx.emit(`j${onZero ? invertCond(cond.cc) : cond.cc} ${target}`);
  } else if (isConst(cond)) {
    if ((cond.lo.value !== 0) !== onZero) ctx.emit(`jmp ${target}`);
  } else {
    const src = vs.source(cond);
    if (src.kind === "reg") ctx.emit(`testl %${src.reg}, %${src.reg}`);
    else if (src.kind === "mem") ctx.emit(`cmpl $0, ${fmt(src)}`);
    else {
      const r = vs.intoTemp(cond);
      ctx.emit(`testl %${r}, %${r}`);
    }
    ctx.emit(`${onZero ? "je" : "jne"} ${target}`);
  }
  vs.pop();
}

function branchTable(ctx: FunctionContext, targets: string[], fallback: string): void {
  const { vs } = ctx;
  const index = vs.peek(0);
  if (isConst(index)) {
    const i = index.lo.value >>> 0;
    ctx.emit(`jmp ${i < targets.length ? targets[i] : fallback}`);
    vs.pop();
    return;
  }
  const r = vs.intoTemp(index);
  const table = ctx.module.newLabel("jump_table");
  ctx.emit(`cmpl $${targets.length}, %${r}`);
  ctx.emit(`jae ${fallback}`);
  ctx.emit(`jmp *${table}(,%${r},4)`);
  ctx.module.rodata.push("    .p2align 2", `${table}:`);
  for (const t of targets) ctx.module.rodata.push(`    .long ${t}`);
  vs.pop();
}
