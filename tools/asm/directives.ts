// The dot-directives GNU as accepts that a kernel and our compiler's output need: sections,
// symbol attributes, alignment, data, space, equates, common symbols, code size.

import type { Assembler } from "./assembler.ts";
import { pushLittleEndian } from "./encoder.ts";
import { Cursor, TokenError, parseExpr, type Expr } from "./expr.ts";
import type { Token } from "./lexer.ts";
import type { SectionType } from "./object-model.ts";
import { LOC_BASIC_BLOCK, LOC_EPILOGUE_BEGIN, LOC_PROLOGUE_END } from "./dwarf-lines.ts";
import { CFI_DIRECTIVES } from "./cfi-directives.ts";
import { absolute, absoluteBig, list, symbolName, type Handler } from "./directive-helpers.ts";

function data(size: 1 | 2 | 4 | 8): Handler {
  return (asm, cur) =>
    list(cur, () => {
      const tok = cur.here();
      const e = parseExpr(cur);
      const dot = asm.dot();
      const v = asm.constantNow(e, dot);
      const bytes: number[] = [];
      if (v !== undefined) pushLittleEndian(bytes, v, size);
      else {
        for (let i = 0; i < size; i++) bytes.push(0);
        asm.addFixup(asm.frag.bytes.length, size, e, dot, false, tok);
      }
      asm.emitBytes(bytes);
    });
}

function strings(zeroTerminated: boolean): Handler {
  return (asm, cur) =>
    list(cur, () => {
      const t = cur.next();
      if (t.kind !== "string") throw new TokenError(t, `expected a string in double quotes but found '${t.text}'`);
      const bytes = [...t.text].map((c) => c.charCodeAt(0));
      if (zeroTerminated) bytes.push(0);
      asm.emitBytes(bytes);
    });
}

/** `.uleb128`/`.sleb128` of values already known (label distances within a frag included). */
function leb128(signed: boolean): Handler {
  return (asm, cur) =>
    list(cur, () => {
      let v = BigInt(absoluteBig(asm, cur, "a LEB128 value"));
      if (!signed) v = BigInt.asUintN(64, v);
      const bytes: number[] = [];
      for (;;) {
        const b = Number(v & 0x7fn);
        v >>= 7n; // arithmetic for negative values
        const done = signed ? (v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0) : v === 0n;
        bytes.push(done ? b : b | 0x80);
        if (done) break;
      }
      asm.emitBytes(bytes);
    });
}

/** `.skip size[, fill]`: a size not yet known becomes a frag tail resolved at layout. */
const space: Handler = (asm, cur, head) => {
  const tok = cur.here();
  const size = parseExpr(cur);
  const fill = cur.eatPunct(",") ? absolute(asm, cur, "the fill value") & 0xff : 0;
  asm.expectEnd(cur);
  const dot = asm.dot();
  const value = asm.constantNow(size, dot);
  if (value === undefined) {
    asm.closeFrag({ kind: "space", size, fill, dot, pos: tok });
    return;
  }
  const n = Number(value);
  if (n < 0) throw new TokenError(tok, `${head.text} size is negative (${n})`);
  asm.emitBytes(new Array<number>(n).fill(fill));
};

/** `.org offset[, fill]`: move forward to an offset of the current section. */
const org: Handler = (asm, cur) => {
  const tok = cur.here();
  const target = parseExpr(cur);
  const fill = cur.eatPunct(",") ? absolute(asm, cur, "the fill value") & 0xff : 0;
  asm.expectEnd(cur);
  asm.closeFrag({ kind: "org", target, fill, dot: asm.dot(), pos: tok });
};

/** `.align`/`.balign` take a byte count (on i386 ELF `.align` does too); `.p2align` a power. */
/** The fill of `.balignw/.balignl/.p2alignw/.p2alignl` is a 2- or 4-byte pattern. */
function align(kind: "bytes" | "power", patternSize: 1 | 2 | 4 = 1): Handler {
  return (asm, cur, head) => {
    const tok = cur.here();
    const n = absolute(asm, cur, "the alignment");
    let pow: number;
    if (kind === "power") pow = n;
    else {
      if (n !== 0 && (n & (n - 1)) !== 0) throw new TokenError(tok, `${head.text} ${n}: the alignment must be a power of 2`);
      pow = n === 0 ? 0 : Math.log2(n);
    }
    let fill: number | null = null;
    let max = 0;
    if (cur.eatPunct(",")) {
      if (!cur.isPunct(",")) fill = absolute(asm, cur, "the fill value");
      if (cur.eatPunct(",")) max = absolute(asm, cur, "the maximum skip");
    }
    asm.expectEnd(cur);
    if (pow > 31) throw new TokenError(tok, `alignment ${n} is too large`);
    if (fill !== null && patternSize > 1) {
      asm.section.alignPow = Math.max(asm.section.alignPow, pow);
      const pattern: number[] = [];
      pushLittleEndian(pattern, fill, patternSize);
      asm.closeFrag({ kind: "align", pow, fill: 0, max, code16: asm.code16, pattern, pos: head });
      return;
    }
    if (fill !== null) fill &= 0xff;
    // In code, a fill of 0x90 (nop) asks for code padding: GNU as then writes its long no-ops.
    if (fill === 0x90 && asm.section.isCode) fill = null;
    if (fill === null && !asm.section.isCode) fill = 0;
    // The section takes the alignment even when a maximum may skip the padding (GNU as does).
    asm.section.alignPow = Math.max(asm.section.alignPow, pow);
    if (pow === 0) return;
    asm.closeFrag({ kind: "align", pow, fill, max, code16: asm.code16 });
  };
}

function sectionDirective(name: string): Handler {
  return (asm, cur) => {
    if (!cur.atEnd()) {
      const sub = absolute(asm, cur, "the subsection number");
      if (sub !== 0) throw new TokenError(cur.here(), "subsections are not supported");
    }
    asm.expectEnd(cur);
    asm.switchSection(asm.getSection(name));
  };
}

/** A section name runs up to a blank or comma (`.note.GNU-stack` is one name). */
function sectionName(cur: Cursor): Token {
  const first = cur.next();
  if (first.kind !== "ident" && first.kind !== "string") throw new TokenError(first, "expected a section name");
  if (first.kind === "string") return first;
  let text = first.text;
  let end = first.column + first.text.length;
  for (let t = cur.peek(); t !== undefined && t.column === end && !(t.kind === "punct" && t.text === ","); t = cur.peek()) {
    if (t.kind === "string" || t.kind === "register" || t.kind === "char") break;
    text += t.text;
    end += t.text.length;
    cur.next();
  }
  return { ...first, text };
}

/** `.section name[, "flags"[, @type[, entsize]]]` */
const section: Handler = (asm, cur) => {
  const nameTok = sectionName(cur);
  let flags: string | undefined;
  let type: SectionType | undefined;
  let entsize = 0;
  if (cur.eatPunct(",")) {
    const f = cur.next();
    if (f.kind !== "string") throw new TokenError(f, 'section flags must be a string such as "ax"');
    for (const c of f.text) if (!"awxMST".includes(c)) throw new TokenError(f, `unsupported section flag '${c}' (tsk-as knows a, w, x, M, S, T)`);
    flags = f.text;
    if (cur.eatPunct(",")) {
      if (!cur.eatPunct("@") && !cur.eatPunct("%")) throw new TokenError(cur.here(), "expected @progbits, @nobits or @note");
      const t = cur.next();
      const types: string[] = ["progbits", "nobits", "note", "init_array", "fini_array", "preinit_array"];
      if (types.includes(t.text)) type = t.text as SectionType;
      else throw new TokenError(t, `unknown section type '@${t.text}'`);
      if (cur.eatPunct(",")) entsize = absolute(asm, cur, "the entry size");
    }
  }
  asm.expectEnd(cur);
  const s = asm.getSection(nameTok.text, type, flags);
  if (entsize !== 0) s.entsize = entsize;
  asm.switchSection(s);
};

function bind(binding: "global" | "local" | "weak"): Handler {
  return (asm, cur) =>
    list(cur, () => {
      const t = symbolName(cur);
      const sym = asm.ref(t.text, t);
      sym.binding = binding;
      sym.declaredLocal = binding === "local";
    });
}

const typeDirective: Handler = (asm, cur) => {
  const t = symbolName(cur);
  cur.expectPunct(",");
  if (!cur.eatPunct("@") && !cur.eatPunct("%")) cur.eatPunct("#");
  const k = cur.next();
  const name = k.text.replace(/^STT_/i, "").toLowerCase();
  const sym = asm.ref(t.text, t);
  if (name === "function" || name === "func") sym.type = "function";
  else if (name === "object") sym.type = "object";
  else if (name === "notype") sym.type = "notype";
  else throw new TokenError(k, `unknown symbol type '${k.text}' (use @function, @object or @notype)`);
  asm.expectEnd(cur);
};

const sizeDirective: Handler = (asm, cur) => {
  const t = symbolName(cur);
  cur.expectPunct(",");
  const expr = parseExpr(cur);
  asm.expectEnd(cur);
  asm.ref(t.text, t).size = { expr, dot: asm.dot() };
};

const equate =
  (onlyOnce: boolean): Handler =>
  (asm, cur) => {
    const t = symbolName(cur);
    asm.ref(t.text, t); // GNU as creates the symbol before reading its value
    cur.expectPunct(",");
    const e: Expr = parseExpr(cur);
    asm.expectEnd(cur);
    asm.assign(t, e, onlyOnce);
  };

const common =
  (local: boolean): Handler =>
  (asm, cur) => {
    const t = symbolName(cur);
    cur.expectPunct(",");
    const size = absolute(asm, cur, "the size");
    let alignBytes: number | undefined;
    if (cur.eatPunct(",")) alignBytes = absolute(asm, cur, "the alignment");
    asm.expectEnd(cur);
    const sym = asm.ref(t.text, t);
    if (sym.kind !== "undefined" && sym.kind !== "common") throw new TokenError(t, `symbol '${t.text}' is already defined`);
    if (alignBytes !== undefined && alignBytes !== 0 && (alignBytes & (alignBytes - 1)) !== 0) {
      throw new TokenError(t, `alignment ${alignBytes} is not a power of 2`);
    }
    if (!local && !sym.declaredLocal) {
      sym.kind = "common";
      sym.binding = sym.binding === "weak" ? "weak" : "global";
      // Without an alignment GNU as uses the size rounded up to a power of 2, at most 16.
      let natural = 1;
      while (natural < size && natural < 16) natural *= 2;
      sym.common = { size, align: alignBytes ?? natural };
      sym.type = "object";
      return;
    }
    // .lcomm: reserve space in .bss; without an alignment GNU as derives one from the size.
    // (A `.comm` of a `.local` symbol gets no implicit alignment.)
    const implicit = !local ? 0 : size >= 8 ? 3 : size >= 4 ? 2 : size >= 2 ? 1 : 0;
    const pow = alignBytes !== undefined ? (alignBytes === 0 ? 0 : Math.log2(alignBytes)) : implicit;
    const saved = asm.section;
    const bss = asm.getSection(".bss");
    asm.section = bss;
    bss.alignPow = Math.max(bss.alignPow, pow);
    if (pow > 0) asm.closeFrag({ kind: "align", pow, fill: 0, max: 0, code16: asm.code16 });
    sym.kind = "label";
    sym.frag = asm.frag;
    sym.offset = asm.frag.bytes.length;
    sym.type = "object";
    sym.size = { expr: { k: "num", v: BigInt(size), tok: t }, dot: asm.dot() };
    asm.emitBytes(new Array<number>(size).fill(0));
    asm.section = saved;
  };

const file: Handler = (asm, cur) => {
  const t = cur.next();
  if (t.kind === "number") {
    // `.file 1 "name"`: an entry of the line-number file table (see dwarf-lines.ts).
    const name = cur.next();
    if (name.kind !== "string") throw new TokenError(name, 'expected a file name in double quotes');
    if (!cur.atEnd()) throw new TokenError(cur.here(), "the two-name form of .file (DWARF 5) is not supported");
    asm.lines.file(Number(t.value), name.text, t, asm);
    return;
  }
  if (t.kind !== "string") throw new TokenError(t, 'expected a file name in double quotes');
  asm.expectEnd(cur);
  if (asm.fileSymbol === null) {
    const sym = asm.newSym(t.text, false);
    sym.kind = "file";
    asm.fileSymbol = sym;
  }
};

/** `.ident "text"` appends to .comment, which starts with an empty string, as GNU as does. */
const ident: Handler = (asm, cur) => {
  const t = cur.next();
  if (t.kind !== "string") throw new TokenError(t, "expected a string in double quotes");
  asm.expectEnd(cur);
  const saved = asm.section;
  const isNew = !asm.sections.some((s) => s.name === ".comment");
  const comment = asm.getSection(".comment", "progbits", "MS");
  comment.entsize = 1;
  asm.section = comment;
  if (isNew) asm.emitBytes([0]);
  asm.emitBytes([...[...t.text].map((c) => c.charCodeAt(0)), 0]);
  asm.section = saved;
};

const fill: Handler = (asm, cur) => {
  const repeat = absolute(asm, cur, "the repeat count");
  let size = 1;
  let value = 0;
  if (cur.eatPunct(",")) {
    size = absolute(asm, cur, "the size");
    if (cur.eatPunct(",")) value = absolute(asm, cur, "the value");
  }
  asm.expectEnd(cur);
  const bytes: number[] = [];
  // GNU as writes at most 4 bytes of the value and zero-fills the rest of each item.
  for (let i = 0; i < repeat; i++) {
    pushLittleEndian(bytes, value, Math.min(size, 4));
    for (let j = 4; j < size; j++) bytes.push(0);
  }
  asm.emitBytes(bytes);
};

/** `.loc file line [column] [basic_block|prologue_end|epilogue_begin|is_stmt N|isa N|discriminator N]` */
const loc: Handler = (asm, cur, head) => {
  const fileNum = absolute(asm, cur, "the file number");
  const line = absolute(asm, cur, "the line number");
  // An omitted column keeps the previous one, as in GNU as.
  if (!cur.atEnd() && cur.peek()?.kind === "number") asm.lines.column = absolute(asm, cur, "the column");
  const column = asm.lines.column;
  let flags = 0;
  let discriminator = 0;
  while (!cur.atEnd()) {
    const opt = cur.next();
    switch (opt.text) {
      case "basic_block":
        flags |= LOC_BASIC_BLOCK;
        break;
      case "prologue_end":
        flags |= LOC_PROLOGUE_END;
        break;
      case "epilogue_begin":
        flags |= LOC_EPILOGUE_BEGIN;
        break;
      case "is_stmt":
        asm.lines.isStmt = absolute(asm, cur, "is_stmt") !== 0;
        break;
      case "isa":
        asm.lines.isa = absolute(asm, cur, "isa");
        break;
      case "discriminator":
        discriminator = absolute(asm, cur, "discriminator");
        break;
      default:
        throw new TokenError(opt, `unknown .loc option '${opt.text}'`);
    }
  }
  asm.lines.loc({ file: fileNum, line, column, isStmt: asm.lines.isStmt, flags, isa: asm.lines.isa, discriminator, pos: head }, asm);
};

const DIRECTIVES: Record<string, Handler> = {
  ...CFI_DIRECTIVES,
  ".text": sectionDirective(".text"),
  ".data": sectionDirective(".data"),
  ".bss": sectionDirective(".bss"),
  ".section": section,
  ".previous": (asm) => {
    if (asm.previousSection !== null) asm.switchSection(asm.previousSection);
  },
  ".pushsection": (asm, cur, head) => {
    asm.sectionStack.push([asm.section, asm.previousSection]);
    section(asm, cur, head);
  },
  ".popsection": (asm, cur) => {
    const top = asm.sectionStack.pop();
    if (top === undefined) throw new TokenError(cur.endToken, ".popsection without .pushsection");
    [asm.section, asm.previousSection] = top;
  },
  ".code16": (asm) => {
    asm.code16 = true;
  },
  ".code32": (asm) => {
    asm.code16 = false;
  },
  ".globl": bind("global"),
  ".global": bind("global"),
  ".local": bind("local"),
  ".weak": bind("weak"),
  ".hidden": (asm, cur) =>
    list(cur, () => {
      const t = symbolName(cur);
      asm.ref(t.text, t).visibility = 2;
    }),
  ".type": typeDirective,
  ".size": sizeDirective,
  ".align": align("bytes"),
  ".balign": align("bytes"),
  ".p2align": align("power"),
  ".balignw": align("bytes", 2),
  ".balignl": align("bytes", 4),
  ".p2alignw": align("power", 2),
  ".p2alignl": align("power", 4),
  ".byte": data(1),
  ".word": data(2),
  ".short": data(2),
  ".hword": data(2),
  ".value": data(2),
  ".2byte": data(2),
  ".long": data(4),
  ".int": data(4),
  ".4byte": data(4),
  ".quad": data(8),
  ".8byte": data(8),
  ".uleb128": leb128(false),
  ".sleb128": leb128(true),
  ".ascii": strings(false),
  ".asciz": strings(true),
  ".string": strings(true),
  ".skip": space,
  ".space": space,
  ".zero": (asm, cur, head) => {
    const n = absolute(asm, cur, "the size");
    asm.expectEnd(cur);
    if (n < 0) throw new TokenError(head, `.zero size is negative (${n})`);
    asm.emitBytes(new Array<number>(n).fill(0));
  },
  ".fill": fill,
  ".org": org,
  ".att_syntax": (_asm, cur) => {
    if (!cur.atEnd() && cur.peek()?.text === "prefix") cur.next();
  },
  ".equ": equate(false),
  ".set": equate(false),
  ".equiv": equate(true),
  ".comm": common(false),
  ".lcomm": common(true),
  ".file": file,
  ".loc": loc,
  ".ident": ident,
  ".end": (asm) => {
    asm.ended = true;
  },
};

export function runDirective(asm: Assembler, head: Token, cur: Cursor): void {
  const handler = DIRECTIVES[head.text.toLowerCase()];
  if (handler === undefined && head.text.startsWith(".cfi_")) {
    throw new TokenError(head, `'${head.text}' is not supported (tsk-as writes .eh_frame from the common .cfi_ directives only)`);
  }
  if (handler === undefined) throw new TokenError(head, `unknown directive '${head.text}'`);
  handler(asm, cur, head);
  asm.expectEnd(cur);
}
