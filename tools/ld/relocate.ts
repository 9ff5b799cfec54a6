// Building each output section's bytes: input contents copied to their offsets, script data
// statements written, and the i386 relocations applied (psABI: REL entries, the addend is
// the value already stored at the patched place; S + A for absolute kinds, S + A - P for the
// PC-relative ones).
import {
  R_386_16, R_386_32, R_386_8, R_386_NONE, R_386_PC16, R_386_PC32, R_386_PC8, SHF_ALLOC, SHF_EXECINSTR, SHN_ABS, SHN_LORESERVE, SHN_UNDEF,
  SHT_NOBITS, STB_WEAK, STT_FILE, STT_FUNC, STT_SECTION, relocTypeName, stBind, stType,
} from "../elf/index.ts";
import { decodeLineTables } from "../elf/dwarf-line-reader.ts";
import type { Elf32Rel, Elf32Symbol } from "../elf/index.ts";
import { LinkError, hex } from "./errors.ts";
import type { InputSection } from "./input.ts";
import { mergedLocation } from "./merge.ts";
import type { OutputSection } from "./output-section.ts";
import { definitionValue, type SymbolTable } from "./symbols.ts";

/** No image of ours needs more; a larger section means corrupt input, not a bigger buffer. */
const MAX_FILE_SECTION = 256 * 1024 * 1024;

/** Fill every kept output section's `contents` and apply relocations. */
export function buildContents(outputs: OutputSection[], symbols: SymbolTable, outputName = "a.out"): void {
  const problems: string[] = [];
  for (const out of outputs) {
    if (out.type === SHT_NOBITS) { out.contents = new Uint8Array(0); continue; }
    if (out.size > MAX_FILE_SECTION) {
      throw new LinkError(`section ${out.name} would occupy ${out.size} bytes of the output file (more than ${MAX_FILE_SECTION}); is a .bss-like input placed among data, or an input size corrupt?`);
    }
    const bytes = new Uint8Array(out.size);
    const code = (out.flags & SHF_EXECINSTR) !== 0;
    for (const g of out.gaps) {
      if (g.fill !== undefined) {
        for (let i = 0; i < g.size; i++) bytes[g.offset + i] = g.fill[i % g.fill.length]!;
      } else if (code) {
        writeNops(bytes, g.offset, g.size);
      }
    }
    for (const s of out.inputs) {
      if (s.type === SHT_NOBITS) bytes.fill(0, s.outputOffset, s.outputOffset + s.size);
      else bytes.set(s.data, s.outputOffset);
    }
    const view = new DataView(bytes.buffer);
    for (const d of out.data) {
      for (let i = 0; i < d.width; i++) bytes[d.offset + i] = Number((d.value >> BigInt(8 * i)) & 0xffn);
    }
    for (const s of out.inputs) {
      for (const r of s.rels) relocateOne(out, s, r, view, symbols, problems, outputName);
    }
    out.contents = bytes;
  }
  if (problems.length > 0) throw new LinkError(problems);
}

/**
 * GNU ld's padding for code on the plain i386 architecture: two-byte NOPs (66 90) and one
 * 0x90 for an odd count, so a disassembler walking the gap stays in step.
 */
function writeNops(bytes: Uint8Array, at: number, size: number): void {
  let i = 0;
  for (; i + 2 <= size; i += 2) { bytes[at + i] = 0x66; bytes[at + i + 1] = 0x90; }
  if (i < size) bytes[at + i] = 0x90;
}

/**
 * " (kernel/kern/main.ts:42, in function `boot')" when the object carries a line table for
 * this place: GNU ld names the source line of an undefined reference the same way.
 */
function sourceNote(s: InputSection, offset: number): string {
  const at = sourceLine(s, offset);
  if (at === undefined) return "";
  const fn = enclosingFunction(s, offset);
  return ` (${at.file}:${at.line}${fn === undefined ? "" : `, in function \`${fn}'`})`;
}

function sourceLine(s: InputSection, offset: number): { file: string; line: number } | undefined {
  const obj = s.file;
  const table = obj.sections.find((x) => x?.name === ".debug_line");
  if (table === undefined) return undefined;
  const relAt = new Map(table.rels.map((r) => [r.offset, r]));
  const rows = decodeLineTables(table.data);
  for (let i = 0; i + 1 < rows.length; i++) {
    const row = rows[i]!;
    const next = rows[i + 1]!;
    if (row.end || row.anchor < 0 || next.anchor !== row.anchor) continue;
    const rel = relAt.get(row.anchor);
    const base = rel === undefined ? undefined : obj.symbols[rel.symbol];
    if (base === undefined || base.shndx !== s.index) continue;
    if (base.value + row.address <= offset && offset < base.value + next.address) return { file: row.file, line: row.line };
  }
  return undefined;
}

/** The nearest function (or, failing that, any named symbol) at or before `offset`. */
function enclosingFunction(s: InputSection, offset: number): string | undefined {
  let best: Elf32Symbol | undefined;
  for (const sym of s.file.symbols) {
    if (sym.shndx !== s.index || sym.name === "" || sym.value > offset) continue;
    const t = stType(sym.info);
    if (t === STT_SECTION || t === STT_FILE) continue;
    const better = best === undefined || sym.value > best.value || (sym.value === best.value && t === STT_FUNC);
    if (better) best = sym;
  }
  return best?.name;
}

function place(s: InputSection, r: Elf32Rel): string {
  return `${s.file.name}:(${s.name}+${hex(r.offset)})`;
}

/** The symbol value S for a relocation, or undefined after recording why there is none. */
interface SymbolValue {
  value: number;
  name: string;
  /** For messages: "symbol `x' defined in .text section in a.o" (globals) or "`name'". */
  described?: string;
  /**
   * Set for a section symbol of a merged section: then S + A names a byte of the original
   * section, and is translated as a whole (the addend says which string).
   */
  mergedSection?: InputSection;
}

/** Address of byte `offset` of input section `s`, following merging. */
export function inputAddress(s: InputSection, offset: number): number {
  const loc = mergedLocation(s, offset);
  return ((loc.section.output?.addr ?? 0) + loc.section.outputOffset + loc.offset) >>> 0;
}

function symbolValue(s: InputSection, r: Elf32Rel, symbols: SymbolTable, problems: string[], outputName: string): SymbolValue | undefined {
  const obj = s.file;
  const sym = obj.symbols[r.symbol]!;
  const debugInfo = (s.flags & SHF_ALLOC) === 0;
  if (r.symbol < obj.firstGlobal) {
    const name = stType(sym.info) === STT_SECTION ? (obj.elf.sections[sym.shndx]?.name ?? `section ${sym.shndx}`) : sym.name;
    if (sym.shndx === SHN_UNDEF) {
      if (r.symbol === 0) return { value: 0, name: "*ABS*" };
      problems.push(`${place(s, r)}: local symbol \`${name}' is undefined; the object is malformed`);
      return undefined;
    }
    if (sym.shndx === SHN_ABS || sym.shndx >= SHN_LORESERVE) return { value: sym.value, name };
    const target = obj.sections[sym.shndx];
    if (target === undefined || target.discarded || target.output === undefined) {
      // Debug info may point into discarded code; GNU ld resolves such references to 0.
      if (debugInfo) return { value: 0, name };
      problems.push(`${place(s, r)}: \`${name}' referenced in section \`${s.name}' of ${obj.name}: defined in discarded section \`${target?.name ?? sym.shndx}' of ${obj.name}`);
      return undefined;
    }
    if (target.merged !== undefined && stType(sym.info) === STT_SECTION) return { value: sym.value, name, mergedSection: target };
    return { value: inputAddress(target, sym.value), name };
  }
  const g = symbols.get(sym.name)!;
  const d = g.def;
  if (d === undefined) {
    if (stBind(sym.info) === STB_WEAK) return { value: 0, name: sym.name };
    problems.push(`${place(s, r)}: undefined reference to \`${sym.name}'${sourceNote(s, r.offset)}`);
    return undefined;
  }
  if (d.kind === "section" && (d.section.discarded || d.section.output === undefined)) {
    if (debugInfo) return { value: 0, name: sym.name };
    problems.push(`${place(s, r)}: \`${sym.name}' referenced in section \`${s.name}' of ${obj.name}: defined in discarded section \`${d.section.name}' of ${d.section.file.name}`);
    return undefined;
  }
  // How GNU ld names the target in "relocation truncated to fit" messages.
  const where = d.kind === "section" ? `${d.section.name} section in ${d.section.file.name}` : `*ABS* section in ${outputName}`;
  return { value: definitionValue(d), name: sym.name, described: `symbol \`${sym.name}' defined in ${where}` };
}

function relocateOne(out: OutputSection, s: InputSection, r: Elf32Rel, view: DataView, symbols: SymbolTable, problems: string[], outputName: string): void {
  if (r.type === R_386_NONE) return;
  if (s.type === SHT_NOBITS) {
    problems.push(`${place(s, r)}: relocation ${relocTypeName(r.type)} in a section without contents (${s.name})`);
    return;
  }
  const S = symbolValue(s, r, symbols, problems, outputName);
  if (S === undefined) return;
  const at = s.outputOffset + r.offset;
  const P = (out.addr + at) >>> 0;
  let width: 1 | 2 | 4;
  let pcRelative: boolean;
  switch (r.type) {
    case R_386_32: width = 4; pcRelative = false; break;
    case R_386_PC32: width = 4; pcRelative = true; break;
    case R_386_16: width = 2; pcRelative = false; break;
    case R_386_PC16: width = 2; pcRelative = true; break;
    case R_386_8: width = 1; pcRelative = false; break;
    case R_386_PC8: width = 1; pcRelative = true; break;
    default:
      problems.push(`${place(s, r)}: unsupported relocation type ${relocTypeName(r.type)}`);
      return;
  }
  const A = width === 4 ? view.getInt32(at, true) : width === 2 ? view.getInt16(at, true) : view.getInt8(at);
  // Exact integer arithmetic first, so overflow can be judged before wrapping.
  const target = S.mergedSection !== undefined ? inputAddress(S.mergedSection, (S.value + A) >>> 0) : S.value + A;
  const exact = target - (pcRelative ? P : 0);
  if (width < 4) {
    const bits = width * 8;
    const wrapped = ((exact % 2 ** 32) + 2 ** 32) % 2 ** 32;
    const signed = wrapped >= 2 ** 31 ? wrapped - 2 ** 32 : wrapped;
    // PC-relative fields are signed; absolute ones are "bitfields" that accept both the
    // signed and the unsigned range (GNU ld's complain_overflow_bitfield).
    const ok = pcRelative
      ? signed >= -(2 ** (bits - 1)) && signed < 2 ** (bits - 1)
      : signed >= -(2 ** bits) && signed < 2 ** bits;
    if (!ok) {
      problems.push(`${place(s, r)}: relocation truncated to fit: ${relocTypeName(r.type)} against ${S.described ?? `\`${S.name}'`}`);
      return;
    }
  }
  const v = exact >>> 0;
  if (width === 4) view.setUint32(at, v, true);
  else if (width === 2) view.setUint16(at, v & 0xffff, true);
  else view.setUint8(at, v & 0xff);
}
