// An output section: what the script (or the orphan rules) gathered under one name, and
// where layout put it. Its contents are built only after layout, by relocation.
import { SHF_ALLOC, SHF_EXECINSTR, SHF_WRITE, SHT_NOBITS, SHT_PROGBITS } from "../elf/index.ts";
import type { InputSection } from "./input.ts";
import type { DataStatement, OutputSectionStatement, SectionBodyItem } from "./script/ast.ts";

/** Padding in an output section, and what caused it (for the map file's `*fill*` lines). */
export interface Gap {
  offset: number;
  size: number;
  fill?: Uint8Array;
  /** Alignment before this input section... */
  before?: InputSection;
  /** ...or a move of `.` by this statement. */
  after?: SectionBodyItem;
}

/** A BYTE/SHORT/LONG/QUAD statement, placed at `offset` once layout has evaluated it. */
export interface DataItem {
  statement: DataStatement;
  offset: number;
  width: 1 | 2 | 4 | 8;
  /** Little-endian bytes, `width` of them. */
  value: bigint;
}

export interface OutputSection {
  name: string;
  /** The script statement that made it (orphans get a synthesized one). */
  statement: OutputSectionStatement;
  /** Input sections in the order layout places them. */
  inputs: InputSection[];
  data: DataItem[];
  type: number;
  flags: number;
  /** sh_entsize when every input agrees on one (merged strings, tables), else 0. */
  entsize: number;
  align: number;
  /** Virtual (run) address and load address; 0 for non-allocated sections. */
  addr: number;
  lma: number;
  size: number;
  /**
   * Padding layout inserted (input alignment, moves of `.`), with the explicit fill pattern
   * in force there; without one, code sections get i386 NOPs and others zeros, as GNU ld.
   */
  gaps: Gap[];
  /** Index in the output section header table; set when the file is written. */
  headerIndex: number;
  /** The section's bytes after relocation (empty for NOBITS). */
  contents: Uint8Array;
}

export function newOutputSection(name: string, statement: OutputSectionStatement): OutputSection {
  return {
    name, statement, inputs: [], data: [], type: SHT_PROGBITS, flags: 0, entsize: 0, align: 1, addr: 0, lma: 0, size: 0,
    gaps: [], headerIndex: 0, contents: new Uint8Array(0),
  };
}

export const isAllocated = (s: OutputSection): boolean => (s.flags & SHF_ALLOC) !== 0;
export const isNobits = (s: OutputSection): boolean => s.type === SHT_NOBITS;
export const isWritable = (s: OutputSection): boolean => (s.flags & SHF_WRITE) !== 0;
export const isCode = (s: OutputSection): boolean => (s.flags & SHF_EXECINSTR) !== 0;

/**
 * Section type and flags from the inputs: the union of the flags; NOBITS only when nothing
 * placed in it has file contents, the common type when all inputs share one, PROGBITS when
 * they mix (a .bss placed amid data then occupies file space, as in GNU ld).
 */
export function deriveTypeAndFlags(out: OutputSection, hasData: boolean): void {
  const live = out.inputs;
  let flags = 0;
  for (const s of live) flags |= s.flags;
  const types = new Set(live.map((s) => s.type));
  let type: number;
  if (out.statement.noload) {
    type = SHT_NOBITS;
    flags |= SHF_ALLOC;
  } else if (live.length === 0) {
    // A section made only of assignments or data statements.
    type = hasData ? SHT_PROGBITS : SHT_NOBITS;
    flags |= SHF_ALLOC | SHF_WRITE;
  } else if (types.size === 1) {
    type = live[0]!.type;
    if (type === SHT_NOBITS && hasData) type = SHT_PROGBITS;
  } else {
    type = SHT_PROGBITS;
  }
  out.type = type;
  out.flags = flags;
  const sizes = new Set(live.map((s) => s.entsize));
  out.entsize = sizes.size === 1 && !hasData ? live[0]!.entsize : 0;
}
