// Shifts, rotates and double shifts against the host processor. Undefined flags per the SDM:
// AF after shifts; OF unless the count is 1; CF for 8/16-bit shifts by the operand size or more.
import { describe, expect, it } from "vitest";
import { compareRows, type Row } from "./oracle.ts";

const CF = 0x1, AF = 0x10, OF = 0x800, ALL = 0x8d5;
const rows: Row[] = [];
for (const op of ["shl", "shr", "sar", "rol", "ror", "rcl", "rcr", "sal"]) {
  const rot = op.startsWith("r");
  const u1 = rot ? 0 : AF;
  rows.push(
    { asm: `${op}l %eax`, undefinedFlags: u1 },
    { asm: `${op}w $1, %bx`, undefinedFlags: u1 },
    { asm: `${op}b %dh`, undefinedFlags: u1 },
    { asm: `${op}l $7, %esi`, undefinedFlags: u1 | OF },
    { asm: `${op}l $31, %edi`, undefinedFlags: u1 | OF },
    { asm: `${op}l %cl, %edx`, undefinedFlags: u1 | OF },
    { asm: `${op}w %cl, %dx`, undefinedFlags: u1 | OF | (rot ? 0 : CF) },
    { asm: `${op}b %cl, %bl`, undefinedFlags: u1 | OF | (rot ? 0 : CF) },
    { asm: `${op}b $3, %ah`, undefinedFlags: u1 | OF },
    { asm: `${op}l $5, 8(%ebp)`, undefinedFlags: u1 | OF },
    { asm: `${op}w %cl, 10(%ebp)`, undefinedFlags: u1 | OF | (rot ? 0 : CF) },
    { asm: `${op}b 12(%ebp)`, undefinedFlags: u1 },
  );
}
for (const op of ["shld", "shrd"]) {
  rows.push(
    { asm: `${op}l $1, %ebx, %eax`, undefinedFlags: AF },
    { asm: `${op}l $13, %ebx, %eax`, undefinedFlags: AF | OF },
    { asm: `${op}l %cl, %edx, %esi`, undefinedFlags: AF | OF },
    { asm: `andb $15, %cl\n${op}w %cl, %dx, %si`, undefinedFlags: AF | OF },
    { asm: `${op}l $9, %edi, 4(%ebp)`, undefinedFlags: AF | OF },
    { asm: `${op}w $4, %ax, 6(%ebp)`, undefinedFlags: AF | OF },
  );
}
// A 16-bit double shift by more than 16 leaves the result and flags undefined; not compared.
void ALL;

describe("shifts and rotates agree with the host CPU", () => {
  it(`${rows.length} forms x 12 inputs`, () => {
    expect(compareRows(rows, 12, 2).slice(0, 20)).toEqual([]);
  });
});
