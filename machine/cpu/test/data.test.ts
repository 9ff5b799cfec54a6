// Data movement, stack, flag and decimal instructions against the host processor.
import { describe, expect, it } from "vitest";
import { compareRows, type Row } from "./oracle.ts";

const OF = 0x800, CF = 0x1, AF = 0x10, SZP = 0xc4;
const rows: Row[] = [
  { asm: "movl %eax, %ebx\nmovw %cx, %dx\nmovb %ah, %dl\nmovb %bl, %dh" },
  { asm: "movl $0x12345678, %eax\nmovw $0xabcd, %bx\nmovb $0x5a, %ch" },
  { asm: "movl 4(%ebp), %eax\nmovw 6(%ebp), %bx\nmovb 7(%ebp), %ch\nmovl %esi, 20(%ebp)\nmovw %di, 26(%ebp)\nmovb %dh, 29(%ebp)" },
  { asm: "movl $0x11223344, 32(%ebp)\nmovw $0x5566, 36(%ebp)\nmovb $0x77, 38(%ebp)" },
  { asm: "movzbl %al, %ebx\nmovzwl %cx, %edx\nmovsbl %ah, %esi\nmovswl %di, %edi" },
  { asm: "movzbw %al, %bx\nmovsbw %cl, %dx\nmovzbl 3(%ebp), %esi\nmovswl 4(%ebp), %edi" },
  { asm: "leal 12(%eax,%ebx,4), %ecx\nleal (%esi), %edx\nleal -8(,%edi,8), %ebx\nleaw 3(%eax,%eax), %si" },
  { asm: "movl %ebp, %ebx\nmovl $3, %esi\nmovl (%ebx,%esi,4), %eax\nmovl 4(%ebx,%esi,2), %ecx" },
  { asm: "pushl %eax\npushw %bx\npopw %cx\npopl %edx" },
  { asm: "pushl $-5\npushl $0x12345678\npopl %eax\npopl %ebx" },
  { asm: "pushl 8(%ebp)\npopl 12(%ebp)\npushw 16(%ebp)\npopw 18(%ebp)" },
  { asm: "pushal\nmovl $1, %eax\nmovl $2, %ebx\npopal" },
  { asm: "pushal\npopl %eax\npopl %ebx\npopl %ecx\npopl %edx\nsubl %esp, %edx\npopl %esi\npopl %edi\npopl %ebp\npopl %esi\nmovl $0x200000, %ebp" },
  { asm: "pushl %esp\npopl %eax\nsubl %esp, %eax" },
  { asm: "pushfl\npopl %eax\nandl $0xcd5, %eax" },
  { asm: "andl $0xcd5, %ebx\npushl %ebx\npopfl" },
  { asm: "lahf\nmovb %bl, %ah\nsahf" },
  { asm: "clc\nsetc %al\nstc\nsetc %bl\ncmc\nsetc %cl\nstd\ncld" },
  { asm: "cbtw\ncwtl\ncltd" },
  { asm: "cwtd\ncbtw" },
  { asm: "movl %ebp, %ebx\nandl $0x3f, %eax\nxlat" },
  { asm: "enter $16, $0\nmovl %esp, %eax\nsubl %ebp, %eax\nleave\nmovl $0x200000, %ebp" },
  { asm: "pushl %ebp\nmovl %esp, %ebp\nenter $8, $3\nleave\npopl %ebp" },
  { asm: "daa", undefinedFlags: OF },
  { asm: "das", undefinedFlags: OF },
  { asm: "aaa", undefinedFlags: OF | SZP },
  { asm: "aas", undefinedFlags: OF | SZP },
  { asm: "movb $2, %al\naas", undefinedFlags: OF | SZP },
  { asm: "movb $0xfe, %al\naaa", undefinedFlags: OF | SZP },
  { asm: "aam", undefinedFlags: OF | AF | CF },
  { asm: "aam $7", undefinedFlags: OF | AF | CF },
  { asm: "aad", undefinedFlags: OF | AF | CF },
  { asm: "aad $3", undefinedFlags: OF | AF | CF },
  { asm: "call 1f\n1: popl %eax\nsubl $0x300000, %eax" },
  { asm: "movl $3, %ecx\nxorl %eax, %eax\n1: addl %ecx, %eax\nloop 1b" },
  { asm: "andl $7, %ecx\nxorl %eax, %eax\njecxz 2f\n1: incl %eax\ncmpl $3, %eax\nloopne 1b\n2:" },
  { asm: "cmpl %ebx, %eax\njl 1f\nmovl $1, %esi\njmp 2f\n1: movl $2, %esi\n2:" },
  { asm: "testb $1, %al\njnz 1f\nnop\n.byte 0x66, 0x90\n.byte 0x0f, 0x1f, 0x44, 0x00, 0x00\n1:" },
  { asm: "call 1f\njmp 2f\n1: ret $0\n2:" },
];

describe("data movement, stack, flag and decimal instructions agree with the host CPU", () => {
  it(`${rows.length} forms x 12 inputs`, () => {
    expect(compareRows(rows, 12, 5).slice(0, 20)).toEqual([]);
  });
});
