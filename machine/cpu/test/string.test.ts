// String instructions with and without REP prefixes against the host processor.
import { describe, expect, it } from "vitest";
import { compareRows, type Row } from "./oracle.ts";

const setup = "movl %ebp, %esi\nmovl %ebp, %edi\naddl $32, %edi\nandl $7, %ecx\n";
const setupDown = "leal 28(%ebp), %esi\nleal 60(%ebp), %edi\nandl $3, %ecx\nstd\n";
const rows: Row[] = [];
for (const s of ["b", "w", "l"]) {
  rows.push(
    { asm: `${setup}movs${s}` },
    { asm: `${setup}rep movs${s}` },
    { asm: `${setupDown}rep movs${s}\ncld` },
    { asm: `${setup}stos${s}` },
    { asm: `${setup}rep stos${s}` },
    { asm: `${setup}lods${s}` },
    { asm: `${setup}rep lods${s}` },
    { asm: `${setup}cmps${s}` },
    { asm: `${setup}repe cmps${s}` },
    { asm: `${setup}repne cmps${s}` },
    { asm: `${setup}scas${s}` },
    { asm: `${setup}repe scas${s}` },
    { asm: `${setup}repne scas${s}` },
    { asm: `${setup}movl 4(%ebp), %eax\nmovl %eax, 36(%ebp)\nrepne scas${s}` },
    { asm: `${setupDown}repe cmps${s}\ncld` },
  );
}

describe("string instructions agree with the host CPU", () => {
  it(`${rows.length} forms x 12 inputs`, () => {
    expect(compareRows(rows, 12, 6).slice(0, 20)).toEqual([]);
  });
});
