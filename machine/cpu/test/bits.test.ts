// BT/BTS/BTR/BTC, BSF/BSR, BSWAP, SETcc, CMOVcc, CMPXCHG, XADD against the host processor.
import { describe, expect, it } from "vitest";
import { compareRows, type Row } from "./oracle.ts";

const CF = 0x1, OSAP = 0x894, ALLBUTZ = 0x895;
const rows: Row[] = [];
for (const op of ["bt", "bts", "btr", "btc"]) {
  rows.push(
    { asm: `${op}l %ebx, %eax`, undefinedFlags: OSAP },
    { asm: `${op}w %bx, %ax`, undefinedFlags: OSAP },
    { asm: `${op}l $37, %ecx`, undefinedFlags: OSAP },
    { asm: `${op}w $5, %dx`, undefinedFlags: OSAP },
    { asm: `${op}l $19, 8(%ebp)`, undefinedFlags: OSAP },
    { asm: `andl $255, %ecx\nsubl $64, %ecx\n${op}l %ecx, 32(%ebp)`, undefinedFlags: OSAP },
    { asm: `andl $127, %ecx\nsubl $32, %ecx\n${op}w %cx, 32(%ebp)`, undefinedFlags: OSAP },
  );
}
rows.push(
  { asm: "orl $0x10000, %ebx\nbsfl %ebx, %eax", undefinedFlags: ALLBUTZ },
  { asm: "orl $1, %ebx\nbsrl %ebx, %eax", undefinedFlags: ALLBUTZ },
  { asm: "orw $0x100, %bx\nbsfw %bx, %ax", undefinedFlags: ALLBUTZ },
  { asm: "orw $4, %bx\nbsrw %bx, %ax", undefinedFlags: ALLBUTZ },
  { asm: "orl $0x800, 4(%ebp)\nbsfl 4(%ebp), %edx", undefinedFlags: ALLBUTZ },
  { asm: "xorl %ebx, %ebx\nbsfl %ebx, %eax", undefinedFlags: ALLBUTZ, undefinedRegs: [0] },
  { asm: "bswap %eax\nbswap %esi" },
  { asm: "xchgl %eax, %ebx\nxchgw %cx, %dx\nxchgb %ah, %dl" },
  { asm: "xchgl %esi, 4(%ebp)\nxchgb %cl, 5(%ebp)" },
  { asm: "cmpxchgl %ebx, %ecx" },
  { asm: "movl %ecx, %eax\ncmpxchgl %ebx, %ecx" },
  { asm: "cmpxchgb %bl, %dh" },
  { asm: "cmpxchgw %bx, 4(%ebp)" },
  { asm: "movl 8(%ebp), %eax\nlock cmpxchgl %edx, 8(%ebp)" },
  { asm: "cmpxchg8b 16(%ebp)" },
  { asm: "movl 16(%ebp), %eax\nmovl 20(%ebp), %edx\nlock cmpxchg8b 16(%ebp)" },
  { asm: "xaddl %ebx, %eax" },
  { asm: "xaddb %bl, %ch" },
  { asm: "lock xaddl %ecx, 12(%ebp)" },
  { asm: "xaddw %si, 12(%ebp)" },
);
const conds = ["o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g"];
for (const cc of conds) {
  rows.push({ asm: `set${cc} %al\nset${cc} %bh\nset${cc} 3(%ebp)` });
  rows.push({ asm: `cmpl %ecx, %edx\nset${cc} %al\ncmov${cc}l %esi, %edi\ncmov${cc}w 4(%ebp), %bx` });
  rows.push({ asm: `cmpb %cl, %dl\nset${cc} %al\ntestl %esi, %esi\ncmov${cc}l %ecx, %ebx` });
}
void CF;

describe("bit, exchange and condition instructions agree with the host CPU", () => {
  it(`${rows.length} forms x 12 inputs`, () => {
    expect(compareRows(rows, 12, 4).slice(0, 20)).toEqual([]);
  });
});
