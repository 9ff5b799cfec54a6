// Branch relaxation and frag placement, following GNU as's relax_segment: every jump to a label
// of its own section starts short (EB/7x rel8) and grows to the long form only when the
// displacement does not fit. Frags are visited in address order and each pass carries the
// growth so far ("stretch") forward; a target not yet visited in this pass is assumed to move
// by the same stretch unless an alignment lies between (alignments absorb growth). GNU as's
// exact choices in borderline cases come from this order, so we keep it.

import type { Assembler } from "./assembler.ts";
import { AsmError } from "./errors.ts";
import type { Value } from "./expr.ts";
import { evaluateAt } from "./final-eval.ts";
import { alignmentPadding } from "./nops.ts";
import { Sym, type Frag, type Section } from "./object-model.ts";

const jumpSize = (tail: { cc: number | null; code16: boolean; long: boolean }): number =>
  !tail.long ? 2 : (tail.cc === null ? 1 : 2) + (tail.code16 ? 2 : 4);

/** Is the jump target a label in the jump's own section (so the jump can be relaxed)? */
export function localTarget(asm: Assembler, frag: Frag, v: Value): Sym | null {
  if (v.minus.length !== 0 || v.plus.length !== 1) return null;
  const s = v.plus[0];
  if (!(s instanceof Sym) || s.kind !== "label" || s.binding === "weak") return null;
  return s.frag?.section === frag.section ? s : null;
}

/** The section offset `.org` moves to: a number, or a label of this section plus a number. */
function orgOffset(asm: Assembler, section: Section, tail: Extract<NonNullable<Frag["tail"]>, { kind: "org" }>): number {
  const v = evaluateAt(asm, { expr: tail.target, dot: tail.dot, pos: tail.pos });
  const base = v.plus[0];
  if (v.minus.length === 0 && v.plus.length === 0) return Number(v.add);
  if (v.minus.length === 0 && v.plus.length === 1 && base instanceof Sym && base.kind === "label" && base.frag?.section === section) {
    return base.address + Number(v.add);
  }
  throw new AsmError(asm.file, tail.pos, ".org needs an offset in the current section");
}

/** A `.skip` whose size depends on addresses, evaluated with the current estimate. */
function spaceSize(asm: Assembler, tail: Extract<NonNullable<Frag["tail"]>, { kind: "space" }>): number {
  const v = evaluateAt(asm, { expr: tail.size, dot: tail.dot, pos: tail.pos });
  return v.plus.length === 0 && v.minus.length === 0 ? Math.max(0, Number(v.add)) : 0;
}

function place(asm: Assembler, section: Section): number {
  let address = 0;
  for (const frag of section.frags) {
    frag.address = address;
    address += frag.bytes.length;
    const tail = frag.tail;
    if (tail === null) frag.tailSize = 0;
    else if (tail.kind === "align") frag.tailSize = alignmentPadding(address, tail.pow, tail.max);
    else if (tail.kind === "jump") frag.tailSize = jumpSize(tail);
    else if (tail.kind === "org") frag.tailSize = Math.max(0, orgOffset(asm, section, tail) - address);
    else frag.tailSize = spaceSize(asm, tail);
    address += frag.tailSize;
  }
  return address;
}

export function relaxSection(asm: Assembler, section: Section): number {
  // Jumps whose target is not a label of this section get the long form (and, when the
  // section is emitted, a relocation).
  const targets = new Map<Frag, { sym: Sym; add: number }>();
  for (const frag of section.frags) {
    const tail = frag.tail;
    if (tail?.kind !== "jump") continue;
    const v = evaluateAt(asm, { expr: tail.target, dot: tail.dot, pos: tail.pos });
    const sym = localTarget(asm, frag, v);
    if (sym === null) {
      tail.long = true;
      tail.relaxable = false;
    } else targets.set(frag, { sym, add: Number(v.add) });
  }
  // First estimate, and the regions: an alignment or .org starts a new one.
  place(asm, section);
  const region = new Map<Frag, number>();
  const visited = new Map<Frag, boolean>();
  let r = 0;
  for (const frag of section.frags) {
    region.set(frag, r);
    visited.set(frag, false);
    if (frag.tail?.kind === "align" || frag.tail?.kind === "org") r++;
  }
  for (let pass = 0, stretched = true; stretched; pass++) {
    if (pass > 1000) throw new AsmError(asm.file, { line: 1, column: 1 }, `the layout of section ${section.name} does not settle`);
    stretched = false;
    let stretch = 0;
    const marker = pass % 2 === 0;
    for (const frag of section.frags) {
      visited.set(frag, marker);
      const wasAddress = frag.address;
      frag.address += stretch;
      const tail = frag.tail;
      let growth = 0;
      if (tail?.kind === "align") {
        const oldPad = alignmentPadding(wasAddress + frag.bytes.length, tail.pow, tail.max);
        const newPad = alignmentPadding(frag.address + frag.bytes.length, tail.pow, tail.max);
        growth = newPad - oldPad;
        frag.tailSize = newPad;
      } else if (tail?.kind === "jump" && !tail.long) {
        const t = targets.get(frag)!;
        const varPart = frag.address + frag.bytes.length + 1; // after the opcode byte
        let target = t.sym.frag!.address + t.sym.offset + t.add;
        const targetFrag = t.sym.frag!;
        let skip = false;
        if (stretch !== 0 && visited.get(targetFrag) !== marker) {
          // Not reached yet in this pass: assume it moves as we did, unless an alignment
          // in between may absorb the growth.
          if (stretch < 0 || region.get(targetFrag) === region.get(frag)) target += stretch;
          else if (target < varPart) skip = true;
        }
        const aim = target - varPart;
        if (!skip && (aim < -127 || aim > 128)) {
          tail.long = true;
          growth = jumpSize(tail) - frag.tailSize;
          frag.tailSize = jumpSize(tail);
        }
      } else if (tail?.kind === "space" || tail?.kind === "org") {
        const size = tail.kind === "org" ? Math.max(0, orgOffset(asm, section, tail) - (frag.address + frag.bytes.length)) : spaceSize(asm, tail);
        growth = size - frag.tailSize;
        frag.tailSize = size;
      }
      if (growth !== 0) {
        stretch += growth;
        stretched = true;
      }
    }
  }
  let size = 0;
  for (const frag of section.frags) {
    if (frag.address !== size) throw new Error(`internal: frag of ${section.name} at ${frag.address}, expected ${size}`);
    size = frag.address + frag.bytes.length + frag.tailSize;
  }
  for (const frag of section.frags) {
    const tail = frag.tail;
    if (tail?.kind === "org" && orgOffset(asm, section, tail) < frag.address + frag.bytes.length) {
      throw new AsmError(asm.file, tail.pos, `.org cannot move the location backwards (from ${frag.address + frag.bytes.length} to ${orgOffset(asm, section, tail)})`);
    }
    if (tail?.kind === "space") {
      const v = evaluateAt(asm, { expr: tail.size, dot: tail.dot, pos: tail.pos });
      if (v.plus.length !== 0 || v.minus.length !== 0) throw new AsmError(asm.file, tail.pos, "the size of .skip/.space must be a constant");
      if (v.add < 0) throw new AsmError(asm.file, tail.pos, `.skip/.space size is negative (${v.add})`);
    }
  }
  return size;
}

export function jumpDisplacement(asm: Assembler, frag: Frag): number {
  const tail = frag.tail;
  if (tail?.kind !== "jump") throw new Error("internal: not a jump");
  const v = evaluateAt(asm, { expr: tail.target, dot: tail.dot, pos: tail.pos });
  const target = localTarget(asm, frag, v);
  if (target === null) throw new Error("internal: relaxable jump lost its target");
  return target.address + Number(v.add) - (frag.address + frag.bytes.length + frag.tailSize);
}

