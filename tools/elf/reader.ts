// A validating ELF32 little-endian reader. Everything read from the file is checked against
// the file's length before use, so a truncated or corrupt file becomes an ElfFormatError
// naming the file and the fault, never an out-of-range read or a host exception.
import {
  EHDR_SIZE, ELFCLASS32, ELFDATA2LSB, ELFMAG, EI_CLASS, EI_DATA, EI_NIDENT, EI_OSABI, EI_VERSION,
  EV_CURRENT, PHDR_SIZE, REL_SIZE, SHDR_SIZE, SHN_LORESERVE, SHN_XINDEX, SHT_NOBITS, SHT_NULL,
  SHT_REL, SHT_STRTAB, SHT_SYMTAB, SYM_SIZE,
} from "./constants.ts";
import type { Elf32Header, Elf32ProgramHeader, Elf32Rel, Elf32SectionHeader, Elf32Symbol } from "./types.ts";

export class ElfFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ElfFormatError";
  }
}

export class ElfFile {
  readonly header: Elf32Header;
  readonly sections: Elf32SectionHeader[];
  readonly programHeaders: Elf32ProgramHeader[];
  private readonly view: DataView;

  /** `fileName` is only used in messages. Throws ElfFormatError on any malformation. */
  constructor(readonly fileName: string, readonly data: Uint8Array) {
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    this.header = this.readHeader();
    this.sections = this.readSectionHeaders();
    this.programHeaders = this.readProgramHeaders();
  }

  fail(what: string): never {
    throw new ElfFormatError(`${this.fileName}: ${what}`);
  }

  /** The bytes of a section (empty for SHT_NOBITS), a view into the file, not a copy. */
  sectionData(section: Elf32SectionHeader): Uint8Array {
    if (section.type === SHT_NOBITS || section.type === SHT_NULL) return new Uint8Array(0);
    return this.data.subarray(section.offset, section.offset + section.size);
  }

  /** The NUL-terminated string at `offset` in the string table section `strtab`. */
  stringAt(strtab: Elf32SectionHeader, offset: number, what: string): string {
    if (strtab.type !== SHT_STRTAB) this.fail(`${what} refers to section ${strtab.index} (${strtab.name || "unnamed"}), which is not a string table`);
    if (offset >= strtab.size) this.fail(`${what} has name offset ${offset}, past the end of string table ${strtab.name} (size ${strtab.size})`);
    return this.cString(strtab.offset + offset, strtab.offset + strtab.size, what);
  }

  /** The symbols of an SHT_SYMTAB section, names resolved through its sh_link string table. */
  symbols(symtab: Elf32SectionHeader): Elf32Symbol[] {
    if (symtab.type !== SHT_SYMTAB) this.fail(`section ${symtab.name} is not a symbol table`);
    if (symtab.size % SYM_SIZE !== 0) this.fail(`symbol table ${symtab.name} has size ${symtab.size}, not a multiple of ${SYM_SIZE}`);
    const strtab = this.sectionAt(symtab.link, `symbol table ${symtab.name}'s string table link`);
    const out: Elf32Symbol[] = [];
    for (let i = 0; i < symtab.size / SYM_SIZE; i++) {
      const at = symtab.offset + i * SYM_SIZE;
      const nameOffset = this.u32(at);
      const shndx = this.u16(at + 14);
      if (shndx !== 0 && shndx < SHN_LORESERVE && shndx >= this.sections.length) {
        this.fail(`symbol ${i} in ${symtab.name} refers to section index ${shndx}, but the file has ${this.sections.length} sections`);
      }
      if (shndx === SHN_XINDEX) this.fail(`symbol ${i} uses extended section indices (SHN_XINDEX), which are not supported`);
      out.push({
        index: i,
        name: nameOffset === 0 ? "" : this.stringAt(strtab, nameOffset, `symbol ${i} in ${symtab.name}`),
        value: this.u32(at + 4),
        size: this.u32(at + 8),
        info: this.view.getUint8(at + 12),
        other: this.view.getUint8(at + 13),
        shndx,
      });
    }
    return out;
  }

  /** The entries of an SHT_REL section. */
  rels(section: Elf32SectionHeader): Elf32Rel[] {
    if (section.type !== SHT_REL) this.fail(`section ${section.name} is not a REL relocation section`);
    if (section.size % REL_SIZE !== 0) this.fail(`relocation section ${section.name} has size ${section.size}, not a multiple of ${REL_SIZE}`);
    const out: Elf32Rel[] = [];
    for (let at = section.offset; at < section.offset + section.size; at += REL_SIZE) {
      const info = this.u32(at + 4);
      out.push({ offset: this.u32(at), symbol: info >>> 8, type: info & 0xff });
    }
    return out;
  }

  sectionAt(index: number, what: string): Elf32SectionHeader {
    const s = this.sections[index];
    if (index === 0 || s === undefined) this.fail(`${what} is section index ${index}, which does not exist (the file has ${this.sections.length} sections)`);
    return s;
  }

  private u16(at: number): number { return this.view.getUint16(at, true); }
  private u32(at: number): number { return this.view.getUint32(at, true); }

  private cString(start: number, limit: number, what: string): string {
    let end = start;
    while (end < limit && this.data[end] !== 0) end++;
    if (end >= limit) this.fail(`${what} has a name that is not NUL-terminated within its string table`);
    let s = "";
    for (let i = start; i < end; i++) s += String.fromCharCode(this.data[i]!);
    return s;
  }

  private readHeader(): Elf32Header {
    const d = this.data;
    if (d.length < EI_NIDENT || ELFMAG.some((b, i) => d[i] !== b)) this.fail("not an ELF file (bad magic number)");
    if (d.length < EHDR_SIZE) this.fail(`truncated: ${d.length} bytes, shorter than the 52-byte ELF32 header`);
    if (d[EI_CLASS] !== ELFCLASS32) this.fail(`ELF class ${d[EI_CLASS]} is not ELFCLASS32 (1); only 32-bit objects are supported`);
    if (d[EI_DATA] !== ELFDATA2LSB) this.fail(`ELF data encoding ${d[EI_DATA]} is not little-endian (ELFDATA2LSB)`);
    if (d[EI_VERSION] !== EV_CURRENT) this.fail(`ELF version ${d[EI_VERSION]} is not EV_CURRENT (1)`);
    const v = this.view;
    const h: Elf32Header = {
      osabi: d[EI_OSABI]!,
      type: v.getUint16(16, true), machine: v.getUint16(18, true), version: v.getUint32(20, true),
      entry: v.getUint32(24, true), phoff: v.getUint32(28, true), shoff: v.getUint32(32, true),
      flags: v.getUint32(36, true), ehsize: v.getUint16(40, true), phentsize: v.getUint16(42, true),
      phnum: v.getUint16(44, true), shentsize: v.getUint16(46, true), shnum: v.getUint16(48, true),
      shstrndx: v.getUint16(50, true),
    };
    if (h.shnum > 0 && h.shentsize !== SHDR_SIZE) this.fail(`section header entry size is ${h.shentsize}, expected ${SHDR_SIZE}`);
    if (h.phnum > 0 && h.phentsize !== PHDR_SIZE) this.fail(`program header entry size is ${h.phentsize}, expected ${PHDR_SIZE}`);
    if (h.shnum > 0 && h.shoff + h.shnum * SHDR_SIZE > d.length) {
      this.fail(`section header table (offset 0x${h.shoff.toString(16)}, ${h.shnum} entries) extends past the end of the file (${d.length} bytes)`);
    }
    if (h.phnum > 0 && h.phoff + h.phnum * PHDR_SIZE > d.length) {
      this.fail(`program header table (offset 0x${h.phoff.toString(16)}, ${h.phnum} entries) extends past the end of the file (${d.length} bytes)`);
    }
    if (h.shnum > 0 && h.shstrndx >= h.shnum) this.fail(`section name table index ${h.shstrndx} is out of range (${h.shnum} sections)`);
    return h;
  }

  private readSectionHeaders(): Elf32SectionHeader[] {
    const h = this.header;
    const raw: Elf32SectionHeader[] = [];
    for (let i = 0; i < h.shnum; i++) {
      const at = h.shoff + i * SHDR_SIZE;
      const s: Elf32SectionHeader = {
        index: i, name: "", nameOffset: this.u32(at), type: this.u32(at + 4), flags: this.u32(at + 8),
        addr: this.u32(at + 12), offset: this.u32(at + 16), size: this.u32(at + 20), link: this.u32(at + 24),
        info: this.u32(at + 28), addralign: this.u32(at + 32), entsize: this.u32(at + 36),
      };
      if (s.type !== SHT_NOBITS && s.type !== SHT_NULL && s.offset + s.size > this.data.length) {
        this.fail(`section ${i} (offset 0x${s.offset.toString(16)}, size 0x${s.size.toString(16)}) extends past the end of the file (${this.data.length} bytes)`);
      }
      if (s.addralign > 1 && (s.addralign & (s.addralign - 1)) !== 0) this.fail(`section ${i} has alignment ${s.addralign}, which is not a power of two`);
      raw.push(s);
    }
    if (h.shnum > 0) {
      // Names can only be resolved once every header is known to be in bounds.
      const shstr = raw[h.shstrndx]!;
      if (shstr.type !== SHT_STRTAB) this.fail(`section name table (section ${h.shstrndx}) is not a string table`);
      for (const s of raw) {
        if (s.index === 0) continue;
        if (s.nameOffset >= shstr.size) this.fail(`section ${s.index} has name offset ${s.nameOffset}, past the end of the section name table`);
        s.name = this.cString(shstr.offset + s.nameOffset, shstr.offset + shstr.size, `section ${s.index}`);
      }
    }
    return raw;
  }

  private readProgramHeaders(): Elf32ProgramHeader[] {
    const out: Elf32ProgramHeader[] = [];
    for (let i = 0; i < this.header.phnum; i++) {
      const at = this.header.phoff + i * PHDR_SIZE;
      const p: Elf32ProgramHeader = {
        type: this.u32(at), offset: this.u32(at + 4), vaddr: this.u32(at + 8), paddr: this.u32(at + 12),
        filesz: this.u32(at + 16), memsz: this.u32(at + 20), flags: this.u32(at + 24), align: this.u32(at + 28),
      };
      if (p.filesz > 0 && p.offset + p.filesz > this.data.length) {
        this.fail(`program header ${i} (offset 0x${p.offset.toString(16)}, filesz 0x${p.filesz.toString(16)}) extends past the end of the file (${this.data.length} bytes)`);
      }
      if (p.filesz > p.memsz) this.fail(`program header ${i} has filesz 0x${p.filesz.toString(16)} larger than memsz 0x${p.memsz.toString(16)}`);
      out.push(p);
    }
    return out;
  }
}

/** Parse an ELF32 little-endian file. Throws ElfFormatError naming `fileName` and the fault. */
export function readElf32(data: Uint8Array, fileName: string): ElfFile {
  return new ElfFile(fileName, data);
}
