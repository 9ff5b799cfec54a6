// What the assembler builds while it reads: sections made of frags, symbols and fixups.
//
// A frag is a run of bytes whose length is known when they are written, optionally ended by
// one "tail" whose size is only known at layout time (a relaxable jump, an alignment, a
// `.skip` of a not-yet-constant size). Two labels in the same frag are a fixed distance apart
// while the source is still being read; GNU as makes the same distinction, and it decides
// operand sizes (imm8 or imm32, disp8 or disp32) from it, so we must too.

import type { SourcePos } from "./errors.ts";
import type { Expr, Term } from "./expr.ts";

export type Tail =
  | { kind: "align"; pow: number; fill: number | null; max: number; code16: boolean; pattern?: number[]; pos?: SourcePos }
  | { kind: "jump"; cc: number | null; target: Expr; dot: Sym; code16: boolean; long: boolean; relaxable: boolean; pos: SourcePos }
  | { kind: "space"; size: Expr; fill: number; dot: Sym; pos: SourcePos }
  | { kind: "org"; target: Expr; fill: number; dot: Sym; pos: SourcePos };

export class Frag {
  bytes: number[] = [];
  tail: Tail | null = null;
  /** Offset of the frag in its section; valid after layout. */
  address = 0;
  tailSize = 0;
  constructor(readonly section: Section) {}
}

export interface Fixup {
  frag: Frag;
  offset: number; // of the field within frag.bytes
  size: 1 | 2 | 4 | 8;
  expr: Expr;
  dot: Sym; // what `.` means inside expr
  /** Branch displacement: relative to the end of the field (the end of the instruction). */
  pcrel: boolean;
  pos: SourcePos;
}

export type SectionType = "progbits" | "nobits" | "note" | "init_array" | "fini_array" | "preinit_array";

export class Section {
  frags: Frag[];
  fixups: Fixup[] = [];
  alignPow = 0;
  sym: Sym;
  entsize = 0;
  constructor(
    readonly name: string,
    public type: SectionType,
    public flags: string, // subset of "awxMST" in GNU as spelling
    sym: Sym,
  ) {
    this.frags = [new Frag(this)];
    this.sym = sym;
  }
  get current(): Frag {
    return this.frags[this.frags.length - 1];
  }
  get isCode(): boolean {
    return this.flags.includes("x");
  }
}

export type SymKind = "undefined" | "label" | "equ" | "common" | "section" | "file";

export class Sym implements Term {
  kind: SymKind = "undefined";
  frag: Frag | null = null;
  offset = 0; // within frag.bytes
  equ: { expr: Expr; dot: Sym } | null = null;
  binding: "local" | "global" | "weak" = "local";
  /** `.local` was written for it (a `.comm` of such a symbol reserves .bss space instead). */
  declaredLocal = false;
  visibility = 0; // STV_*
  type: "notype" | "object" | "function" = "notype";
  size: { expr: Expr; dot: Sym } | null = null;
  common = { size: 0, align: 0 };
  section: Section | null = null; // for section symbols
  usedInReloc = false;
  /** Named in an expression (not only in a directive such as .weak or .type). */
  referenced = false;
  firstUse: SourcePos | null = null;
  constructor(
    readonly name: string,
    /** Assembler-internal names (`.L...`, numeric local labels, `.`) never reach .symtab. */
    readonly temporary: boolean,
    readonly order: number,
  ) {}

  /** Section offset of a label; valid after layout. */
  get address(): number {
    if (this.frag === null) throw new Error(`internal: ${this.name} has no frag`);
    return this.frag.address + this.offset;
  }
}
