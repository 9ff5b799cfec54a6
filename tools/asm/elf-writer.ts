// Serialises an ELF32 little-endian relocatable object (ET_REL, EM_386) the way GNU as (BFD)
// lays it out, so that the whole file compares equal with `cmp`:
//   section headers: null, then each section followed by its .rel section, then .symtab,
//   .strtab, .shstrtab;
//   file contents: ELF header, section contents in header order except the .rel sections and
//   .shstrtab, then the .rel sections, then .shstrtab, then the section header table;
//   string tables share tails ("text" inside ".rel.text"), as BFD's string table does.

import { buildStringTable } from "./string-table.ts";

export const SHT_PROGBITS = 1;
export const SHT_SYMTAB = 2;
export const SHT_STRTAB = 3;
export const SHT_NOTE = 7;
export const SHT_NOBITS = 8;
export const SHT_REL = 9;
export const SHT_INIT_ARRAY = 14;
export const SHT_FINI_ARRAY = 15;
export const SHT_PREINIT_ARRAY = 16;
export const SHF_WRITE = 0x1;
export const SHF_ALLOC = 0x2;
export const SHF_EXECINSTR = 0x4;
export const SHF_MERGE = 0x10;
export const SHF_STRINGS = 0x20;
export const SHF_INFO_LINK = 0x40;
export const SHF_TLS = 0x400;
export const SHN_ABS = 0xfff1;
export const SHN_COMMON = 0xfff2;

export interface ElfSection {
  name: string;
  type: number;
  flags: number;
  align: number;
  entsize: number;
  data: Uint8Array; // empty for SHT_NOBITS
  size: number;
  relocs: { offset: number; symbol: number; type: number }[];
}

export interface ElfSymbol {
  name: string;
  value: number;
  size: number;
  info: number;
  other: number;
  /** Index into the sections array (0-based), or a special SHN_* value, or 0 for undefined. */
  section: { index: number } | { special: number };
}

interface Header {
  name: string;
  type: number;
  flags: number;
  link: number;
  info: number;
  align: number;
  entsize: number;
  data: Uint8Array;
  size: number;
  offset: number;
}

export function writeElf(sections: ElfSection[], symbols: ElfSymbol[], firstGlobal: number): Uint8Array {
  // Header indices: each section, then its .rel companion when it has relocations.
  const headerIndex: number[] = [];
  const headers: Header[] = [];
  const relOf: (Header | null)[] = [];
  let next = 1;
  for (const s of sections) {
    headerIndex.push(next++);
    if (s.relocs.length > 0) next++;
  }
  // With no symbols and no relocations GNU as writes no .symtab/.strtab at all.
  const hasSymtab = symbols.length > 0 || sections.some((s) => s.relocs.length > 0);
  const symtabIndex = next;
  const strtabIndex = next + 1;
  const shstrtabIndex = hasSymtab ? next + 2 : next;

  const strtab = buildStringTable(symbols.map((s) => s.name));
  const symtab = new DataView(new ArrayBuffer(16 * (symbols.length + 1)));
  symbols.forEach((s, i) => {
    const o = 16 * (i + 1);
    symtab.setUint32(o, strtab.offsetOf(s.name), true);
    symtab.setUint32(o + 4, s.value >>> 0, true);
    symtab.setUint32(o + 8, s.size >>> 0, true);
    symtab.setUint8(o + 12, s.info);
    symtab.setUint8(o + 13, s.other);
    symtab.setUint16(o + 14, "index" in s.section ? (s.section.index < 0 ? 0 : headerIndex[s.section.index]) : s.section.special, true);
  });

  for (const s of sections) {
    headers.push({ name: s.name, type: s.type, flags: s.flags, link: 0, info: 0, align: s.align, entsize: s.entsize, data: s.data, size: s.size, offset: 0 });
    if (s.relocs.length > 0) {
      const rel = new DataView(new ArrayBuffer(8 * s.relocs.length));
      s.relocs.forEach((r, i) => {
        rel.setUint32(8 * i, r.offset >>> 0, true);
        rel.setUint32(8 * i + 4, ((r.symbol << 8) | r.type) >>> 0, true);
      });
      const data = new Uint8Array(rel.buffer);
      const h: Header = { name: ".rel" + s.name, type: SHT_REL, flags: SHF_INFO_LINK, link: symtabIndex, info: headerIndex[sections.indexOf(s)], align: 4, entsize: 8, data, size: data.length, offset: 0 };
      headers.push(h);
      relOf.push(h);
    }
  }
  const symtabData = new Uint8Array(symtab.buffer);
  if (hasSymtab) {
    headers.push({ name: ".symtab", type: SHT_SYMTAB, flags: 0, link: strtabIndex, info: firstGlobal, align: 4, entsize: 16, data: symtabData, size: symtabData.length, offset: 0 });
    headers.push({ name: ".strtab", type: SHT_STRTAB, flags: 0, link: 0, info: 0, align: 1, entsize: 0, data: strtab.bytes, size: strtab.bytes.length, offset: 0 });
  }
  // BFD adds these three names first, then each section's name and its .rel name.
  const shNames = [...(hasSymtab ? [".symtab", ".strtab"] : []), ".shstrtab", ...sections.flatMap((s) => (s.relocs.length > 0 ? [s.name, ".rel" + s.name] : [s.name]))];
  const shstrtab = buildStringTable(shNames);
  const shstrtabHeader: Header = { name: ".shstrtab", type: SHT_STRTAB, flags: 0, link: 0, info: 0, align: 1, entsize: 0, data: shstrtab.bytes, size: shstrtab.bytes.length, offset: 0 };
  headers.push(shstrtabHeader);
  if (headers.length + 1 !== shstrtabIndex + 1) throw new Error("internal: section header count");

  let offset = 52;
  const place = (h: Header): void => {
    const a = Math.max(1, h.align);
    offset = Math.ceil(offset / a) * a;
    h.offset = offset;
    if (h.type !== SHT_NOBITS) offset += h.size;
  };
  for (const h of headers) if (h.type !== SHT_REL && h !== shstrtabHeader) place(h);
  for (const h of relOf) if (h !== null) place(h);
  place(shstrtabHeader);
  const shoff = Math.ceil(offset / 4) * 4;
  const total = shoff + 40 * (headers.length + 1);

  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  out.set([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1], 0);
  view.setUint16(16, 1, true); // ET_REL
  view.setUint16(18, 3, true); // EM_386
  view.setUint32(20, 1, true); // EV_CURRENT
  view.setUint32(32, shoff, true);
  view.setUint16(40, 52, true);
  view.setUint16(46, 40, true);
  view.setUint16(48, headers.length + 1, true);
  view.setUint16(50, shstrtabIndex, true);
  headers.forEach((h, i) => {
    if (h.type !== SHT_NOBITS) out.set(h.data, h.offset);
    const o = shoff + 40 * (i + 1);
    view.setUint32(o, shstrtab.offsetOf(h.name), true);
    view.setUint32(o + 4, h.type, true);
    view.setUint32(o + 8, h.flags, true);
    view.setUint32(o + 16, h.offset, true);
    view.setUint32(o + 20, h.size, true);
    view.setUint32(o + 24, h.link, true);
    view.setUint32(o + 28, h.info, true);
    view.setUint32(o + 32, h.align, true);
    view.setUint32(o + 36, h.entsize, true);
  });
  return out;
}
