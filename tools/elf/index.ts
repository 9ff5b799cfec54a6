// ELF32 definitions shared by the assembler, the linker and the machine's firmware loader.
export * from "./constants.ts";
export type * from "./types.ts";
export { ElfFile, ElfFormatError, readElf32 } from "./reader.ts";
export { decodeLineTables, type DecodedRow } from "./dwarf-line-reader.ts";
export { dwarfLineDirectives, sleb128, uleb128, type LineRow, type LineUnit } from "./dwarf-line.ts";
export { ByteWriter, StringTable, writeElfHeader, writeProgramHeader, writeSectionHeader, writeSymbol } from "./writer.ts";
