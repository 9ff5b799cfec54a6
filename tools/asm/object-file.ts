// From the assembler's sections and symbols to the ELF writer's input: lays out every section,
// then builds .symtab in GNU as's order (the file symbol, then local symbols — section symbols
// only when a relocation uses them — in creation order, then global symbols in creation order).

import type { Assembler } from "./assembler.ts";
import { AsmError } from "./errors.ts";
import { evaluate, TokenError } from "./expr.ts";
import {
  SHF_ALLOC,
  SHF_EXECINSTR,
  SHF_MERGE,
  SHF_STRINGS,
  SHF_WRITE,
  SHN_ABS,
  SHN_COMMON,
  SHF_TLS,
  SHT_FINI_ARRAY,
  SHT_INIT_ARRAY,
  SHT_NOBITS,
  SHT_NOTE,
  SHT_PREINIT_ARRAY,
  SHT_PROGBITS,
  writeElf,
  type ElfSection,
  type ElfSymbol,
} from "./elf-writer.ts";
import { createDebugSections, writeDebugSections } from "./dwarf-lines.ts";
import { createEhFrame, writeEhFrame } from "./cfi.ts";
import { finalContext } from "./final-eval.ts";
import { displayName, layoutAll, type LaidOutSection } from "./layout.ts";
import { Sym, type Section, type SectionType } from "./object-model.ts";

const STB = { local: 0, global: 1, weak: 2 };
const SECTION_TYPES: Record<SectionType, number> = {
  progbits: SHT_PROGBITS,
  nobits: SHT_NOBITS,
  note: SHT_NOTE,
  init_array: SHT_INIT_ARRAY,
  fini_array: SHT_FINI_ARRAY,
  preinit_array: SHT_PREINIT_ARRAY,
};
const STT = { notype: 0, object: 1, function: 2, section: 3, file: 4 };

function sectionFlags(s: Section): number {
  let f = 0;
  if (s.flags.includes("w")) f |= SHF_WRITE;
  if (s.flags.includes("a")) f |= SHF_ALLOC;
  if (s.flags.includes("x")) f |= SHF_EXECINSTR;
  if (s.flags.includes("M")) f |= SHF_MERGE;
  if (s.flags.includes("S")) f |= SHF_STRINGS;
  if (s.flags.includes("T")) f |= SHF_TLS;
  return f;
}

export function writeObject(asm: Assembler): Uint8Array {
  for (const sym of asm.symbolOrder) {
    if (sym.temporary && sym.kind === "undefined" && sym.firstUse !== null) {
      throw new AsmError(asm.file, sym.firstUse, `undefined local label '${displayName(sym.name)}'`);
    }
  }
  asm.cfi.check(asm);
  // GNU as writes the line information before the call-frame information.
  const debug = asm.lines.used ? createDebugSections(asm) : null;
  const ehFrame = asm.cfi.used ? createEhFrame(asm) : null;
  const laid: LaidOutSection[] = layoutAll(asm);
  const sectionIndex = new Map<Section, number>(asm.sections.map((s, i) => [s, i]));

  const symbolValue = (sym: Sym): { value: number; section: ElfSymbol["section"] } | null => {
    switch (sym.kind) {
      case "label":
        return { value: sym.address, section: { index: sectionIndex.get(sym.frag!.section)! } };
      case "common":
        return { value: sym.common.align, section: { special: SHN_COMMON } };
      case "undefined":
        return { value: 0, section: { index: -1 } };
      case "section":
        return { value: 0, section: { index: sectionIndex.get(sym.section!)! } };
      case "file":
        return { value: 0, section: { special: SHN_ABS } };
      case "equ": {
        let v;
        try {
          v = asm.symbolValue(sym, (d) => finalContext(asm, d));
        } catch (e) {
          if (e instanceof TokenError) throw new AsmError(asm.file, e.tok ?? sym.firstUse ?? { line: 1, column: 1 }, e.message);
          throw e;
        }
        if (v.minus.length === 0 && v.plus.length === 0) return { value: Number(BigInt.asUintN(32, v.add)), section: { special: SHN_ABS } };
        const base = v.plus[0] as Sym;
        if (v.minus.length === 0 && v.plus.length === 1 && base.kind === "label") {
          return { value: base.address + Number(v.add), section: { index: sectionIndex.get(base.frag!.section)! } };
        }
        return null;
      }
    }
  };
  const sizeOf = (sym: Sym): number => {
    if (sym.kind === "common") return sym.common.size;
    if (sym.size === null) return 0;
    try {
      const v = evaluate(sym.size.expr, finalContext(asm, sym.size.dot));
      if (v.plus.length !== 0 || v.minus.length !== 0) throw new TokenError(sym.size.expr.tok, `the size of '${sym.name}' must be a constant`);
      return Number(v.add);
    } catch (e) {
      if (e instanceof TokenError) throw new AsmError(asm.file, e.tok ?? sym.size.expr.tok, e.message);
      throw e;
    }
  };

  if (ehFrame !== null) writeEhFrame(asm.cfi, ehFrame, laid);
  if (debug !== null) writeDebugSections(asm, asm.lines, debug, laid, sizeOf);
  const isGlobal = (s: Sym): boolean => s.binding !== "local" || s.kind === "undefined" || s.kind === "common";
  const wanted = (s: Sym): boolean => {
    if (s.kind === "section") return s.usedInReloc;
    // An equate naming an undefined symbol is only an alias: GNU as writes the target instead.
    if (s.kind === "equ" && s.binding === "local" && symbolValue(s) === null) {
      const v = asm.symbolValue(s, (d) => finalContext(asm, d));
      const target = v.plus[0];
      if (v.plus.length === 1 && v.minus.length === 0 && target instanceof Sym && target.kind === "undefined") return false;
      throw new AsmError(asm.file, s.equ?.expr.tok ?? { line: 1, column: 1 }, `cannot give symbol '${s.name}' a value: its expression depends on undefined symbols`);
    }
    if (s.kind === "file" || s.temporary) return false;
    // GNU as drops a weak symbol that is neither defined nor used.
    if (s.kind === "undefined") return !(s.binding === "weak" && !s.referenced && !s.usedInReloc);
    return true;
  };
  const locals = asm.symbolOrder.filter((s) => wanted(s) && !isGlobal(s));
  const globals = asm.symbolOrder.filter((s) => wanted(s) && isGlobal(s));
  const ordered = [...(asm.fileSymbol ? [asm.fileSymbol] : []), ...locals, ...globals];
  const symbolIndex = new Map<Sym, number>(ordered.map((s, i) => [s, i + 1]));

  const elfSymbols: ElfSymbol[] = ordered.map((s) => {
    const v = symbolValue(s);
    if (v === null) throw new AsmError(asm.file, s.firstUse ?? { line: 1, column: 1 }, `cannot give symbol '${s.name}' a value that a relocatable object can hold`);
    const type = s.kind === "section" ? STT.section : s.kind === "file" ? STT.file : STT[s.type];
    const bind = isGlobal(s) ? (s.binding === "weak" ? STB.weak : STB.global) : STB.local;
    return { name: s.kind === "section" ? "" : s.name, value: v.value, size: sizeOf(s), info: (bind << 4) | type, other: s.visibility, section: v.section };
  });

  const elfSections: ElfSection[] = laid.map((l) => ({
    name: l.section.name,
    type: SECTION_TYPES[l.section.type],
    flags: sectionFlags(l.section),
    align: 2 ** l.section.alignPow,
    entsize: l.section.entsize,
    data: l.bytes,
    size: l.size,
    relocs: l.relocs.map((r) => ({ offset: r.offset, type: r.type, symbol: r.sym === null ? 0 : (symbolIndex.get(r.sym) ?? 0) })),
  }));
  return writeElf(elfSections, elfSymbols, 1 + (asm.fileSymbol ? 1 : 0) + locals.length);
}
