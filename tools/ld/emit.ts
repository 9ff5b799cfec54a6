// Writing the executable: ELF header, program headers, loaded contents at their offsets,
// non-allocated sections (debug info, comments), then .symtab/.strtab/.shstrtab and the
// section header table, in the order GNU ld writes them.
import {
  ByteWriter, ELFOSABI_SYSV, EM_386, ET_EXEC, SHN_ABS, SHN_LORESERVE, SHN_UNDEF, SHT_NOBITS, SHT_STRTAB, SHT_SYMTAB,
  STB_GLOBAL, STB_LOCAL, STB_WEAK, STT_FILE, STT_NOTYPE, STV_HIDDEN, StringTable, SYM_SIZE,
  stBind, stInfo, stType, writeElfHeader, writeProgramHeader, writeSectionHeader, writeSymbol,
} from "../elf/index.ts";
import type { Elf32Symbol } from "../elf/index.ts";
import type { InputObject } from "./input.ts";
import { mergedLocation } from "./merge.ts";
import { inputAddress } from "./relocate.ts";
import { isAllocated, type OutputSection } from "./output-section.ts";
import { assignFileOffsets, type SegmentOptions, type SegmentPlan } from "./segments.ts";
import { definitionSection, definitionValue, isOutputLocal, type SymbolTable } from "./symbols.ts";

export interface EmitInput {
  outputs: OutputSection[];
  plan: SegmentPlan;
  segmentOptions: SegmentOptions;
  objects: InputObject[];
  symbols: SymbolTable;
  entry: number;
  stripAll: boolean;
}

/** One row of the output symbol table (also used for the map file). */
export interface OutputSymbol {
  name: string;
  value: number;
  size: number;
  info: number;
  other: number;
  section: OutputSection | "abs" | "undef";
}

export function emitExecutable(input: EmitInput): { image: Uint8Array; symbols: OutputSymbol[] } {
  const { outputs, plan, segmentOptions } = input;
  const layout = assignFileOffsets(plan, segmentOptions);

  // Section header order: allocated sections in script order, then the others.
  const headerOrder = [...outputs.filter(isAllocated), ...outputs.filter((s) => !isAllocated(s))];
  headerOrder.forEach((s, i) => { s.headerIndex = i + 1; });
  const symbols = input.stripAll ? [] : collectSymbols(input);

  const w = new ByteWriter();
  w.padTo(layout.end);
  const offsets = new Map(layout.offsets);
  for (const s of outputs.filter(isAllocated)) {
    if (s.type === SHT_NOBITS) continue;
    const at = offsets.get(s)!;
    if (w.length < at + s.size) w.padTo(at + s.size);
  }
  let off = w.length;
  for (const s of outputs.filter((x) => !isAllocated(x))) {
    off = Math.ceil(off / s.align) * s.align;
    offsets.set(s, off);
    off += s.type === SHT_NOBITS ? 0 : s.size;
  }

  const shstr = new StringTable();
  const names = new Map<OutputSection, number>();
  for (const s of headerOrder) names.set(s, shstr.add(s.name));
  const symtabName = input.stripAll ? 0 : shstr.add(".symtab");
  const strtabName = input.stripAll ? 0 : shstr.add(".strtab");
  const shstrtabName = shstr.add(".shstrtab");

  const strtab = new StringTable();
  const symBytes = new ByteWriter();
  let firstGlobal = symbols.length + 1;
  writeSymbol(symBytes, 0, { value: 0, size: 0, info: 0, other: 0, shndx: 0 });
  symbols.forEach((sym, i) => {
    if (stBind(sym.info) !== STB_LOCAL && firstGlobal > i + 1) firstGlobal = i + 1;
    const shndx = sym.section === "abs" ? SHN_ABS : sym.section === "undef" ? SHN_UNDEF : sym.section.headerIndex;
    writeSymbol(symBytes, strtab.add(sym.name), { value: sym.value, size: sym.size, info: sym.info, other: sym.other, shndx });
  });

  const symtabOff = Math.ceil(off / 4) * 4;
  const strtabOff = input.stripAll ? symtabOff : symtabOff + symBytes.length;
  const shstrOff = input.stripAll ? symtabOff : strtabOff + strtab.size;
  const shoff = Math.ceil((shstrOff + shstr.size) / 4) * 4;
  const shnum = headerOrder.length + (input.stripAll ? 0 : 2) + 2;

  // Headers first, then every section's bytes at its offset.
  const out = new ByteWriter();
  writeElfHeader(out, {
    osabi: ELFOSABI_SYSV, type: ET_EXEC, machine: EM_386, entry: input.entry, phoff: 52, shoff, flags: 0,
    phnum: layout.programHeaders.length, shnum, shstrndx: shnum - 1,
  });
  for (const p of layout.programHeaders) writeProgramHeader(out, p);
  const fileSize = shoff + shnum * 40;
  const image = new Uint8Array(fileSize);
  image.set(out.finish(), 0);
  for (const s of outputs) {
    if (s.type === SHT_NOBITS || s.size === 0) continue;
    image.set(s.contents, offsets.get(s)!);
  }
  if (!input.stripAll) {
    image.set(symBytes.finish(), symtabOff);
    image.set(strtab.bytes(), strtabOff);
  }
  image.set(shstr.bytes(), shstrOff);

  const sh = new ByteWriter();
  writeSectionHeader(sh, { nameOffset: 0, type: 0, flags: 0, addr: 0, offset: 0, size: 0, link: 0, info: 0, addralign: 0, entsize: 0 });
  for (const s of headerOrder) {
    writeSectionHeader(sh, {
      nameOffset: names.get(s)!, type: s.type, flags: s.flags, addr: isAllocated(s) ? s.addr : 0, offset: offsets.get(s)!,
      size: s.size, link: 0, info: 0, addralign: s.align, entsize: s.entsize,
    });
  }
  if (!input.stripAll) {
    const strtabIndex = headerOrder.length + 2;
    writeSectionHeader(sh, { nameOffset: symtabName, type: SHT_SYMTAB, flags: 0, addr: 0, offset: symtabOff, size: symBytes.length, link: strtabIndex, info: firstGlobal, addralign: 4, entsize: SYM_SIZE });
    writeSectionHeader(sh, { nameOffset: strtabName, type: SHT_STRTAB, flags: 0, addr: 0, offset: strtabOff, size: strtab.size, link: 0, info: 0, addralign: 1, entsize: 0 });
  }
  writeSectionHeader(sh, { nameOffset: shstrtabName, type: SHT_STRTAB, flags: 0, addr: 0, offset: shstrOff, size: shstr.size, link: 0, info: 0, addralign: 1, entsize: 0 });
  image.set(sh.finish(), shoff);
  return { image, symbols };
}

/**
 * Locals of each object (file symbol first), then globals. Hidden globals stay global with
 * STV_HIDDEN, as GNU ld leaves them in a static executable (no dynamic symbols to hide from).
 */
function collectSymbols(input: EmitInput): OutputSymbol[] {
  const locals: OutputSymbol[] = [];
  const globals: OutputSymbol[] = [];
  for (const obj of input.objects) {
    const mine: OutputSymbol[] = [];
    for (let i = 1; i < obj.firstGlobal; i++) {
      const sym = obj.symbols[i]!;
      if (!isOutputLocal(sym)) continue;
      const where = localPlace(obj, sym, input.outputs);
      if (where === undefined) continue;
      mine.push({ name: sym.name, value: where.value, size: sym.size, info: sym.info, other: sym.other, section: where.section });
    }
    // Like GNU ld, name the object before its locals (by base name) unless it names itself.
    if (mine.length > 0 && stType(mine[0]!.info) !== STT_FILE) {
      locals.push({ name: obj.name.replace(/^.*[\\/]/, ""), value: 0, size: 0, info: stInfo(STB_LOCAL, STT_FILE), other: 0, section: "abs" });
    }
    locals.push(...mine);
  }
  for (const g of input.symbols.globals.values()) {
    const d = g.def;
    // Undefined symbols that survived the link (unreferenced, or weak) are left out, as
    // GNU ld does for a static executable.
    if (d === undefined) continue;
    if (d.kind === "section" && (d.section.discarded || d.section.output === undefined)) continue;
    const value = definitionValue(d);
    const own = definitionSection(d);
    const section = (own !== undefined && input.outputs.includes(own) ? own : undefined)
      ?? (d.kind === "abs" ? undefined : containing(input.outputs, value)) ?? "abs";
    const type = d.kind === "script" ? STT_NOTYPE : g.type;
    const other = g.scriptHidden ? (g.other & ~3) | STV_HIDDEN : g.other;
    globals.push({ name: g.name, value, size: g.size, info: stInfo(g.weak ? STB_WEAK : STB_GLOBAL, type), other, section });
  }
  return [...locals, ...globals];
}

function localPlace(obj: InputObject, sym: Elf32Symbol, outputs: OutputSection[]): { value: number; section: OutputSection | "abs" } | undefined {
  if (stType(sym.info) === STT_FILE || sym.shndx === SHN_ABS || sym.shndx >= SHN_LORESERVE) return { value: sym.value, section: "abs" };
  const s = obj.sections[sym.shndx];
  if (s === undefined || s.discarded || s.output === undefined) return undefined;
  const home = mergedLocation(s, sym.value).section;
  const value = inputAddress(s, sym.value);
  // A label in an output section that was dropped as empty is shown in its neighbour.
  const section = home.output !== undefined && outputs.includes(home.output) ? home.output : containing(outputs, value) ?? "abs";
  return { value, section };
}

/** The allocated section an address falls in (end inclusive, as for `_end = .`). */
function containing(outputs: OutputSection[], value: number): OutputSection | undefined {
  return outputs.find((s) => isAllocated(s) && value >= s.addr && value < s.addr + s.size)
    ?? outputs.find((s) => isAllocated(s) && value === s.addr + s.size);
}
