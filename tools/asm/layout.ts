// After reading: place frags (relax.ts), produce section bytes, and resolve fixups into
// patched bytes or ELF relocations. A jump to a symbol that is undefined, weak, or in another
// section is long from the start and carries a relocation created after all the others of its
// section, as in GNU as.

import type { Assembler } from "./assembler.ts";
import { AsmError } from "./errors.ts";
import { evaluateAt } from "./final-eval.ts";
import { jumpDisplacement, relaxSection } from "./relax.ts";
import { pushLittleEndian } from "./encoder.ts";
import type { Fixup, Section, Sym } from "./object-model.ts";
import { alignmentNops } from "./nops.ts";

export const R_386_32 = 1;
export const R_386_PC32 = 2;
export const R_386_16 = 20;
export const R_386_PC16 = 21;
export const R_386_8 = 22;
export const R_386_PC8 = 23;

export interface Relocation {
  offset: number;
  sym: Sym | null; // null: no symbol (an absolute target)
  type: number;
}

export interface LaidOutSection {
  section: Section;
  bytes: Uint8Array; // empty for nobits
  size: number;
  relocs: Relocation[];
}

/** Places every frag of every section; only then can fixups refer across sections. */
export function layoutAll(asm: Assembler): LaidOutSection[] {
  const sizes = asm.sections.map((s) => relaxSection(asm, s));
  return asm.sections.map((s, i) => emitSection(asm, s, sizes[i]));
}

function emitSection(asm: Assembler, section: Section, size: number): LaidOutSection {
  const lateFixups: Fixup[] = [];

  // Bytes: every frag, then its tail.
  const bytes = section.type === "nobits" ? new Uint8Array(0) : new Uint8Array(size);
  for (const frag of section.frags) {
    if (section.type === "nobits") continue;
    bytes.set(frag.bytes, frag.address);
    const tail = frag.tail;
    const at = frag.address + frag.bytes.length;
    if (tail === null) continue;
    if (tail.kind === "align" || tail.kind === "space" || tail.kind === "org") {
      // GNU as picks the no-op patterns when it writes the file, from the code size in effect
      // at the end of the source, not where the .align stood.
      if (tail.kind === "align" && tail.pattern !== undefined) {
        const p = tail.pattern;
        if (frag.tailSize % p.length !== 0) {
          throw new AsmError(asm.file, tail.pos ?? { line: 1, column: 1 }, `alignment padding (${frag.tailSize} bytes) is not a multiple of the ${p.length}-byte fill pattern`);
        }
        for (let i = 0; i < frag.tailSize; i++) bytes[at + i] = p[i % p.length];
      } else if (tail.kind === "align" && tail.fill === null) bytes.set(codePadding(frag.tailSize, asm.code16), at);
      else bytes.fill(tail.fill ?? 0, at, at + frag.tailSize);
      continue;
    }
    const out: number[] = [];
    if (!tail.long) out.push(tail.cc === null ? 0xeb : 0x70 + tail.cc, 0);
    else if (tail.cc === null) out.push(0xe9);
    else out.push(0x0f, 0x80 + tail.cc);
    if (tail.relaxable) {
      const disp = jumpDisplacement(asm, frag);
      if (!tail.long) out[1] = disp & 0xff;
      else pushLittleEndian(out, disp, tail.code16 ? 2 : 4);
    } else {
      lateFixups.push({ frag, offset: frag.bytes.length + out.length, size: tail.code16 ? 2 : 4, expr: tail.target, dot: tail.dot, pcrel: true, pos: tail.pos });
      for (let i = 0; i < (tail.code16 ? 2 : 4); i++) out.push(0);
    }
    bytes.set(out, at);
  }

  const relocs: Relocation[] = [];
  for (const fixup of [...section.fixups, ...lateFixups]) {
    applyFixup(asm, section, fixup, bytes, relocs);
  }
  return { section, bytes, size, relocs };
}

function codePadding(count: number, code16: boolean): Uint8Array {
  return Uint8Array.from(alignmentNops(count, code16));
}


const RELOC_TYPES: Record<number, [number, number]> = { 1: [R_386_8, R_386_PC8], 2: [R_386_16, R_386_PC16], 4: [R_386_32, R_386_PC32] };

function applyFixup(asm: Assembler, section: Section, f: Fixup, bytes: Uint8Array, relocs: Relocation[]): void {
  const v = evaluateAt(asm, f);
  const where = f.frag.address + f.offset;
  const fail = (message: string): never => {
    throw new AsmError(asm.file, f.pos, message);
  };
  const write = (value: number | bigint): void => {
    if (section.type === "nobits") fail(`section ${section.name} holds no data`);
    const out: number[] = [];
    pushLittleEndian(out, value, f.size);
    bytes.set(out, where);
  };
  const names = (): string => [...v.plus, ...v.minus].map((t) => t.name).join(", ");
  if (v.plus.length > 1 || v.minus.length > 1) fail(`cannot represent this expression (symbols ${names()}) as a relocation`);
  const sym = v.plus[0] as Sym | undefined;
  const sub = v.minus[0] as Sym | undefined;
  const pcEnd = where + f.size;

  // The value is a number: a constant, or the distance between two labels of one section.
  if (sym === undefined && sub === undefined) {
    if (f.pcrel) {
      // A branch to a fixed address: GNU as leaves it to the linker, relative to no symbol.
      if (f.size === 8) fail("a 64-bit field cannot hold a branch displacement");
      write(v.add - BigInt(pcEnd - where));
      relocs.push({ offset: where, sym: null, type: RELOC_TYPES[f.size][1] });
      return;
    }
    checkRange(v.add, f, fail);
    write(v.add);
    return;
  }
  if (sym === undefined) fail(`cannot use the negative of symbol '${sub!.name}' in a relocation`);
  const s = sym!;
  // pc-relative: either a branch field, or `sym - label` where label is in this section.
  let pcrel = f.pcrel;
  let add = Number(v.add);
  if (sub !== undefined) {
    if (f.pcrel) fail(`a branch target cannot subtract symbol '${sub.name}'`);
    if (sub.kind !== "label" || sub.frag?.section !== section) {
      fail(`cannot subtract '${sub.name}', which is not a label of section ${section.name}, from '${s.name}'`);
    }
    pcrel = true;
    add += where - sub!.address;
  } else if (f.pcrel) {
    add -= pcEnd - where;
  }
  if (s.kind === "equ") return relocateAgainstEquate(s, f, add, pcrel, write, relocs, where, fail);
  // A branch to a local label of this section needs no relocation.
  if (f.pcrel && s.kind === "label" && s.binding === "local" && s.frag?.section === section) {
    const disp = s.address + Number(v.add) - pcEnd;
    if (f.size === 1 && (disp < -128 || disp > 127)) fail(`branch target '${s.name}' is out of range of an 8-bit displacement (${disp})`);
    write(disp);
    return;
  }
  if (f.size === 8) fail(`a 64-bit field cannot hold the address of '${s.name}'`);
  const [absType, pcType] = RELOC_TYPES[f.size];
  let target: Sym | null = s;
  if (s.kind === "label" && s.binding === "local") {
    // Relocations against local labels go through the section symbol, as GNU as does.
    add += s.address;
    target = s.frag!.section.sym;
  } else if (s.kind === "undefined" && s.temporary) {
    fail(`undefined local label '${displayName(s.name)}'`);
  } else if (s.kind === "section") {
    target = s;
  }
  target.usedInReloc = true;
  if (s.kind === "undefined" && s.binding === "local") s.binding = "global";
  write(add);
  relocs.push({ offset: where, sym: target, type: pcrel ? pcType : absType });
}

/** A reference to a global equate of an address: relocate against the equate symbol itself. */
function relocateAgainstEquate(
  s: Sym,
  f: Fixup,
  add: number,
  pcrel: boolean,
  write: (v: number) => void,
  relocs: Relocation[],
  where: number,
  fail: (m: string) => never,
): void {
  if (f.size === 8) fail(`a 64-bit field cannot hold the address of '${s.name}'`);
  s.usedInReloc = true;
  write(add);
  relocs.push({ offset: where, sym: s, type: RELOC_TYPES[f.size][pcrel ? 1 : 0] });
}

function checkRange(value: bigint, f: Fixup, fail: (m: string) => never): void {
  if (f.size === 8) return;
  const bits = BigInt(f.size * 8);
  if (f.pcrel) return;
  if (value < -(1n << (bits - 1n)) || value >= 1n << bits) {
    // GNU as warns and truncates; a silent truncation would hide a bug, so we refuse.
    fail(`value ${value} does not fit in ${bits} bits`);
  }
}

export function displayName(name: string): string {
  const m = /^([0-9]+)\u0002/.exec(name);
  return m !== null ? `${m[1]} (a numeric local label)` : name;
}
