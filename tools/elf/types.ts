// ELF32 structures as plain records, field names as in the gABI so a reader can match them
// against `readelf` output and the specification without translation.

export interface Elf32Header {
  /** e_ident[EI_OSABI]; class, data and version are validated by the reader. */
  osabi: number;
  type: number;
  machine: number;
  version: number;
  entry: number;
  phoff: number;
  shoff: number;
  flags: number;
  ehsize: number;
  phentsize: number;
  phnum: number;
  shentsize: number;
  shnum: number;
  shstrndx: number;
}

export interface Elf32SectionHeader {
  /** Index in the section header table. */
  index: number;
  /** Resolved from .shstrtab. */
  name: string;
  nameOffset: number;
  type: number;
  flags: number;
  addr: number;
  offset: number;
  size: number;
  link: number;
  info: number;
  addralign: number;
  entsize: number;
}

export interface Elf32ProgramHeader {
  type: number;
  offset: number;
  vaddr: number;
  paddr: number;
  filesz: number;
  memsz: number;
  flags: number;
  align: number;
}

export interface Elf32Symbol {
  /** Index in its symbol table. */
  index: number;
  name: string;
  value: number;
  size: number;
  info: number;
  other: number;
  shndx: number;
}

/** An SHT_REL entry (i386 uses REL: the addend lives in the bytes being relocated). */
export interface Elf32Rel {
  offset: number;
  symbol: number;
  type: number;
}
