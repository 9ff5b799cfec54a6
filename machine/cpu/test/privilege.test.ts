// Rings 0 and 3: IRET to an outer ring, INT through a DPL-3 gate with the TSS stack switch,
// privileged instructions and supervisor pages faulting in ring 3.
import { describe, expect, it } from "vitest";
import { StopReason } from "../interface.ts";
import { PAGING_SETUP, scenario } from "./scenario.ts";

const faulting = (label: string, insn: string): string => `  movl $${label}_after, resume\n${label}: ${insn}\n${label}_after:\n`;

describe("privilege levels", () => {
  const s = scenario(`
${PAGING_SETUP}
  movl $0x300003, 0x101000 + 0x300*4
  invlpg 0x300000
  pushl $0x23
  pushl $0x40000
  pushfl
  pushl $0x1b
  pushl $user
  iret
user:
  movw $0x23, %ax
  movw %ax, %ds
  movw %ax, %es
  movl %esp, result
sys: int $0x30
${faulting("uhlt", "hlt")}
${faulting("ucli", "cli")}
${faulting("uin", "inb $0x80, %al")}
${faulting("ucr", "movl %cr0, %eax")}
${faulting("upf", "movl 0x300000, %eax")}
${faulting("upfw", "movl %eax, 0x300000")}
${faulting("uint", "int $0x20")}
  xorl %eax, %eax
  movw %cs, %ax
  movl %eax, result+4
  pushl $0x1234
  lcall $0x53, $0
  movl %esp, result+12
  movl %ss, %eax
  movl %eax, result+8
  int $0x31
`);

  it("reaches the ring-3 exit gate", () => {
    expect(s.reason).toBe(StopReason.Halted);
    expect(s.result[0]!.toString(16), "user ESP after IRET to ring 3").toBe("40000");
    expect(s.result[1], "CS in ring 3").toBe(0x1b);
    expect(s.result[2], "SS in ring 3").toBe(0x23);
  });

  it("switches to the TSS ring-0 stack and pushes the user SS:ESP on INT from ring 3", () => {
    const e = s.log[0]!;
    expect(e.vector).toBe(0x30);
    expect(e.eip).toBe(s.symbols.get("sys")! + 2);
    expect(e.cs).toBe(0x1b);
    expect(e.frameEsp.toString(16)).toBe("40000");
    expect(e.frameSs).toBe(0x23);
    // ESP0 = 0x9000, minus SS ESP EFLAGS CS EIP, the stub's error code and vector, EAX and EBX
    expect(e.handlerEsp.toString(16)).toBe((0x9000 - 9 * 4).toString(16));
  });

  it("calls ring 0 through a call gate, copying the parameter and returning with RET far imm", () => {
    const r = s.result;
    expect(r[12]!.toString(16), "ring-0 ESP: ESP0 minus SS, ESP, 1 parameter, CS, EIP").toBe((0x9000 - 20).toString(16));
    expect(r[13]!.toString(16), "parameter copied to the inner stack").toBe("1234");
    expect(r[14]!.toString(16), "caller ESP saved on the inner stack").toBe((0x40000 - 4).toString(16));
    expect(r[15], "CS in the gate's target").toBe(0x08);
    expect(r[3]!.toString(16), "ring-3 ESP after RET far $4 released the parameter").toBe("40000");
  });

  it("raises #GP(0) for privileged instructions and #PF with U/S for supervisor pages", () => {
    const sym = (n: string): number => s.symbols.get(n)!;
    expect(s.log.slice(1).map((e) => ({ v: e.vector, err: e.errorCode, eip: e.eip, cs: e.cs }))).toEqual([
      { v: 13, err: 0, eip: sym("uhlt"), cs: 0x1b },
      { v: 13, err: 0, eip: sym("ucli"), cs: 0x1b },
      { v: 13, err: 0, eip: sym("uin"), cs: 0x1b },
      { v: 13, err: 0, eip: sym("ucr"), cs: 0x1b },
      { v: 14, err: 5, eip: sym("upf"), cs: 0x1b },
      { v: 14, err: 7, eip: sym("upfw"), cs: 0x1b },
      { v: 13, err: 0x20 * 8 + 2, eip: sym("uint"), cs: 0x1b },
    ]);
  });
});
