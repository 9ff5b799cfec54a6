// ALU family against the host processor: ADD/OR/ADC/SBB/AND/SUB/XOR/CMP/TEST/INC/DEC/NEG/NOT
// in 8/16/32-bit register, memory and immediate forms.
import { describe, expect, it } from "vitest";
import { compareRows, type Row } from "./oracle.ts";

const AF = 0x10;
const ops = ["add", "or", "adc", "sbb", "and", "sub", "xor", "cmp", "test"];
const rows: Row[] = [];
for (const op of ops) {
  const logic = ["or", "and", "xor", "test"].includes(op);
  const u = logic ? AF : 0; // AF is undefined after logical operations
  rows.push(
    { asm: `${op}l %ebx, %eax`, undefinedFlags: u },
    { asm: `${op}w %dx, %cx`, undefinedFlags: u },
    { asm: `${op}b %bh, %al`, undefinedFlags: u },
    { asm: `${op}b %dl, %ah`, undefinedFlags: u },
    { asm: `${op}l $0x12345678, %esi`, undefinedFlags: u },
    { asm: `${op}l $-3, %edi`, undefinedFlags: u },
    { asm: `${op}w $0x7fff, %ax`, undefinedFlags: u },
    { asm: `${op}b $0x80, %cl`, undefinedFlags: u },
    { asm: `${op}l %ecx, 8(%ebp)`, undefinedFlags: u },
    { asm: `${op}b 3(%ebp), %dh`, undefinedFlags: u },
    { asm: `${op}w $-2, 6(%ebp)`, undefinedFlags: u },
  );
  if (op !== "test") rows.push({ asm: `${op}l 12(%ebp), %edx`, undefinedFlags: u }, { asm: `${op}l $5, %eax`, undefinedFlags: u });
}
for (const op of ["inc", "dec", "neg", "not"]) {
  rows.push({ asm: `${op}l %eax` }, { asm: `${op}w %si` }, { asm: `${op}b %bh` }, { asm: `${op}l 4(%ebp)` }, { asm: `${op}b 9(%ebp)` });
}
rows.push({ asm: "incw %ax\nincl %ecx" }, { asm: "lock addl %eax, 16(%ebp)" }, { asm: "lock xorb %bl, 17(%ebp)" });

describe("ALU instructions agree with the host CPU", () => {
  it(`${rows.length} forms x 12 inputs`, () => {
    expect(compareRows(rows, 12, 1).slice(0, 20)).toEqual([]);
  });
});
