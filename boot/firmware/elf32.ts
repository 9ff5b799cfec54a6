// Reading 32-bit little-endian x86 ELF executables (System V ABI, ELF chapter; i386
// supplement): just the header and the program headers a loader needs.

export const PT_LOAD = 1;

export interface Elf32Segment {
  type: number;
  offset: number;
  vaddr: number;
  paddr: number;
  filesz: number;
  memsz: number;
}

export interface Elf32Image {
  entry: number;
  segments: Elf32Segment[];
}

export function isElf(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c && bytes[3] === 0x46;
}

/** Parse an ELF32 i386 executable, or return a sentence saying what is wrong with it. */
export function parseElf32(bytes: Uint8Array): Elf32Image | string {
  if (!isElf(bytes)) return "it is not an ELF file";
  if (bytes.length < 52) return `its ELF header is truncated (${bytes.length} bytes, need 52)`;
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes[4] !== 1) return "it is a 64-bit ELF file; a Multiboot v1 kernel must be a 32-bit (ELFCLASS32) executable";
  if (bytes[5] !== 1) return "it is a big-endian ELF file; x86 needs little-endian";
  const machine = v.getUint16(18, true);
  if (machine !== 3) return `its ELF machine is ${machine}, not EM_386 (3)`;
  const type = v.getUint16(16, true);
  if (type !== 2) return `its ELF type is ${type}, not an executable (ET_EXEC)`;
  const phoff = v.getUint32(28, true);
  const phentsize = v.getUint16(42, true);
  const phnum = v.getUint16(44, true);
  if (phnum === 0) return "it has no program headers";
  if (phentsize < 32) return `its program header size is ${phentsize}, below 32`;
  if (phoff + phnum * phentsize > bytes.length) return `its program headers (offset ${phoff}, ${phnum} x ${phentsize} bytes) run past the end of the file (${bytes.length} bytes)`;
  const segments: Elf32Segment[] = [];
  for (let i = 0; i < phnum; i++) {
    const o = phoff + i * phentsize;
    const seg: Elf32Segment = {
      type: v.getUint32(o, true),
      offset: v.getUint32(o + 4, true),
      vaddr: v.getUint32(o + 8, true),
      paddr: v.getUint32(o + 12, true),
      filesz: v.getUint32(o + 16, true),
      memsz: v.getUint32(o + 20, true),
    };
    if (seg.type === PT_LOAD) {
      if (seg.offset + seg.filesz > bytes.length) return `its segment ${i} (file offset ${seg.offset}, ${seg.filesz} bytes) runs past the end of the file (${bytes.length} bytes)`;
      if (seg.filesz > seg.memsz) return `its segment ${i} has more file bytes (${seg.filesz}) than memory bytes (${seg.memsz})`;
    }
    segments.push(seg);
  }
  return { entry: v.getUint32(24, true), segments };
}
