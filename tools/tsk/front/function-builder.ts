// Accumulates one KBC function while its body is lowered: locals, frame slots, labels, the
// op list, and the loop/switch targets `break` and `continue` jump to.
import type { FrameSlot, Insn, KType, LabelId, Signature } from "../kbc/types.ts";
import { INTRINSICS } from "../kbc/intrinsics.ts";
import type { KtsType } from "./ktypes.ts";
import type { ts } from "./ts-adapter.ts";

/** Where a source variable lives. */
export type LocalVar =
  | { kind: "local"; index: number; type: KtsType }
  /** Struct instances and arrays declared in a function live in the frame. */
  | { kind: "slot"; slot: number; type: KtsType };

export interface JumpTarget {
  /** The statement label (`outer:`) naming this loop or switch, if any. */
  label?: string;
  breakTo: LabelId;
  /** Undefined for a switch or labelled block: `continue` skips it. */
  continueTo?: LabelId;
}

export class FunctionBuilder {
  readonly locals: KType[] = [];
  readonly localNames: string[] = [];
  readonly slots: FrameSlot[] = [];
  readonly body: Insn[] = [];
  readonly vars = new Map<ts.Node, LocalVar>();
  readonly targets: JumpTarget[] = [];
  private nextLabel = 0;
  private readonly freeTemps = new Map<KType, number[]>();
  /** The operand stack's types at this point of the body, tracked so it can be spilled. */
  private stack: KType[] = [];

  /** `sigOf` gives the signature of a called function (for the stack tracking). */
  constructor(private readonly sigOf: (name: string) => Signature) {}

  /** Source line of each op (parallel to `body`). */
  readonly lines: number[] = [];
  /** The line of the statement being lowered; set by the statement lowering. */
  line = 0;

  emit(insn: Insn): void {
    this.body.push(insn);
    this.lines.push(this.line);
    const st = this.stack;
    const popN = (n: number) => { st.length = Math.max(0, st.length - n); };
    switch (insn.op) {
      case "const": st.push(insn.ty); break;
      case "local.get": st.push(this.locals[insn.index]!); break;
      case "global.addr": case "percpu.addr": case "func.addr": case "slot.addr": st.push("u32"); break;
      case "local.set": case "drop": case "br_if": popN(1); break;
      case "load": popN(1); st.push(insn.ty); break;
      case "store": popN(2); break;
      case "eqz": case "narrow": case "wrap": popN(1); st.push("i32"); break;
      case "extend": popN(1); st.push("i64"); break;
      case "label": case "br": case "br_table": case "ret": case "trap": this.stack = []; break;
      case "call": case "call_indirect": {
        const sig = insn.op === "call" ? this.sigOf(insn.name) : insn.sig;
        popN(sig.params.length + (insn.op === "call_indirect" ? 1 : 0));
        if (sig.result) st.push(sig.result);
        break;
      }
      case "intrinsic": {
        const spec = INTRINSICS[insn.name];
        popN(spec.params.length);
        if (spec.result) st.push(spec.result);
        break;
      }
      case "eq": case "ne": case "lt": case "le": case "gt": case "ge": popN(2); st.push("i32"); break;
      default: popN(2); st.push(insn.ty);
    }
  }

  /**
   * Values computed with branches (`?:`, `&&`, `||`, `!`) need an empty stack, the KBC rule
   * at labels. Moves what is on the stack into temps; the returned function pushes it back.
   */
  spillStack(): () => void {
    const saved = [...this.stack];
    if (!saved.length) return () => {};
    const temps = saved.map((t) => this.temp(t));
    for (let i = saved.length - 1; i >= 0; i--) this.emit({ op: "local.set", index: temps[i]! });
    return () => {
      saved.forEach((t, i) => { this.emit({ op: "local.get", index: temps[i]! }); this.freeTemp(t, temps[i]!); });
    };
  }

  /** After a spilled computation left its result in `tmp`: push saved values, then the result. */
  restoreWith(restore: () => void, tmp: number): void {
    restore();
    this.emit({ op: "local.get", index: tmp });
  }

  newLabel(): LabelId {
    return this.nextLabel++;
  }

  placeLabel(id: LabelId): void {
    this.emit({ op: "label", id });
  }

  addLocal(type: KType, name: string): number {
    this.locals.push(type);
    this.localNames.push(name);
    return this.locals.length - 1;
  }

  addSlot(size: number, align: number, name: string): number {
    this.slots.push({ size, align, name });
    return this.slots.length - 1;
  }

  /** A scratch local for values that live across a branch; give it back with freeTemp. */
  temp(type: KType): number {
    const free = this.freeTemps.get(type);
    return free?.length ? free.pop()! : this.addLocal(type, "tmp");
  }

  freeTemp(type: KType, index: number): void {
    const list = this.freeTemps.get(type) ?? [];
    list.push(index);
    this.freeTemps.set(type, list);
  }

  /** True when the last op ends the flow (so no `ret` needs appending). */
  endsFlow(): boolean {
    const last = this.body[this.body.length - 1];
    return !!last && (last.op === "ret" || last.op === "br" || last.op === "br_table" || last.op === "trap");
  }
}
