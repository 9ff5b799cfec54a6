// Building blocks for writing ELF32 little-endian files: a growable byte buffer, a string
// table builder, and encoders for the fixed-size structures.
import { EHDR_SIZE, ELFCLASS32, ELFDATA2LSB, ELFMAG, EV_CURRENT, PHDR_SIZE, SHDR_SIZE } from "./constants.ts";
import type { Elf32Header, Elf32ProgramHeader, Elf32SectionHeader, Elf32Symbol } from "./types.ts";

export class ByteWriter {
  private buf = new Uint8Array(4096);
  private view = new DataView(this.buf.buffer);
  length = 0;

  private reserve(end: number): void {
    if (end <= this.buf.length) return;
    let size = this.buf.length;
    while (size < end) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  /** Zero-fill up to `offset` (which must not be behind the current length). */
  padTo(offset: number): void {
    if (offset < this.length) throw new Error(`ByteWriter.padTo(${offset}) is behind the current length ${this.length}`);
    this.reserve(offset);
    this.length = offset;
  }

  align(alignment: number): void {
    if (alignment > 1) this.padTo(Math.ceil(this.length / alignment) * alignment);
  }

  bytes(data: Uint8Array): void {
    this.reserve(this.length + data.length);
    this.buf.set(data, this.length);
    this.length += data.length;
  }

  u8(v: number): void { this.reserve(this.length + 1); this.view.setUint8(this.length, v); this.length += 1; }
  u16(v: number): void { this.reserve(this.length + 2); this.view.setUint16(this.length, v, true); this.length += 2; }
  u32(v: number): void { this.reserve(this.length + 4); this.view.setUint32(this.length, v >>> 0, true); this.length += 4; }

  /** Overwrite a 32-bit value already written (for offsets known only later). */
  patch32(at: number, v: number): void { this.view.setUint32(at, v >>> 0, true); }

  finish(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

/** An ELF string table: offset 0 is the empty string; identical strings are stored once. */
export class StringTable {
  private readonly offsets = new Map<string, number>([["", 0]]);
  private readonly parts: number[] = [0];

  add(s: string): number {
    const known = this.offsets.get(s);
    if (known !== undefined) return known;
    const at = this.parts.length;
    for (let i = 0; i < s.length; i++) this.parts.push(s.charCodeAt(i) & 0xff);
    this.parts.push(0);
    this.offsets.set(s, at);
    return at;
  }

  get size(): number { return this.parts.length; }

  bytes(): Uint8Array { return Uint8Array.from(this.parts); }
}

export function writeElfHeader(w: ByteWriter, h: Omit<Elf32Header, "ehsize" | "phentsize" | "shentsize" | "version">): void {
  for (const b of ELFMAG) w.u8(b);
  w.u8(ELFCLASS32); w.u8(ELFDATA2LSB); w.u8(EV_CURRENT); w.u8(h.osabi);
  for (let i = 8; i < 16; i++) w.u8(0);
  w.u16(h.type); w.u16(h.machine); w.u32(EV_CURRENT); w.u32(h.entry); w.u32(h.phoff); w.u32(h.shoff);
  w.u32(h.flags); w.u16(EHDR_SIZE); w.u16(h.phnum > 0 ? PHDR_SIZE : 0); w.u16(h.phnum);
  w.u16(h.shnum > 0 ? SHDR_SIZE : 0); w.u16(h.shnum); w.u16(h.shstrndx);
}

export function writeProgramHeader(w: ByteWriter, p: Elf32ProgramHeader): void {
  w.u32(p.type); w.u32(p.offset); w.u32(p.vaddr); w.u32(p.paddr);
  w.u32(p.filesz); w.u32(p.memsz); w.u32(p.flags); w.u32(p.align);
}

export function writeSectionHeader(w: ByteWriter, s: Omit<Elf32SectionHeader, "index" | "name">): void {
  w.u32(s.nameOffset); w.u32(s.type); w.u32(s.flags); w.u32(s.addr); w.u32(s.offset);
  w.u32(s.size); w.u32(s.link); w.u32(s.info); w.u32(s.addralign); w.u32(s.entsize);
}

export function writeSymbol(w: ByteWriter, nameOffset: number, s: Omit<Elf32Symbol, "index" | "name">): void {
  w.u32(nameOffset); w.u32(s.value); w.u32(s.size); w.u8(s.info); w.u8(s.other); w.u16(s.shndx);
}
