// Accumulates one KBC function while its body is lowered: locals, frame slots, labels, the
// op list, and the loop/switch targets `break` and `continue` jump to.
import type { FrameSlot, Insn, KType, LabelId } from "../kbc/types.ts";
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

  emit(insn: Insn): void {
    this.body.push(insn);
  }

  newLabel(): LabelId {
    return this.nextLabel++;
  }

  placeLabel(id: LabelId): void {
    this.body.push({ op: "label", id });
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
