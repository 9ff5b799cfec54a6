// Decoding DWARF 2-4 line programs (.debug_line; DWARF 4 specification section 6.2), enough
// to answer "which source line is this address": rows of address, file and line. Used by the
// linker to name the source line of an undefined reference, the way GNU ld does. DWARF 5
// tables (a different header) are skipped, not misread.

export interface DecodedRow {
  /** The address as the program computes it (in an object: the section offset, before relocation). */
  address: number;
  /** Offset in .debug_line of the DW_LNE_set_address operand this row's address counts from. */
  anchor: number;
  file: string;
  line: number;
  /** The row ends a sequence: it marks the first address after the sequence. */
  end: boolean;
}

class Cursor {
  constructor(readonly d: Uint8Array, public at: number) {}
  u8(): number {
    if (this.at >= this.d.length) throw new RangeError("line table truncated");
    return this.d[this.at++]!;
  }
  u16(): number { return this.u8() | (this.u8() << 8); }
  u32(): number { return (this.u16() | (this.u16() << 16)) >>> 0; }
  uleb(): number {
    let v = 0;
    let shift = 0;
    for (;;) {
      const b = this.u8();
      if (shift < 32) v += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if ((b & 0x80) === 0) return v;
    }
  }
  sleb(): number {
    let v = 0;
    let shift = 0;
    let b: number;
    do {
      b = this.u8();
      if (shift < 32) v += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80);
    if (b & 0x40 && shift < 32) v -= 2 ** shift;
    return v;
  }
  cstring(): string {
    let s = "";
    for (let c = this.u8(); c !== 0; c = this.u8()) s += String.fromCharCode(c);
    return s;
  }
}

/** Every row of every line program in `data`. Malformed tables end the decoding quietly. */
export function decodeLineTables(data: Uint8Array): DecodedRow[] {
  const rows: DecodedRow[] = [];
  let unit = 0;
  try {
    while (unit + 4 <= data.length) {
      const c = new Cursor(data, unit);
      const length = c.u32();
      if (length === 0xffffffff || length === 0) return rows; // 64-bit DWARF or padding
      const end = c.at + length;
      if (end > data.length) return rows;
      decodeUnit(c, end, rows);
      unit = end;
    }
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
  }
  return rows;
}

function decodeUnit(c: Cursor, end: number, rows: DecodedRow[]): void {
  const version = c.u16();
  if (version < 2 || version > 4) return;
  const headerLength = c.u32();
  const programStart = c.at + headerLength;
  const minInst = c.u8();
  if (version >= 4) c.u8(); // maximum_operations_per_instruction (VLIW only)
  c.u8(); // default_is_stmt
  const lineBase = (c.u8() << 24) >> 24;
  const lineRange = c.u8();
  const opcodeBase = c.u8();
  const standardLengths: number[] = [];
  for (let i = 1; i < opcodeBase; i++) standardLengths.push(c.u8());
  const dirs = [""];
  for (let d = c.cstring(); d !== ""; d = c.cstring()) dirs.push(d);
  const files = [""];
  const readFile = (): void => {
    const name = c.cstring();
    const dir = dirs[c.uleb()] ?? "";
    c.uleb();
    c.uleb();
    files.push(dir !== "" && !name.startsWith("/") ? `${dir}/${name}` : name);
  };
  while (c.d[c.at] !== 0) readFile();
  c.u8();
  c.at = programStart;
  if (lineRange === 0) return;

  let address = 0;
  let anchor = -1;
  let file = 1;
  let line = 1;
  const emit = (isEnd: boolean): void => { rows.push({ address, anchor, file: files[file] ?? `file ${file}`, line, end: isEnd }); };
  while (c.at < end) {
    const op = c.u8();
    if (op >= opcodeBase) {
      const adjusted = op - opcodeBase;
      address += Math.floor(adjusted / lineRange) * minInst;
      line += lineBase + (adjusted % lineRange);
      emit(false);
    } else if (op === 0) {
      const len = c.uleb();
      const next = c.at + len;
      const sub = c.u8();
      if (sub === 1) { emit(true); address = 0; anchor = -1; file = 1; line = 1; }
      else if (sub === 2) { anchor = c.at; address = c.u32(); }
      else if (sub === 3) readFile();
      c.at = next;
    } else if (op === 1) emit(false);
    else if (op === 2) address += c.uleb() * minInst;
    else if (op === 3) line += c.sleb();
    else if (op === 4) file = c.uleb();
    else if (op === 8) address += Math.floor((255 - opcodeBase) / lineRange) * minInst;
    else if (op === 9) address += c.u16();
    else for (let i = 0; i < (standardLengths[op - 1] ?? 0); i++) c.uleb();
  }
}
