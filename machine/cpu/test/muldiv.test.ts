// MUL/IMUL/DIV/IDIV against the host processor (inputs shaped so no #DE is raised natively;
// #DE itself is tested in exceptions.test.ts). SF ZF AF PF are undefined after multiplies,
// every status flag after divides.
import { describe, expect, it } from "vitest";
import { compareRows, type Row } from "./oracle.ts";

const SZAP = 0xd4, ALL = 0x8d5;
const rows: Row[] = [
  { asm: "mull %ebx", undefinedFlags: SZAP },
  { asm: "imull %ebx", undefinedFlags: SZAP },
  { asm: "mulw %cx", undefinedFlags: SZAP },
  { asm: "imulw %cx", undefinedFlags: SZAP },
  { asm: "mulb %dh", undefinedFlags: SZAP },
  { asm: "imulb %dh", undefinedFlags: SZAP },
  { asm: "mull 8(%ebp)", undefinedFlags: SZAP },
  { asm: "imulb 9(%ebp)", undefinedFlags: SZAP },
  { asm: "imull %esi, %edi", undefinedFlags: SZAP },
  { asm: "imulw %si, %di", undefinedFlags: SZAP },
  { asm: "imull 4(%ebp), %ecx", undefinedFlags: SZAP },
  { asm: "imull $-7, %ebx, %eax", undefinedFlags: SZAP },
  { asm: "imull $0x12345, %edx, %esi", undefinedFlags: SZAP },
  { asm: "imulw $300, %bx, %ax", undefinedFlags: SZAP },
  { asm: "imull $100, 12(%ebp), %edi", undefinedFlags: SZAP },
  { asm: "xorl %edx, %edx\norl $1, %ecx\ndivl %ecx", undefinedFlags: ALL },
  { asm: "andl $0x7fffffff, %ecx\nincl %ecx\nmovl %ecx, %edx\nshrl $1, %edx\ndivl %ecx", undefinedFlags: ALL },
  { asm: "cltd\nandl $0x7fff, %ecx\nincl %ecx\nidivl %ecx", undefinedFlags: ALL },
  { asm: "cltd\nandl $0x7fff, %ecx\nnotl %ecx\nidivl %ecx", undefinedFlags: ALL },
  { asm: "movl %edx, %eax\nsarl $31, %edx\nandl $0x7fffffff, %ebx\norl $0x10000, %ebx\nidivl %ebx", undefinedFlags: ALL },
  { asm: "xorw %dx, %dx\norw $1, %bx\ndivw %bx", undefinedFlags: ALL },
  { asm: "cwtd\nandw $0x7ff, %bx\nincw %bx\nidivw %bx", undefinedFlags: ALL },
  { asm: "andl $0xff, %eax\norb $1, %cl\ndivb %cl", undefinedFlags: ALL },
  { asm: "cbtw\nandb $0x3f, %cl\nincb %cl\nidivb %cl", undefinedFlags: ALL },
  { asm: "cbtw\nandb $0x3f, %ch\nincb %ch\nnegb %ch\nidivb %ch", undefinedFlags: ALL },
  { asm: "xorl %edx, %edx\norl $1, 16(%ebp)\ndivl 16(%ebp)", undefinedFlags: ALL },
];

describe("multiply and divide agree with the host CPU", () => {
  it(`${rows.length} forms x 16 inputs`, () => {
    expect(compareRows(rows, 16, 3).slice(0, 20)).toEqual([]);
  });
});
