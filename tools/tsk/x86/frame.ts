// The stack frame of one compiled function, %ebp-based so gdb can walk it:
//
//   8(%ebp)...        parameters (4 bytes each, 8 for 64-bit), pushed by the caller
//   4(%ebp)           return address
//   0(%ebp)           caller's %ebp
//   -4(%ebp)...       callee-saved home registers this function uses (ebx, esi, edi)
//   below             locals without a register, then frame slots, then the spill area
//   0(%esp)...        outgoing arguments of the largest call (%esp stays put in the body)
//
// The most used 32-bit locals live in ebx/esi/edi for the whole function: KBC locals never
// have their address taken (address-taken variables are slots), so nothing can reach them
// through memory and a register is always a faithful home.
import { is64, type KbcFunction } from "../kbc/types.ts";
import { frameMem, HOME_REGS, reg, type HomeReg, type Operand } from "./operands.ts";

export interface FrameLayout {
  /** Local index → the register it lives in, for locals that have one. */
  homes: Map<number, HomeReg>;
  /** Registers to save in the prologue, in push order. */
  savedRegs: HomeReg[];
  /** Where each local lives (low half for 64-bit locals), register or frame cell. */
  localHome: Operand[];
  /** %ebp offset of each frame slot. */
  slotOffset: number[];
  /** Bytes below the saved registers used by locals and slots; the spill area follows. */
  spillBase: number;
}

/** Weighted uses a local needs before it gets a register (one use in a loop weighs 8). */
const MIN_HOME_WEIGHT = 6;

/** Loop weight: a use inside k nested loops counts 8^k (capped), as a static guess of trips. */
function localUseWeights(fn: KbcFunction): number[] {
  const weight = new Array<number>(fn.locals.length).fill(0);
  const labelAt = new Map<number, number>();
  fn.body.forEach((insn, pc) => {
    if (insn.op === "label") labelAt.set(insn.id, pc);
  });
  // A backward branch from pc to label position p marks [p, pc] as a loop body.
  const depth = new Array<number>(fn.body.length + 1).fill(0);
  fn.body.forEach((insn, pc) => {
    const targets = insn.op === "br" || insn.op === "br_if" ? [insn.target] : insn.op === "br_table" ? [...insn.targets, insn.default] : [];
    for (const t of targets) {
      const start = labelAt.get(t);
      if (start !== undefined && start <= pc) for (let i = start; i <= pc; i++) depth[i]! += 1;
    }
  });
  fn.body.forEach((insn, pc) => {
    if (insn.op === "local.get" || insn.op === "local.set") weight[insn.index]! += 8 ** Math.min(depth[pc]!, 4);
  });
  return weight;
}

export function layoutFrame(fn: KbcFunction): FrameLayout {
  const homes = new Map<number, HomeReg>();
  if (!fn.attrs.naked) {
    const weights = localUseWeights(fn);
    const candidates = fn.locals
      .map((ty, index) => ({ index, ty, w: weights[index]! }))
      // A register home costs a save and a restore (and a load, for a parameter); x86 reads
      // and writes memory operands in the same instruction, so it pays off inside loops or
      // for locals used often.
      .filter((c) => !is64(c.ty) && c.w >= MIN_HOME_WEIGHT)
      .sort((a, b) => b.w - a.w || a.index - b.index)
      .slice(0, HOME_REGS.length);
    candidates.forEach((c, i) => homes.set(c.index, HOME_REGS[i]!));
  }
  const savedRegs = HOME_REGS.filter((r) => [...homes.values()].includes(r));

  const localHome: Operand[] = [];
  let paramOffset = 8;
  let below = savedRegs.length * 4;
  fn.locals.forEach((ty, index) => {
    const size = is64(ty) ? 8 : 4;
    const home = homes.get(index);
    if (index < fn.params.length) {
      localHome.push(home !== undefined ? reg(home) : frameMem(paramOffset));
      paramOffset += size;
    } else if (home !== undefined) {
      localHome.push(reg(home));
    } else {
      below += size;
      localHome.push(frameMem(-below));
    }
  });
  const slotOffset = fn.slots.map((slot) => {
    below += slot.size;
    // %ebp is only known to be 4-aligned; larger alignments are honoured relative to it,
    // which x86 tolerates (no access here requires natural alignment).
    const align = Math.max(1, Math.min(slot.align, 4));
    below = Math.ceil(below / align) * align;
    return -below;
  });
  below = Math.ceil(below / 4) * 4;
  return { homes, savedRegs, localHome, slotOffset, spillBase: below };
}

/** Byte offset of parameter `index` above %ebp, for the prologue copying it to a register. */
export function paramOffset(fn: KbcFunction, index: number): number {
  let offset = 8;
  for (let i = 0; i < index; i++) offset += is64(fn.params[i]!) ? 8 : 4;
  return offset;
}
