// Source line information from `.file N "name"` and `.loc` directives, written as GNU as
// writes it: a DWARF 3 .debug_line program, and a compilation unit in .debug_info with one
// DW_TAG_subprogram per sized function symbol, .debug_abbrev, .debug_aranges and .debug_str.
// This is how the compiler lets gdb show `.ts` lines.
//
// A `.loc` applies to the next instruction; a second `.loc` before any instruction pins the
// first one to the current address. A `.loc` never followed by either is dropped. With -g and
// no `.file N` in the source, every instruction gets its own .S line instead.

import type { Assembler } from "./assembler.ts";
import { AsmError, type SourcePos } from "./errors.ts";
import { pushLittleEndian } from "./encoder.ts";
import { pushSleb as sleb, pushUleb as uleb, ulebSize } from "./leb128.ts";
import type { LaidOutSection, Relocation } from "./layout.ts";
import { R_386_32 } from "./layout.ts";
import type { Section, Sym } from "./object-model.ts";

interface Loc {
  file: number;
  line: number;
  column: number;
  isStmt: boolean;
  flags: number; // DW_LNS_* one-shot opcodes: basic_block, prologue_end, epilogue_begin
  isa: number;
  discriminator: number;
  pos: SourcePos;
}

interface Entry extends Loc {
  label: Sym;
}

const LINE_BASE = -5;
const LINE_RANGE = 14;
const OPCODE_BASE = 13;
const MAX_SPECIAL_ADDR_DELTA = Math.floor((255 - OPCODE_BASE) / LINE_RANGE);
export const LOC_BASIC_BLOCK = 1;
export const LOC_PROLOGUE_END = 2;
export const LOC_EPILOGUE_BEGIN = 4;

export class LineTable {
  readonly files = new Map<number, string>();
  readonly entries = new Map<Section, Entry[]>();
  private pending: Loc | null = null;
  /** `-g`: every instruction gets its .S line, unless the source has its own `.file N`. */
  private sourceLines: boolean;
  private sawFileDirective = false;
  private lastSource: { line: number; file: string } = { line: -1, file: "" };

  constructor(
    readonly sourceName: string,
    readonly generate: boolean,
    readonly compDir: string,
  ) {
    // Files are numbered as their first instruction appears, the main file included (GNU as
    // names the unit after file 1, which can be an included file).
    this.sourceLines = generate;
  }
  // Carried from one .loc to the next unless given again.
  isStmt = true;
  isa = 0;
  column = 0;

  file(num: number, name: string, pos: SourcePos, asm: Assembler): void {
    if (num < 1) throw new AsmError(asm.file, pos, `file number ${num} must be at least 1`);
    if (!this.sawFileDirective) {
      // The source describes its own lines: GNU as then drops what -g recorded.
      this.sawFileDirective = true;
      this.sourceLines = false;
      this.files.clear();
      this.entries.clear();
    }
    this.files.set(num, name);
  }

  /** An instruction written at `where` is about to be emitted. */
  instruction(asm: Assembler, where: { line: number; file: string }): void {
    if (this.pending !== null) this.attach(asm);
    else if (this.sourceLines && !(where.line === this.lastSource.line && where.file === this.lastSource.file)) {
      // GNU as gives consecutive instructions of one source line a single row; included files
      // are numbered as their first instruction appears.
      this.lastSource = where;
      let file = [...this.files].find(([, name]) => name === where.file)?.[0];
      if (file === undefined) {
        file = this.files.size + 1;
        this.files.set(file, where.file);
      }
      this.pending = { file, line: where.line, column: 0, isStmt: true, flags: 0, isa: 0, discriminator: 0, pos: { line: where.line, column: 1 } };
      this.attach(asm);
    }
  }

  loc(loc: Loc, asm: Assembler): void {
    if (!this.files.has(loc.file)) throw new AsmError(asm.file, loc.pos, `.loc names file ${loc.file}, which no '.file ${loc.file} "name"' declared`);
    this.attach(asm);
    this.pending = loc;
  }

  /** Gives a pending `.loc` the current address (an instruction is about to be emitted). */
  attach(asm: Assembler): void {
    if (this.pending === null) return;
    // GNU as keeps line information for code sections only (it warns about the others).
    if (!asm.section.isCode) {
      this.pending = null;
      return;
    }
    const list = this.entries.get(asm.section) ?? [];
    list.push({ ...this.pending, label: asm.dot() });
    this.entries.set(asm.section, list);
    this.pending = null;
  }

  get used(): boolean {
    return this.entries.size > 0;
  }
}

const cstring = (out: number[], s: string): void => {
  out.push(...new TextEncoder().encode(s), 0);
};

/** GNU as's choice of opcodes for "advance the line by d and the address by a". */
function advance(out: number[], lineDelta: number | "end", addrDelta: number): void {
  if (lineDelta === "end") {
    if (addrDelta === MAX_SPECIAL_ADDR_DELTA) out.push(8); // DW_LNS_const_add_pc
    else if (addrDelta !== 0) {
      out.push(2); // DW_LNS_advance_pc
      uleb(out, addrDelta);
    }
    out.push(0, 1, 1); // DW_LNE_end_sequence
    return;
  }
  let tmp = lineDelta - LINE_BASE;
  let needCopy = false;
  if (tmp < 0 || tmp >= LINE_RANGE) {
    out.push(3); // DW_LNS_advance_line
    sleb(out, lineDelta);
    lineDelta = 0;
    tmp = -LINE_BASE;
    needCopy = true;
  }
  if (lineDelta === 0 && addrDelta === 0) {
    out.push(1); // DW_LNS_copy
    return;
  }
  tmp += OPCODE_BASE;
  if (addrDelta < 256 + MAX_SPECIAL_ADDR_DELTA) {
    let opcode = tmp + addrDelta * LINE_RANGE;
    if (opcode <= 255) {
      out.push(opcode);
      return;
    }
    opcode = tmp + (addrDelta - MAX_SPECIAL_ADDR_DELTA) * LINE_RANGE;
    if (opcode <= 255) {
      out.push(8, opcode);
      return;
    }
  }
  out.push(2);
  uleb(out, addrDelta);
  out.push(needCopy ? 1 : tmp);
}

/** Splits "dir/name" into GNU as's directory table and file table. */
function fileTables(files: Map<number, string>): { dirs: string[]; entries: { name: string; dir: number }[] } {
  const dirs: string[] = [];
  const entries: { name: string; dir: number }[] = [];
  const max = Math.max(...files.keys());
  for (let i = 1; i <= max; i++) {
    const full = files.get(i) ?? "";
    const slash = full.lastIndexOf("/");
    if (slash <= 0) {
      entries.push({ name: full.slice(slash + 1), dir: 0 });
      continue;
    }
    const dir = full.slice(0, slash);
    let d = dirs.indexOf(dir);
    if (d < 0) d = dirs.push(dir) - 1;
    entries.push({ name: full.slice(slash + 1), dir: d + 1 });
  }
  return { dirs, entries };
}

export interface DebugSections {
  line: Section;
  info: Section;
  abbrev: Section;
  aranges: Section;
  str: Section;
  ranges: Section | null; // only when more than one section has line information
}

/** Creates the debug sections (before layout, so they take their place in the section list). */
export function createDebugSections(asm: Assembler): DebugSections {
  const get = (name: string, flags = ""): Section => asm.getSection(name, "progbits", flags);
  const s: DebugSections = { line: get(".debug_line"), info: get(".debug_info"), abbrev: get(".debug_abbrev"), aranges: get(".debug_aranges"), str: get(".debug_str", "MS"), ranges: null };
  s.str.entsize = 1;
  s.aranges.alignPow = 3;
  if (asm.lines.entries.size > 1) {
    s.ranges = get(".debug_ranges");
    s.ranges.alignPow = 3;
  }
  // GNU as makes these section symbols when it first refers to them: .debug_info from
  // .debug_aranges, then .debug_abbrev, .debug_line (.debug_ranges) and .debug_str from .debug_info.
  for (const sec of [s.info, s.abbrev, s.line, ...(s.ranges ? [s.ranges] : []), s.str, s.aranges]) {
    asm.symbolOrder.splice(asm.symbolOrder.indexOf(sec.sym), 1);
    asm.symbolOrder.push(sec.sym);
  }
  return s;
}

/** Fills the debug sections, once every other section has its final layout. */
export function writeDebugSections(asm: Assembler, table: LineTable, debug: DebugSections, laid: LaidOutSection[], functionSize: (s: Sym) => number): void {
  // With -g GNU as writes a version 2 unit whose subprograms have no DW_AT_type.
  const typed = !table.generate;
  const sections = [...table.entries.keys()];
  const sizeOf = (section: Section): number => laid.find((l) => l.section === section)!.size;
  const reloc = (relocs: Relocation[], out: number[], target: Sym, value: number): void => {
    target.usedInReloc = true;
    relocs.push({ offset: out.length, sym: target, type: R_386_32 });
    pushLittleEndian(out, value, 4);
  };

  // .debug_line
  const { dirs, entries: fileEntries } = fileTables(table.files);
  const header: number[] = [1, 1, LINE_BASE & 0xff, LINE_RANGE, OPCODE_BASE, 0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1];
  for (const d of dirs) cstring(header, d);
  header.push(0);
  for (const f of fileEntries) {
    cstring(header, f.name);
    uleb(header, f.dir);
    header.push(0, 0);
  }
  header.push(0);
  const program: number[] = [];
  const lineRelocs: Relocation[] = [];
  // One sequence per section, in the order the sections first got a .loc.
  for (const code of sections) {
    let file = 1;
    let line = 1;
    let column = 0;
    let isa = 0;
    let isStmt = true;
    let last = -1;
    for (const e of table.entries.get(code)!) {
      if (e.file !== file) {
        file = e.file;
        program.push(4);
        uleb(program, file);
      }
      if (e.column !== column) {
        column = e.column;
        program.push(5);
        uleb(program, column);
      }
      if (e.discriminator !== 0) {
        program.push(0);
        uleb(program, 1 + ulebSize(e.discriminator));
        program.push(4);
        uleb(program, e.discriminator);
      }
      if (e.isa !== isa) {
        isa = e.isa;
        program.push(12);
        uleb(program, isa);
      }
      if (e.isStmt !== isStmt) {
        isStmt = e.isStmt;
        program.push(6);
      }
      if (e.flags & LOC_BASIC_BLOCK) program.push(7);
      if (e.flags & LOC_PROLOGUE_END) program.push(10);
      if (e.flags & LOC_EPILOGUE_BEGIN) program.push(11);
      const address = e.label.address;
      if (last < 0) {
        program.push(0, 5, 2); // DW_LNE_set_address; its offset moves by the header size below
        reloc(lineRelocs, program, code.sym, address);
        advance(program, e.line - line, 0);
      } else advance(program, e.line - line, address - last);
      line = e.line;
      last = address;
    }
    advance(program, "end", sizeOf(code) - last);
  }
  const headerLength = header.length;
  const lineBytes: number[] = [];
  pushLittleEndian(lineBytes, 2 + 4 + headerLength + program.length, 4);
  lineBytes.push(3, 0);
  pushLittleEndian(lineBytes, headerLength, 4);
  const programStart = lineBytes.length + headerLength;
  lineBytes.push(...header, ...program);
  for (const r of lineRelocs) r.offset += programStart;

  // .debug_str: the unit's name, directory and producer, then function names.
  const str: number[] = [];
  const first = fileEntries[0];
  const strName = str.length;
  cstring(str, (first.dir > 0 ? dirs[first.dir - 1] + "/" : "") + first.name);
  const strDir = str.length;
  cstring(str, table.compDir);
  const strProducer = str.length;
  cstring(str, "GNU AS 2.40");

  // Function symbols with a size get a DW_TAG_subprogram, in symbol order.
  const functions = asm.symbolOrder.filter((s) => s.type === "function" && s.kind === "label" && !s.temporary && functionSize(s) !== 0);
  const info: number[] = [];
  const infoRelocs: Relocation[] = [];
  info.push(0, 0, 0, 0, typed ? 3 : 2, 0); // unit_length (patched), version
  reloc(infoRelocs, info, debug.abbrev.sym, 0);
  info.push(4, 1);
  reloc(infoRelocs, info, debug.line.sym, 0);
  if (debug.ranges === null) {
    reloc(infoRelocs, info, sections[0].sym, 0);
    reloc(infoRelocs, info, sections[0].sym, sizeOf(sections[0]));
  } else reloc(infoRelocs, info, debug.ranges.sym, 0);
  reloc(infoRelocs, info, debug.str.sym, strName);
  reloc(infoRelocs, info, debug.str.sym, strDir);
  reloc(infoRelocs, info, debug.str.sym, strProducer);
  info.push(0x01, 0x80); // DW_LANG_Mips_Assembler, as GNU as says
  if (functions.length > 0) {
    // The DIEs refer to the unspecified type after them; its offset depends on their sizes.
    let typeOffset = 0;
    for (let guess = info.length; typed && typeOffset !== guess; ) {
      typeOffset = guess;
      guess = info.length + functions.length * (1 + 4 + 1 + ulebSize(typeOffset) + 4 + 4);
    }
    for (const f of functions) {
      info.push(2);
      reloc(infoRelocs, info, debug.str.sym, str.length);
      cstring(str, f.name);
      info.push(f.binding === "local" ? 0 : 1);
      if (typed) uleb(info, typeOffset);
      const size = functionSize(f);
      const local = f.binding === "local";
      reloc(infoRelocs, info, local ? f.frag!.section.sym : f, local ? f.address : 0);
      reloc(infoRelocs, info, local ? f.frag!.section.sym : f, (local ? f.address : 0) + size);
    }
    if (typed) info.push(3);
    info.push(0);
  }
  const infoLength: number[] = [];
  pushLittleEndian(infoLength, info.length - 4, 4);
  info.splice(0, 4, ...infoLength);

  const pcAttributes = debug.ranges === null ? [0x11, 0x01, 0x12, 0x01] : [0x55, 0x06]; // low/high pc, or ranges
  const abbrev = [1, 0x11, functions.length > 0 ? 1 : 0, 0x10, 0x06, ...pcAttributes, 0x03, 0x0e, 0x1b, 0x0e, 0x25, 0x0e, 0x13, 0x05, 0, 0];
  if (functions.length > 0 && typed) abbrev.push(2, 0x2e, 0, 0x03, 0x0e, 0x3f, 0x0c, 0x49, 0x15, 0x11, 0x01, 0x12, 0x01, 0, 0, 3, 0x3b, 0, 0, 0);
  if (functions.length > 0 && !typed) abbrev.push(2, 0x2e, 0, 0x03, 0x0e, 0x3f, 0x0c, 0x11, 0x01, 0x12, 0x01, 0, 0);
  abbrev.push(0);

  const aranges: number[] = [0, 0, 0, 0, 2, 0];
  const arangesRelocs: Relocation[] = [];
  reloc(arangesRelocs, aranges, debug.info.sym, 0);
  aranges.push(4, 0, 0, 0, 0, 0);
  for (const code of sections) {
    reloc(arangesRelocs, aranges, code.sym, 0);
    pushLittleEndian(aranges, sizeOf(code), 4);
  }
  aranges.push(0, 0, 0, 0, 0, 0, 0, 0);
  aranges.splice(0, 4, ...[aranges.length - 4, 0, 0, 0]);

  const put = (section: Section, bytes: number[], relocs: Relocation[]): void => {
    const l = laid.find((x) => x.section === section)!;
    l.bytes = Uint8Array.from(bytes);
    l.size = bytes.length;
    l.relocs = relocs;
  };
  put(debug.line, lineBytes, lineRelocs);
  put(debug.info, info, infoRelocs);
  put(debug.abbrev, abbrev, []);
  put(debug.aranges, aranges, arangesRelocs);
  put(debug.str, str, []);
  if (debug.ranges !== null) {
    const ranges: number[] = [0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]; // base address: none
    const rangesRelocs: Relocation[] = [];
    for (const code of sections) {
      reloc(rangesRelocs, ranges, code.sym, 0);
      reloc(rangesRelocs, ranges, code.sym, sizeOf(code));
    }
    ranges.push(0, 0, 0, 0, 0, 0, 0, 0);
    put(debug.ranges, ranges, rangesRelocs);
  }
}
