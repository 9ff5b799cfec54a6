// The KBC verifier: checks the stack discipline README.md promises to every consumer —
// operand widths match, the stack is empty at labels and branches, every path ends in
// ret/br/trap, names resolve. The front end runs it on everything it emits, so a lowering
// bug is reported as such instead of reaching the interpreter or the backend.
import { INTRINSICS } from "./intrinsics.ts";
import { is64, type Insn, type KbcFunction, type KbcModule, type KType, type Signature } from "./types.ts";

type Width = 32 | 64;
const widthOf = (t: KType): Width => (is64(t) ? 64 : 32);

export class KbcVerifyError extends Error {}

export function verifyModule(m: KbcModule): void {
  const sigs = new Map<string, Signature>();
  for (const e of m.externs) sigs.set(e.name, e.sig);
  for (const f of m.functions) {
    if (sigs.has(f.name)) throw new KbcVerifyError(`function ${f.name} is defined twice (or defined and extern)`);
    sigs.set(f.name, { params: f.params, result: f.result });
  }
  const globals = new Set([...m.globals.map((g) => g.name), ...(m.externData ?? [])]);
  for (const g of m.globals) {
    if (g.data && g.data.length !== g.size) throw new KbcVerifyError(`global ${g.name}: data has ${g.data.length} bytes, size is ${g.size}`);
    for (const r of g.relocs) if (!globals.has(r.symbol) && !sigs.has(r.symbol)) throw new KbcVerifyError(`global ${g.name}: reloc to unknown symbol ${r.symbol}`);
  }
  for (const f of m.functions) verifyFunction(f, sigs, globals);
}

function verifyFunction(f: KbcFunction, sigs: Map<string, Signature>, globals: Set<string>): void {
  const fail = (pc: number, msg: string): never => {
    throw new KbcVerifyError(`function ${f.name}, op ${pc} (${f.body[pc]?.op ?? "end"}): ${msg}`);
  };
  const labels = new Set<number>();
  for (const i of f.body) if (i.op === "label") {
    if (labels.has(i.id)) throw new KbcVerifyError(`function ${f.name}: label L${i.id} defined twice`);
    labels.add(i.id);
  }
  if (f.locals.length < f.params.length || f.params.some((p, i) => f.locals[i] !== p)) fail(0, "locals must begin with the parameters");
  let stack: Width[] = [];
  let reachable = true;
  f.body.forEach((insn: Insn, pc: number) => {
    const pop = (w: Width) => {
      const top = stack.pop();
      if (top === undefined) fail(pc, `stack underflow, wanted a ${w}-bit value`);
      if (top !== w) fail(pc, `wanted a ${w}-bit value, found ${top}-bit`);
    };
    const push = (t: KType) => stack.push(widthOf(t));
    const needEmpty = (what: string) => { if (stack.length) fail(pc, `${what} with ${stack.length} value(s) on the stack`); };
    const label = (id: number) => { if (!labels.has(id)) fail(pc, `unknown label L${id}`); };
    if (!reachable && insn.op !== "label") return; // dead code after a jump is allowed, not checked
    switch (insn.op) {
      case "const": push(insn.ty); break;
      case "local.get": case "local.set": {
        const t = f.locals[insn.index];
        if (t === undefined) fail(pc, `no local %${insn.index}`);
        if (insn.op === "local.get") push(t!); else pop(widthOf(t!));
        break;
      }
      case "drop": pop(widthOf(insn.ty)); break;
      case "global.addr": case "percpu.addr":
        if (!globals.has(insn.name)) fail(pc, `unknown global ${insn.name}`);
        push("u32"); break;
      case "func.addr":
        if (!sigs.has(insn.name)) fail(pc, `unknown function ${insn.name}`);
        push("u32"); break;
      case "slot.addr":
        if (!f.slots[insn.slot]) fail(pc, `no slot $${insn.slot}`);
        push("u32"); break;
      case "load":
        if ((insn.width === 8) !== is64(insn.ty)) fail(pc, "width 8 loads exactly the 64-bit types");
        pop(32); push(insn.ty); break;
      case "store":
        if ((insn.width === 8) !== is64(insn.ty)) fail(pc, "width 8 stores exactly the 64-bit types");
        pop(widthOf(insn.ty)); pop(32); break;
      case "add": case "sub": case "mul": case "div": case "rem": case "and": case "or": case "xor": case "shl": case "shr":
        pop(widthOf(insn.ty)); pop(widthOf(insn.ty)); push(insn.ty); break;
      case "eq": case "ne": case "lt": case "le": case "gt": case "ge":
        pop(widthOf(insn.ty)); pop(widthOf(insn.ty)); push("i32"); break;
      case "eqz": pop(widthOf(insn.ty)); push("i32"); break;
      case "narrow": pop(32); push("i32"); break;
      case "extend": pop(32); push("i64"); break;
      case "wrap": pop(64); push("i32"); break;
      case "label": if (reachable) needEmpty("label"); stack = []; reachable = true; break;
      case "br": label(insn.target); needEmpty("branch"); reachable = false; break;
      case "br_if": label(insn.target); pop(32); needEmpty("conditional branch"); break;
      case "br_table": insn.targets.forEach(label); label(insn.default); pop(32); needEmpty("br_table"); reachable = false; break;
      case "call": case "call_indirect": {
        let sig: Signature | undefined;
        if (insn.op === "call") { sig = sigs.get(insn.name); if (!sig) fail(pc, `call to unknown function ${insn.name}`); }
        else { sig = insn.sig; pop(32); }
        for (const p of [...sig!.params].reverse()) pop(widthOf(p));
        if (sig!.result) push(sig!.result);
        break;
      }
      case "ret":
        if (f.result) pop(widthOf(f.result));
        needEmpty("ret"); reachable = false; break;
      case "trap": reachable = false; stack = []; break;
      case "intrinsic": {
        const spec = INTRINSICS[insn.name];
        if (!spec) fail(pc, `unknown intrinsic ${insn.name}`);
        for (const p of [...spec.params].reverse()) pop(widthOf(p));
        if (spec.result) push(spec.result);
        break;
      }
      default: {
        const never: never = insn;
        fail(pc, `unknown op ${JSON.stringify(never)}`);
      }
    }
  });
  if (reachable) fail(f.body.length, "the body can fall off its end; it must end in ret, br or trap");
}
