// The `.cfi_*` directives: each becomes a call-frame instruction for cfi.ts.

import type { Assembler } from "./assembler.ts";
import { dwarfRegister, type CfiInsn } from "./cfi.ts";
import { absolute, list, type Handler } from "./directive-helpers.ts";
import { Cursor, TokenError } from "./expr.ts";

/** A register operand of a .cfi directive: `%ebp` or a DWARF register number. */
function cfiRegister(asm: Assembler, cur: Cursor): number {
  const t = cur.peek();
  if (t?.kind === "register") {
    cur.next();
    const n = dwarfRegister(t.text);
    if (n === undefined) throw new TokenError(t, `%${t.text} has no DWARF register number on i386`);
    return n;
  }
  return absolute(asm, cur, "the register number");
}

function cfi(build: (asm: Assembler, cur: Cursor) => CfiInsn): Handler {
  return (asm, cur, head) => asm.cfi.add(asm, head, build(asm, cur));
}

export const CFI_DIRECTIVES: Record<string, Handler> = {
  ".cfi_startproc": (asm, cur, head) => {
    const simple = !cur.atEnd() && cur.peek()?.text === "simple";
    if (simple) cur.next();
    asm.cfi.startproc(asm, head, simple);
  },
  ".cfi_endproc": (asm, _cur, head) => asm.cfi.endproc(asm, head),
  ".cfi_sections": (_asm, cur) => {
    const t = cur.next();
    if (t.text !== ".eh_frame") throw new TokenError(t, "only .cfi_sections .eh_frame is supported");
  },
  ".cfi_def_cfa": cfi((asm, cur) => {
    const reg = cfiRegister(asm, cur);
    cur.expectPunct(",");
    return { op: "def_cfa", reg, offset: absolute(asm, cur, "the offset") };
  }),
  ".cfi_def_cfa_register": cfi((asm, cur) => ({ op: "def_cfa_register", reg: cfiRegister(asm, cur) })),
  ".cfi_def_cfa_offset": cfi((asm, cur) => ({ op: "def_cfa_offset", offset: absolute(asm, cur, "the offset") })),
  ".cfi_adjust_cfa_offset": cfi((asm, cur) => ({ op: "def_cfa_offset", offset: asm.cfi.cfaOffset + absolute(asm, cur, "the adjustment") })),
  ".cfi_offset": cfi((asm, cur) => {
    const reg = cfiRegister(asm, cur);
    cur.expectPunct(",");
    return { op: "offset", reg, offset: absolute(asm, cur, "the offset") };
  }),
  ".cfi_rel_offset": cfi((asm, cur) => {
    const reg = cfiRegister(asm, cur);
    cur.expectPunct(",");
    return { op: "offset", reg, offset: absolute(asm, cur, "the offset") - asm.cfi.cfaOffset };
  }),
  ".cfi_restore": cfi((asm, cur) => ({ op: "restore", reg: cfiRegister(asm, cur) })),
  ".cfi_undefined": cfi((asm, cur) => ({ op: "undefined", reg: cfiRegister(asm, cur) })),
  ".cfi_same_value": cfi((asm, cur) => ({ op: "same_value", reg: cfiRegister(asm, cur) })),
  ".cfi_register": cfi((asm, cur) => {
    const reg = cfiRegister(asm, cur);
    cur.expectPunct(",");
    return { op: "register", reg, reg2: cfiRegister(asm, cur) };
  }),
  ".cfi_remember_state": cfi(() => ({ op: "remember_state" })),
  ".cfi_restore_state": cfi(() => ({ op: "restore_state" })),
  ".cfi_escape": cfi((asm, cur) => {
    const bytes: number[] = [];
    list(cur, () => bytes.push(absolute(asm, cur, "an escape byte") & 0xff));
    return { op: "escape", bytes };
  }),
};
