// ELF32 constants: the generic ABI (System V gABI, "Object Files" chapter) and the i386
// processor supplement (psABI). Only what our tools read or write is named here; a value we
// do not know still passes through as a number.

// e_ident
export const ELFMAG = [0x7f, 0x45, 0x4c, 0x46] as const; // "\x7fELF"
export const EI_CLASS = 4;
export const EI_DATA = 5;
export const EI_VERSION = 6;
export const EI_OSABI = 7;
export const EI_NIDENT = 16;
export const ELFCLASS32 = 1;
export const ELFDATA2LSB = 1;
export const EV_CURRENT = 1;
export const ELFOSABI_SYSV = 0;

// e_type
export const ET_NONE = 0;
export const ET_REL = 1;
export const ET_EXEC = 2;
export const ET_DYN = 3;

// e_machine
export const EM_386 = 3;

// Structure sizes (ELF32)
export const EHDR_SIZE = 52;
export const SHDR_SIZE = 40;
export const PHDR_SIZE = 32;
export const SYM_SIZE = 16;
export const REL_SIZE = 8;
export const RELA_SIZE = 12;

// Special section indices
export const SHN_UNDEF = 0;
export const SHN_LORESERVE = 0xff00;
export const SHN_ABS = 0xfff1;
export const SHN_COMMON = 0xfff2;
export const SHN_XINDEX = 0xffff;

// sh_type
export const SHT_NULL = 0;
export const SHT_PROGBITS = 1;
export const SHT_SYMTAB = 2;
export const SHT_STRTAB = 3;
export const SHT_RELA = 4;
export const SHT_HASH = 5;
export const SHT_DYNAMIC = 6;
export const SHT_NOTE = 7;
export const SHT_NOBITS = 8;
export const SHT_REL = 9;
export const SHT_DYNSYM = 11;
export const SHT_INIT_ARRAY = 14;
export const SHT_FINI_ARRAY = 15;
export const SHT_PREINIT_ARRAY = 16;
export const SHT_GROUP = 17;
export const SHT_SYMTAB_SHNDX = 18;

// sh_flags
export const SHF_WRITE = 0x1;
export const SHF_ALLOC = 0x2;
export const SHF_EXECINSTR = 0x4;
export const SHF_MERGE = 0x10;
export const SHF_STRINGS = 0x20;
export const SHF_INFO_LINK = 0x40;
export const SHF_LINK_ORDER = 0x80;
export const SHF_GROUP = 0x200;
export const SHF_TLS = 0x400;

// Symbol binding (high nibble of st_info)
export const STB_LOCAL = 0;
export const STB_GLOBAL = 1;
export const STB_WEAK = 2;

// Symbol type (low nibble of st_info)
export const STT_NOTYPE = 0;
export const STT_OBJECT = 1;
export const STT_FUNC = 2;
export const STT_SECTION = 3;
export const STT_FILE = 4;
export const STT_COMMON = 5;
export const STT_TLS = 6;

// Symbol visibility (low two bits of st_other)
export const STV_DEFAULT = 0;
export const STV_INTERNAL = 1;
export const STV_HIDDEN = 2;
export const STV_PROTECTED = 3;

export const stInfo = (bind: number, type: number): number => ((bind << 4) | (type & 0xf)) & 0xff;
export const stBind = (info: number): number => info >> 4;
export const stType = (info: number): number => info & 0xf;
export const stVisibility = (other: number): number => other & 3;

// p_type
export const PT_NULL = 0;
export const PT_LOAD = 1;
export const PT_DYNAMIC = 2;
export const PT_INTERP = 3;
export const PT_NOTE = 4;
export const PT_PHDR = 6;
export const PT_TLS = 7;
export const PT_GNU_STACK = 0x6474e551;

// p_flags
export const PF_X = 0x1;
export const PF_W = 0x2;
export const PF_R = 0x4;

// i386 relocation types (psABI, "Relocation Types"). The names matter for messages.
export const R_386_NONE = 0;
export const R_386_32 = 1;
export const R_386_PC32 = 2;
export const R_386_GOT32 = 3;
export const R_386_PLT32 = 4;
export const R_386_COPY = 5;
export const R_386_GLOB_DAT = 6;
export const R_386_JMP_SLOT = 7;
export const R_386_RELATIVE = 8;
export const R_386_GOTOFF = 9;
export const R_386_GOTPC = 10;
export const R_386_32PLT = 11;
export const R_386_16 = 20;
export const R_386_PC16 = 21;
export const R_386_8 = 22;
export const R_386_PC8 = 23;
export const R_386_GOT32X = 43;

const R_386_NAMES: Record<number, string> = {
  0: "R_386_NONE", 1: "R_386_32", 2: "R_386_PC32", 3: "R_386_GOT32", 4: "R_386_PLT32",
  5: "R_386_COPY", 6: "R_386_GLOB_DAT", 7: "R_386_JMP_SLOT", 8: "R_386_RELATIVE",
  9: "R_386_GOTOFF", 10: "R_386_GOTPC", 11: "R_386_32PLT", 14: "R_386_TLS_TPOFF",
  15: "R_386_TLS_IE", 16: "R_386_TLS_GOTIE", 17: "R_386_TLS_LE", 18: "R_386_TLS_GD",
  19: "R_386_TLS_LDM", 20: "R_386_16", 21: "R_386_PC16", 22: "R_386_8", 23: "R_386_PC8",
  37: "R_386_TLS_LE_32", 38: "R_386_TLS_DTPMOD32", 41: "R_386_TLS_DTPOFF32",
  42: "R_386_IRELATIVE", 43: "R_386_GOT32X",
};

/** "R_386_PC32", or "relocation type 0x2c" for a number the psABI table does not name. */
export function relocTypeName(type: number): string {
  return R_386_NAMES[type] ?? `relocation type 0x${type.toString(16)}`;
}

const SHT_NAMES: Record<number, string> = {
  0: "NULL", 1: "PROGBITS", 2: "SYMTAB", 3: "STRTAB", 4: "RELA", 5: "HASH", 6: "DYNAMIC",
  7: "NOTE", 8: "NOBITS", 9: "REL", 11: "DYNSYM", 14: "INIT_ARRAY", 15: "FINI_ARRAY",
  16: "PREINIT_ARRAY", 17: "GROUP", 18: "SYMTAB_SHNDX",
};

export function sectionTypeName(type: number): string {
  return SHT_NAMES[type] ?? `0x${type.toString(16)}`;
}
