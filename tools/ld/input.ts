// Reading relocatable objects into the linker's model: the sections that can be placed,
// their relocations, and the object's symbol table. Anything the linker cannot honour
// (wrong machine, RELA on i386, relocations pointing outside their section) is rejected
// here with the file named, before layout starts.
import {
  EM_386, ET_REL, ElfFormatError, SHF_ALLOC, SHF_GROUP, SHF_WRITE, SHN_ABS, SHN_COMMON, SHN_LORESERVE, SHN_UNDEF,
  SHT_GROUP, SHT_NOBITS, SHT_NULL, SHT_RELA, SHT_REL, SHT_STRTAB, SHT_SYMTAB, SHT_SYMTAB_SHNDX,
  STT_SECTION, readElf32, relocTypeName, stType,
} from "../elf/index.ts";
import type { ElfFile, Elf32Rel, Elf32Symbol } from "../elf/index.ts";
import { LinkError } from "./errors.ts";
import type { MergeMap } from "./merge.ts";

const GRP_COMDAT = 0x1;
import type { OutputSection } from "./output-section.ts";

export interface InputSection {
  file: InputObject;
  /** Section header index in the object; -1 for the synthetic COMMON section. */
  index: number;
  name: string;
  type: number;
  flags: number;
  align: number;
  size: number;
  /** sh_entsize: the entry size of SHF_MERGE sections. */
  entsize: number;
  /**
   * Contents (empty for NOBITS). Relocation writes into the output, never here; only
   * merging (merge.ts) replaces it, with `merged` saying where each original entry went.
   */
  data: Uint8Array;
  merged?: MergeMap;
  rels: Elf32Rel[];
  /** Where layout put it; undefined while unplaced, and for discarded sections. */
  output?: OutputSection;
  /** Offset from the start of `output`. */
  outputOffset: number;
  discarded: boolean;
}

export interface InputObject {
  name: string;
  elf: ElfFile;
  /** By section header index; undefined for sections that are not placed (symtab, rel, ...). */
  sections: (InputSection | undefined)[];
  symbols: Elf32Symbol[];
  /** Symbols at or above this index are global (the symtab's sh_info). */
  firstGlobal: number;
  /** Where this object's COMMON symbols are allocated when it owns them (GNU: "COMMON"). */
  common: InputSection;
  /** Section groups (gABI "Section Groups"); a COMDAT group is kept once per link. */
  groups: { signature: string; comdat: boolean; members: InputSection[] }[];
}

function reject(file: string, what: string): never {
  throw new LinkError(`${file}: ${what}`);
}

export function readObject(name: string, data: Uint8Array): InputObject {
  let elf: ElfFile;
  try {
    elf = readElf32(data, name);
  } catch (e) {
    if (e instanceof ElfFormatError) throw new LinkError(`${e.message}; file format not recognized as elf32-i386`);
    throw e;
  }
  try {
    return modelObject(name, elf);
  } catch (e) {
    // Symbol and relocation tables are validated as they are read.
    if (e instanceof ElfFormatError) throw new LinkError(e.message);
    throw e;
  }
}

function modelObject(name: string, elf: ElfFile): InputObject {
  const h = elf.header;
  if (h.type !== ET_REL) reject(name, `is not a relocatable object (ELF type ${h.type}, expected ET_REL); only .o files can be linked`);
  if (h.machine !== EM_386) reject(name, `is for machine ${h.machine}, not i386 (EM_386 = 3); assemble it with --32`);

  const obj: InputObject = {
    name, elf, sections: [], symbols: [], firstGlobal: 0, groups: [],
    common: {
      file: undefined as unknown as InputObject, index: -1, name: "COMMON", type: SHT_NOBITS, flags: SHF_ALLOC | SHF_WRITE,
      align: 1, size: 0, entsize: 0, data: new Uint8Array(0), rels: [], outputOffset: 0, discarded: false,
    },
  };
  obj.common.file = obj;

  for (const s of elf.sections) {
    if (s.type === SHT_NULL || s.type === SHT_SYMTAB || s.type === SHT_STRTAB || s.type === SHT_REL || s.type === SHT_SYMTAB_SHNDX) continue;
    if (s.type === SHT_RELA) reject(name, `section ${s.name} is SHT_RELA; i386 objects carry REL relocations only`);
    if (s.type === SHT_GROUP) continue; // read below, once the symbol table is known
    obj.sections[s.index] = {
      file: obj, index: s.index, name: s.name, type: s.type, flags: s.flags & ~SHF_GROUP, align: Math.max(1, s.addralign),
      size: s.size, entsize: s.entsize, data: elf.sectionData(s), rels: [], outputOffset: 0, discarded: false,
    };
  }

  const symtabs = elf.sections.filter((s) => s.type === SHT_SYMTAB);
  if (symtabs.length > 1) reject(name, "has more than one symbol table");
  const symtab = symtabs[0];
  if (symtab !== undefined) {
    obj.symbols = elf.symbols(symtab);
    obj.firstGlobal = symtab.info;
    if (symtab.info > obj.symbols.length) reject(name, `symbol table's first global index ${symtab.info} is past its ${obj.symbols.length} entries`);
    for (const sym of obj.symbols) {
      if (sym.shndx !== SHN_UNDEF && sym.shndx < SHN_LORESERVE && elf.sections[sym.shndx]?.type === SHT_NULL) {
        reject(name, `symbol ${sym.name || sym.index} is defined in section ${sym.shndx}, which is an SHT_NULL section`);
      }
      if (sym.shndx === SHN_COMMON && sym.value !== 0 && (sym.value & (sym.value - 1)) !== 0) {
        reject(name, `COMMON symbol ${sym.name} has alignment ${sym.value}, which is not a power of two`);
      }
    }
  }

  for (const s of elf.sections) {
    if (s.type !== SHT_GROUP) continue;
    if (symtab === undefined || s.link !== symtab.index) reject(name, `group section ${s.name} does not use the object's symbol table`);
    const signature = obj.symbols[s.info];
    if (signature === undefined) reject(name, `group section ${s.name} names symbol ${s.info} as its signature, past the symbol table`);
    const words = elf.sectionData(s);
    if (words.length < 4 || words.length % 4 !== 0) reject(name, `group section ${s.name} has size ${words.length}, not a flag word and member indices`);
    const view = new DataView(words.buffer, words.byteOffset, words.byteLength);
    const members: InputSection[] = [];
    for (let at = 4; at < words.length; at += 4) {
      const index = view.getUint32(at, true);
      if (index >= elf.sections.length) reject(name, `group section ${s.name} lists section ${index}, which does not exist`);
      const member = obj.sections[index];
      if (member !== undefined) members.push(member);
    }
    // A section signature (gas names the group after its section) is the section's name.
    const sigName = stType(signature.info) === STT_SECTION ? (elf.sections[signature.shndx]?.name ?? "") : signature.name;
    obj.groups.push({ signature: sigName, comdat: (view.getUint32(0, true) & GRP_COMDAT) !== 0, members });
  }

  for (const s of elf.sections) {
    if (s.type !== SHT_REL) continue;
    const target = obj.sections[s.info];
    if (target === undefined) {
      // Relocations for sections we do not place (e.g. a group) have nothing to patch.
      if (elf.sections[s.info] === undefined) reject(name, `relocation section ${s.name} applies to section ${s.info}, which does not exist`);
      continue;
    }
    if (symtab === undefined || s.link !== symtab.index) reject(name, `relocation section ${s.name} does not use the object's symbol table (sh_link ${s.link})`);
    const rels = elf.rels(s);
    rels.forEach((r, i) => {
      if (r.symbol >= obj.symbols.length) reject(name, `relocation ${i} in ${s.name} refers to symbol ${r.symbol}, but the symbol table has ${obj.symbols.length} entries`);
      const width = relocWidth(r.type);
      if (width === undefined) {
        reject(name, `${target.name}+0x${r.offset.toString(16)}: unsupported relocation type ${relocTypeName(r.type)} (${r.type}); only R_386_32, R_386_PC32, R_386_16, R_386_PC16, R_386_8 and R_386_PC8 are supported in a static link`);
      }
      if (target.type !== SHT_NOBITS && r.offset + width > target.size) {
        reject(name, `relocation ${i} in ${s.name} is at offset 0x${r.offset.toString(16)}, outside section ${target.name} (size 0x${target.size.toString(16)})`);
      }
    });
    target.rels.push(...rels);
  }

  return obj;
}

/** Bytes patched by a relocation type we support; undefined for the unsupported ones. */
export function relocWidth(type: number): number | undefined {
  switch (type) {
    case 0: return 0; // R_386_NONE
    case 1: case 2: return 4; // R_386_32, R_386_PC32
    case 20: case 21: return 2; // R_386_16, R_386_PC16
    case 22: case 23: return 1; // R_386_8, R_386_PC8
    default: return undefined;
  }
}

/** Placeable input section a symbol is defined in, or a special index. */
export function symbolSection(obj: InputObject, sym: Elf32Symbol): InputSection | "abs" | "common" | "undef" | "unplaced" {
  if (sym.shndx === SHN_UNDEF) return "undef";
  if (sym.shndx === SHN_ABS) return "abs";
  if (sym.shndx === SHN_COMMON) return "common";
  if (sym.shndx >= SHN_LORESERVE) return "abs";
  return obj.sections[sym.shndx] ?? "unplaced";
}

export function isAlloc(s: InputSection): boolean {
  return (s.flags & SHF_ALLOC) !== 0;
}
