// DWARF 4 line information as GNU as directives, for a compiler that writes assembly text
// (tsk) and wants gdb to show its own source lines (`.ts`) without the assembler having to
// implement `.file`/`.loc`. The output is a compile unit in .debug_info (name, directory,
// code range, pointer to its line program), its abbreviation table, and a .debug_line
// program that sets the address from a label at every row, so every length is known here
// and only label addresses are left to relocations. DWARF 4 specification: section 6.2
// (line number information) and 7.5 (data encoding).

export interface LineRow {
  /** A label defined in the code at the first instruction of this source position. */
  label: string;
  /** Source file, as gdb should show it (e.g. "kernel/lwkt/thread.ts"). */
  file: string;
  line: number;
  column?: number;
}

export interface LineUnit {
  /** The compile unit's primary source file. */
  name: string;
  /** Directory relative paths are taken from (DW_AT_comp_dir). */
  compDir: string;
  producer: string;
  /** Labels bounding the unit's code: low is the first byte, high is one past the last. */
  lowLabel: string;
  highLabel: string;
  /** Rows in address order. */
  rows: LineRow[];
  /** A prefix for the local labels this emits (unique per assembly file). */
  labelPrefix?: string;
}

// Standard and extended opcodes (DWARF 4, 6.2.5).
const DW_LNS_copy = 0x01;
const DW_LNS_advance_line = 0x03;
const DW_LNS_set_file = 0x04;
const DW_LNS_set_column = 0x05;
const DW_LNE_end_sequence = 0x01;
const DW_LNE_set_address = 0x02;
const OPCODE_BASE = 13;
const STANDARD_OPCODE_LENGTHS = [0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1];
const LINE_BASE = -5;
const LINE_RANGE = 14;

// Tags, attributes and forms (7.5.3-7.5.5).
const DW_TAG_compile_unit = 0x11;
const DW_AT_name = 0x03;
const DW_AT_stmt_list = 0x10;
const DW_AT_low_pc = 0x11;
const DW_AT_high_pc = 0x12;
const DW_AT_language = 0x13;
const DW_AT_comp_dir = 0x1b;
const DW_AT_producer = 0x25;
const DW_FORM_addr = 0x01;
const DW_FORM_data2 = 0x05;
const DW_FORM_string = 0x08;
const DW_FORM_sec_offset = 0x17;
/** No DWARF language code exists for TypeScript; C makes gdb's expressions behave sensibly. */
const DW_LANG_C99 = 0x0c;

export function uleb128(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

export function sleb128(value: number): number[] {
  const out: number[] = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

const cstring = (s: string): number[] => [...new TextEncoder().encode(s), 0];
const u16 = (v: number): number[] => [v & 0xff, (v >>> 8) & 0xff];
const u32 = (v: number): number[] => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];

/** Directives: bytes as `.byte` lines, with `.long label` wherever an address goes. */
class Emitter {
  readonly lines: string[] = [];
  private pending: number[] = [];
  size = 0;

  bytes(b: number[]): void {
    this.pending.push(...b);
    this.size += b.length;
  }

  address(label: string): void {
    this.flush();
    this.lines.push(`    .long ${label}`);
    this.size += 4;
  }

  text(line: string): void {
    this.flush();
    this.lines.push(line);
  }

  flush(): void {
    for (let i = 0; i < this.pending.length; i += 16) this.lines.push(`    .byte ${this.pending.slice(i, i + 16).join(", ")}`);
    this.pending = [];
  }
}

/** GNU as text for .debug_abbrev, .debug_info and .debug_line describing `unit`. */
export function dwarfLineDirectives(unit: LineUnit): string {
  const p = unit.labelPrefix ?? ".Ltsk_dwarf";
  const files: string[] = [];
  const fileIndex = (f: string): number => {
    let i = files.indexOf(f);
    if (i < 0) { files.push(f); i = files.length - 1; }
    return i + 1;
  };
  fileIndex(unit.name);
  for (const r of unit.rows) fileIndex(r.file);

  // The line program. Every row starts with DW_LNE_set_address, so no code size is needed.
  const program: (number[] | { label: string })[] = [];
  let file = 1;
  let line = 1;
  let column = 0;
  for (const r of unit.rows) {
    program.push([0, ...uleb128(5), DW_LNE_set_address], { label: r.label });
    const f = fileIndex(r.file);
    if (f !== file) { program.push([DW_LNS_set_file, ...uleb128(f)]); file = f; }
    const col = r.column ?? 0;
    if (col !== column) { program.push([DW_LNS_set_column, ...uleb128(col)]); column = col; }
    if (r.line !== line) { program.push([DW_LNS_advance_line, ...sleb128(r.line - line)]); line = r.line; }
    program.push([DW_LNS_copy]);
  }
  program.push([0, ...uleb128(5), DW_LNE_set_address], { label: unit.highLabel }, [0, ...uleb128(1), DW_LNE_end_sequence]);

  const header: number[] = [
    1, 1, 1, LINE_BASE & 0xff, LINE_RANGE, OPCODE_BASE, ...STANDARD_OPCODE_LENGTHS,
    0, // no include directories: names are used as given
    ...files.flatMap((f) => [...cstring(f), 0, 0, 0]),
    0,
  ];
  const programSize = program.reduce((n, part) => n + (Array.isArray(part) ? part.length : 4), 0);
  const line_ = new Emitter();
  line_.text("    .section .debug_line,\"\",@progbits");
  line_.text(`${p}_line:`);
  line_.bytes([...u32(2 + 4 + header.length + programSize), ...u16(4), ...u32(header.length), ...header]);
  for (const part of program) {
    if (Array.isArray(part)) line_.bytes(part);
    else line_.address(part.label);
  }
  line_.flush();

  const abbrev = new Emitter();
  abbrev.text("    .section .debug_abbrev,\"\",@progbits");
  abbrev.text(`${p}_abbrev:`);
  abbrev.bytes([
    ...uleb128(1), ...uleb128(DW_TAG_compile_unit), 0,
    DW_AT_name, DW_FORM_string, DW_AT_comp_dir, DW_FORM_string, DW_AT_producer, DW_FORM_string,
    DW_AT_language, DW_FORM_data2, DW_AT_stmt_list, DW_FORM_sec_offset, DW_AT_low_pc, DW_FORM_addr,
    DW_AT_high_pc, DW_FORM_addr, 0, 0,
    0,
  ]);
  abbrev.flush();

  const strings = [...cstring(unit.name), ...cstring(unit.compDir), ...cstring(unit.producer)];
  const info = new Emitter();
  info.text("    .section .debug_info,\"\",@progbits");
  // unit_length counts everything after itself: version, abbrev offset, address size, the DIE.
  const dieSize = 1 + strings.length + 2 + 4 + 4 + 4;
  info.bytes([...u32(2 + 4 + 1 + dieSize), ...u16(4)]);
  info.address(`${p}_abbrev`);
  info.bytes([4, 1, ...strings, ...u16(DW_LANG_C99)]);
  info.address(`${p}_line`);
  info.address(unit.lowLabel);
  info.address(unit.highLabel);
  info.flush();

  return [...abbrev.lines, ...info.lines, ...line_.lines, "    .text", ""].join("\n");
}
