// Call-frame information: the `.cfi_*` directives, written as GNU as writes .eh_frame for
// i386 — a "zR" CIE (code alignment 1, data alignment -4, return address column 8, FDE
// addresses pc-relative 4-byte), shared by every FDE whose leading instructions it starts
// with, and one FDE per .cfi_startproc/.cfi_endproc, each padded to 4 bytes with DW_CFA_nop.
// Location advances are measured after layout and take the shortest DW_CFA_advance_loc form
// (none at all for a zero advance).

import type { Assembler } from "./assembler.ts";
import { AsmError, type SourcePos } from "./errors.ts";
import { pushLittleEndian } from "./encoder.ts";
import { pushSleb as sleb, pushUleb as uleb } from "./leb128.ts";
import type { LaidOutSection, Relocation } from "./layout.ts";
import { R_386_PC32 } from "./layout.ts";
import type { Section, Sym } from "./object-model.ts";

export type CfiInsn =
  | { op: "advance"; from: Sym; to: Sym }
  | { op: "def_cfa"; reg: number; offset: number }
  | { op: "def_cfa_register"; reg: number }
  | { op: "def_cfa_offset"; offset: number }
  | { op: "offset"; reg: number; offset: number }
  | { op: "restore" | "undefined" | "same_value"; reg: number }
  | { op: "register"; reg: number; reg2: number }
  | { op: "remember_state" | "restore_state" }
  | { op: "escape"; bytes: number[] };

interface Fde {
  section: Section;
  start: Sym;
  end: Sym | null;
  insns: CfiInsn[];
  pos: SourcePos;
}

/** DWARF register numbers of i386. */
const DWARF_REGS: Record<string, number> = { eax: 0, ecx: 1, edx: 2, ebx: 3, esp: 4, ebp: 5, esi: 6, edi: 7, eip: 8 };
const DATA_ALIGN = -4;
const RETURN_COLUMN = 8;

export function dwarfRegister(name: string): number | undefined {
  return DWARF_REGS[name];
}

export class CfiTable {
  readonly fdes: Fde[] = [];
  private current: Fde | null = null;
  private last: Sym | null = null;
  private cfa = { reg: 4, offset: 4 };
  private saved: { reg: number; offset: number }[] = [];

  get used(): boolean {
    return this.fdes.length > 0;
  }

  private open(asm: Assembler, pos: SourcePos): Fde {
    if (this.current === null) throw new AsmError(asm.file, pos, ".cfi directive outside .cfi_startproc/.cfi_endproc");
    return this.current;
  }

  startproc(asm: Assembler, pos: SourcePos, simple: boolean): void {
    if (this.current !== null) throw new AsmError(asm.file, pos, ".cfi_startproc inside another .cfi_startproc (missing .cfi_endproc?)");
    const start = asm.dot();
    this.current = { section: asm.section, start, end: null, insns: [], pos };
    this.last = start;
    this.cfa = { reg: 4, offset: 4 };
    this.saved = [];
    // The state at a call's target: CFA = %esp + 4, return address at CFA - 4.
    if (!simple) this.current.insns.push({ op: "def_cfa", reg: 4, offset: 4 }, { op: "offset", reg: RETURN_COLUMN, offset: DATA_ALIGN });
  }

  endproc(asm: Assembler, pos: SourcePos): void {
    const fde = this.open(asm, pos);
    fde.end = asm.dot();
    this.fdes.push(fde);
    this.current = null;
  }

  /** Adds an instruction at the current location, advancing the location first if needed. */
  add(asm: Assembler, pos: SourcePos, insn: CfiInsn): void {
    const fde = this.open(asm, pos);
    const here = asm.dot();
    // GNU as advances when the location is in another frag or at another offset.
    if (this.last !== null && (this.last.frag !== here.frag || this.last.offset !== here.offset)) {
      fde.insns.push({ op: "advance", from: this.last, to: here });
      this.last = here;
    }
    switch (insn.op) {
      case "def_cfa":
        this.cfa = { reg: insn.reg, offset: insn.offset };
        break;
      case "def_cfa_register":
        this.cfa.reg = insn.reg;
        break;
      case "def_cfa_offset":
        this.cfa.offset = insn.offset;
        break;
      case "remember_state":
        this.saved.push({ ...this.cfa });
        break;
      case "restore_state": {
        const s = this.saved.pop();
        if (s !== undefined) this.cfa = s;
        break;
      }
    }
    fde.insns.push(insn);
  }

  /** The CFA offset now (for .cfi_adjust_cfa_offset and .cfi_rel_offset). */
  get cfaOffset(): number {
    return this.cfa.offset;
  }

  check(asm: Assembler): void {
    if (this.current !== null) throw new AsmError(asm.file, this.current.pos, ".cfi_startproc without .cfi_endproc");
  }
}


function encode(out: number[], insn: CfiInsn): void {
  switch (insn.op) {
    case "advance": {
      const delta = insn.to.address - insn.from.address;
      if (delta === 0) return;
      if (delta <= 0x3f) out.push(0x40 + delta);
      else if (delta <= 0xff) out.push(0x02, delta);
      else if (delta <= 0xffff) {
        out.push(0x03);
        pushLittleEndian(out, delta, 2);
      } else {
        out.push(0x04);
        pushLittleEndian(out, delta, 4);
      }
      return;
    }
    case "def_cfa":
      out.push(0x0c);
      uleb(out, insn.reg);
      uleb(out, insn.offset);
      return;
    case "def_cfa_register":
      out.push(0x0d);
      uleb(out, insn.reg);
      return;
    case "def_cfa_offset":
      out.push(0x0e);
      uleb(out, insn.offset);
      return;
    case "offset": {
      const factored = insn.offset / DATA_ALIGN;
      if (factored < 0) {
        out.push(0x11);
        uleb(out, insn.reg);
        sleb(out, factored);
      } else if (insn.reg <= 0x3f) {
        out.push(0x80 + insn.reg);
        uleb(out, factored);
      } else {
        out.push(0x05);
        uleb(out, insn.reg);
        uleb(out, factored);
      }
      return;
    }
    case "restore":
      if (insn.reg <= 0x3f) out.push(0xc0 + insn.reg);
      else {
        out.push(0x06);
        uleb(out, insn.reg);
      }
      return;
    case "undefined":
    case "same_value":
      out.push(insn.op === "undefined" ? 0x07 : 0x08);
      uleb(out, insn.reg);
      return;
    case "register":
      out.push(0x09);
      uleb(out, insn.reg);
      uleb(out, insn.reg2);
      return;
    case "remember_state":
      out.push(0x0a);
      return;
    case "restore_state":
      out.push(0x0b);
      return;
    case "escape":
      out.push(...insn.bytes);
      return;
  }
}

function sameInsn(a: CfiInsn, b: CfiInsn): boolean {
  if (a.op !== b.op || a.op === "advance" || a.op === "escape" || a.op === "remember_state") return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Ends a CIE's initial instructions, as in GNU as. */
const endsCieRun = (i: CfiInsn): boolean => i.op === "advance" || i.op === "remember_state" || i.op === "escape";

const pad4 = (out: number[], from: number): void => {
  while ((out.length - from) % 4 !== 0) out.push(0); // DW_CFA_nop
};

export function createEhFrame(asm: Assembler): Section {
  const s = asm.getSection(".eh_frame", "progbits", "a");
  s.alignPow = 2;
  return s;
}

/** Fills .eh_frame once the code it describes has its final layout. */
export function writeEhFrame(table: CfiTable, ehFrame: Section, laid: LaidOutSection[]): void {
  const out: number[] = [];
  const relocs: Relocation[] = [];
  const cies: { start: number; insns: CfiInsn[] }[] = [];
  for (const fde of table.fdes) {
    // Reuse the newest CIE whose instructions this FDE starts with; else write a new one.
    let cie = [...cies].reverse().find((c) => c.insns.length <= fde.insns.length && c.insns.every((insn, i) => sameInsn(insn, fde.insns[i])));
    if (cie === undefined) {
      let n = 0;
      while (n < fde.insns.length && !endsCieRun(fde.insns[n])) n++;
      cie = { start: out.length, insns: fde.insns.slice(0, n) };
      cies.push(cie);
      const body: number[] = [0, 0, 0, 0, 1, 0x7a, 0x52, 0, 1]; // CIE id 0, version 1, "zR", code align 1
      sleb(body, DATA_ALIGN);
      body.push(RETURN_COLUMN, 1, 0x1b); // augmentation data: FDE pointers pcrel | sdata4
      for (const insn of cie.insns) encode(body, insn);
      pad4(body, -4);
      pushLittleEndian(out, body.length, 4);
      out.push(...body);
    }
    const start = out.length;
    out.push(0, 0, 0, 0); // length, patched below
    pushLittleEndian(out, out.length - cie.start, 4);
    const begin = fde.start.address;
    relocs.push({ offset: out.length, sym: fde.section.sym, type: R_386_PC32 });
    fde.section.sym.usedInReloc = true;
    pushLittleEndian(out, begin, 4);
    pushLittleEndian(out, fde.end!.address - begin, 4);
    out.push(0); // augmentation data length
    for (const insn of fde.insns.slice(cie.insns.length)) encode(out, insn);
    pad4(out, start);
    const length: number[] = [];
    pushLittleEndian(length, out.length - start - 4, 4);
    out.splice(start, 4, ...length);
  }
  const l = laid.find((x) => x.section === ehFrame)!;
  l.bytes = Uint8Array.from(out);
  l.size = out.length;
  l.relocs = relocs;
}
