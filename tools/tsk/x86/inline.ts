// Inlining of small functions, a KBC-to-KBC pass run before code generation. A call is
// replaced by the callee's body when the call's arguments are all the operand stack holds
// (statement-level calls like `node = alloc()` or `release(node)`): the arguments move into
// fresh locals, the stack is then empty as KBC labels require, each `ret` becomes "result
// into a local, jump to the end", and the result is pushed back after the end label. One
// level only: inlined bodies are the callees as written, so recursion cannot unfold.
import { INTRINSICS } from "../kbc/intrinsics.ts";
import type { Insn, KbcFunction, KbcModule, LabelId, Signature } from "../kbc/types.ts";
import { KbcVerifyError, verifyModule } from "../kbc/verify.ts";
import { BackendError } from "./context.ts";

/** Bodies up to this many ops are inlined at every eligible call; `@inline` ones up to the larger cap. */
const SMALL_BODY = 16;
const INLINE_HINT_BODY = 64;

function inlinable(f: KbcFunction): boolean {
  if (f.attrs.naked || f.attrs.interrupt || f.slots.length > 0) return false;
  if (f.body.length > (f.attrs.inline ? INLINE_HINT_BODY : SMALL_BODY)) return false;
  return !f.body.some((i) => i.op === "call" && i.name === f.name);
}

/** Operand-stack depth (in values) before each op; undefined where the op is unreachable. */
function depths(f: KbcFunction, sigs: Map<string, Signature>): Array<number | undefined> {
  const out: Array<number | undefined> = [];
  let depth: number | undefined = 0;
  for (const insn of f.body) {
    if (insn.op === "label") depth = 0;
    out.push(depth);
    if (depth === undefined) continue;
    switch (insn.op) {
      case "const": case "local.get": case "global.addr": case "percpu.addr": case "func.addr": case "slot.addr":
        depth += 1; break;
      case "local.set": case "drop": case "br_if": case "store":
        depth -= insn.op === "store" ? 2 : 1; break;
      case "add": case "sub": case "mul": case "div": case "rem": case "and": case "or": case "xor": case "shl": case "shr":
      case "eq": case "ne": case "lt": case "le": case "gt": case "ge":
        depth -= 1; break;
      case "load": case "eqz": case "narrow": case "extend": case "wrap": case "label":
        break;
      case "call": {
        const sig = sigs.get(insn.name);
        depth = sig === undefined ? undefined : depth - sig.params.length + (sig.result ? 1 : 0);
        break;
      }
      case "call_indirect":
        depth -= 1 + insn.sig.params.length - (insn.sig.result ? 1 : 0); break;
      case "intrinsic": {
        const spec = INTRINSICS[insn.name];
        depth -= spec.params.length - (spec.result ? 1 : 0);
        break;
      }
      case "br": case "br_table": case "ret": case "trap":
        depth = undefined; break;
    }
  }
  return out;
}

function maxLabel(f: KbcFunction): number {
  let max = -1;
  for (const i of f.body) if (i.op === "label") max = Math.max(max, i.id);
  return max;
}

/** How one call is expanded: where the callee's locals and labels land in the caller. */
interface Expansion {
  localBase: number;
  labelBase: number;
  end: LabelId;
  resultLocal: number | null;
  /** For each parameter, the caller's op that produced the argument, used in place of the parameter. */
  argOps: Insn[] | null;
}

/** The single `ret` is the body's last op: the result can simply stay on the stack. */
function endsInOnlyReturn(callee: KbcFunction): boolean {
  const rets = callee.body.filter((i) => i.op === "ret").length;
  return rets === 1 && callee.body[callee.body.length - 1]?.op === "ret";
}

/** The callee's body, renumbered into the caller. */
function expand(callee: KbcFunction, x: Expansion): Insn[] {
  const out: Insn[] = [];
  if (x.argOps === null) for (let i = callee.params.length - 1; i >= 0; i--) out.push({ op: "local.set", index: x.localBase + i });
  const label = (id: LabelId): LabelId => x.labelBase + id;
  const trailing = endsInOnlyReturn(callee);
  callee.body.forEach((insn, k) => {
    switch (insn.op) {
      case "local.get":
        if (x.argOps !== null && insn.index < callee.params.length) out.push(x.argOps[insn.index]!);
        else out.push({ ...insn, index: x.localBase + insn.index });
        break;
      case "local.set": out.push({ ...insn, index: x.localBase + insn.index }); break;
      case "label": out.push({ op: "label", id: label(insn.id) }); break;
      case "br": case "br_if": out.push({ ...insn, target: label(insn.target) }); break;
      case "br_table": out.push({ ...insn, targets: insn.targets.map(label), default: label(insn.default) }); break;
      case "ret":
        if (trailing && k === callee.body.length - 1) break; // the result stays where it is
        if (x.resultLocal !== null) out.push({ op: "local.set", index: x.resultLocal });
        out.push({ op: "br", target: x.end });
        break;
      default: out.push(insn);
    }
  });
  if (!trailing) {
    out.push({ op: "label", id: x.end });
    if (x.resultLocal !== null) out.push({ op: "local.get", index: x.resultLocal });
  }
  return out;
}

function inlineInto(f: KbcFunction, candidates: Map<string, KbcFunction>, sigs: Map<string, Signature>): KbcFunction {
  const d = depths(f, sigs);
  const eligible = (insn: Insn, pc: number): KbcFunction | undefined => {
    if (insn.op !== "call") return undefined;
    const callee = candidates.get(insn.name);
    return callee !== undefined && callee.name !== f.name && d[pc] === callee.params.length ? callee : undefined;
  };
  if (!f.body.some((insn, pc) => eligible(insn, pc) !== undefined)) return f;
  const locals = [...f.locals];
  const localNames = [...f.localNames];
  let nextLabel = maxLabel(f) + 1;
  const body: Insn[] = [];
  // Source lines stay one per op: an inlined body takes its call's line.
  const lines: number[] | undefined = f.lines === undefined ? undefined : [];
  f.body.forEach((insn, pc) => {
    const line = f.lines?.[pc] ?? 0;
    const callee = eligible(insn, pc);
    if (callee === undefined) {
      body.push(insn);
      lines?.push(line);
      return;
    }
    // Arguments that are plain locals or constants, pushed just before the call, replace the
    // parameters outright when the callee never assigns them: no copies at all.
    const n = callee.params.length;
    const tail = body.slice(body.length - n);
    const direct = n > 0 && tail.length === n && tail.every((i) => i.op === "local.get" || i.op === "const") &&
      !callee.body.some((i) => i.op === "local.set" && i.index < n);
    let argOps: Insn[] | null = null;
    if (direct) {
      argOps = tail;
      body.length -= n;
      if (lines !== undefined) lines.length -= n;
    }
    const localBase = locals.length;
    locals.push(...callee.locals);
    localNames.push(...callee.localNames.map((name) => `${callee.name}.${name}`));
    let resultLocal: number | null = null;
    if (callee.result !== null && !endsInOnlyReturn(callee)) {
      resultLocal = locals.length;
      locals.push(callee.result);
      localNames.push(`${callee.name}.result`);
    }
    const labelBase = nextLabel;
    nextLabel += maxLabel(callee) + 1;
    const end = nextLabel++;
    const expanded = expand(callee, { localBase, labelBase, end, resultLocal, argOps });
    body.push(...expanded);
    lines?.push(...expanded.map(() => line));
  });
  return { ...f, locals, localNames, body, ...(lines !== undefined ? { lines } : {}) };
}

export function inlineSmallFunctions(module: KbcModule): KbcModule {
  const sigs = new Map<string, Signature>();
  for (const e of module.externs) sigs.set(e.name, e.sig);
  for (const f of module.functions) sigs.set(f.name, { params: f.params, result: f.result });
  const candidates = new Map(module.functions.filter(inlinable).map((f) => [f.name, f]));
  if (candidates.size === 0) return module;
  const functions = module.functions.map((f) => inlineInto(f, candidates, sigs));
  const changed = functions.filter((f, i) => f !== module.functions[i]);
  if (changed.length === 0) return module;
  // The rewritten functions must still satisfy every rule KBC promises the code generator.
  try {
    verifyModule({ ...module, functions: [...changed, ...module.functions.filter((f) => !changed.some((c) => c.name === f.name))] });
  } catch (e) {
    if (e instanceof KbcVerifyError) throw new BackendError(`tsk x86 backend: internal: inlining broke KBC's rules: ${e.message}`);
    throw e;
  }
  return { ...module, functions };
}
