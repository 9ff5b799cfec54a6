// Protected-mode exceptions: vectors, error codes, saved EIP (fault vs trap), #DF escalation
// and triple fault — all through the IDT of the scenario prelude, whose handlers log events.
import { describe, expect, it } from "vitest";
import { StopReason } from "../interface.ts";
import { scenario } from "./scenario.ts";

/** `movl $1f, resume` + a labelled faulting instruction: the handler resumes after it. */
function faulting(label: string, insn: string): string {
  return `  movl $${label}_after, resume\n${label}: ${insn}\n${label}_after:\n`;
}

describe("exceptions", () => {
  it("deliver the SDM's vector, error code and saved EIP for each fault and trap", () => {
    const s = scenario(`
  xorl %ecx, %ecx
${faulting("de", "divl %ecx")}
${faulting("ud", "ud2")}
${faulting("np", "movw $0x38, %ax\n movw %ax, %ds")}
${faulting("gplim", "movw $0x60, %ax\n movw %ax, %es")}
${faulting("bp", "int3")}
${faulting("of", "movl $0x7fffffff, %eax\n addl $1, %eax\n into")}
${faulting("ss", "movw $0x1b, %ax\n movw %ax, %ss")}
${faulting("idtlim", "int $0x40")}
${faulting("lock", ".byte 0xf0, 0x90")}
${faulting("far", "ljmp $0x10, $0")}
${faulting("cr", "movl %eax, %cr5")}
${faulting("lockreg", ".byte 0xf0, 0x01, 0xc3")}
${faulting("bound", "movl $5, %eax\n movl $0, result\n movl $3, result+4\n boundl %eax, result")}
  movw $0x48, %ax
  movw %ax, %fs
  movl %fs:0xfffc, %eax
${faulting("limit", "movl %fs:0xfffd, %eax")}
${faulting("limitstr", "movl $0xfffe, %esi\n lodsw %fs:(%esi), %ax\n lodsw %fs:(%esi), %ax")}
  movw $0x48, %ax
  movw %ax, %ss
${faulting("sslimit", "movb 0x10000(%esp), %al")}
  movw $0x10, %ax
  movw %ax, %ss
  movw $0, %ax
  movw %ax, %gs
${faulting("nullseg", "movl %gs:0x100, %eax")}
  movw $0x58, %ax
  movw %ax, %fs
  movl %fs:0x100, %eax
${faulting("rowrite", "movl %eax, %fs:0x100")}
${faulting("cswrite", "movl %eax, %cs:0x100")}
  movw $0x10, %ax
  movw %ax, %fs
${faulting("farlimit", "ljmp $0x40, $0x10000")}
  cli
  hlt
`);
    expect(s.reason).toBe(StopReason.Halted);
    const sym = (n: string): number => s.symbols.get(n)!;
    const got = s.log.map((e) => ({ vector: e.vector, errorCode: e.errorCode, eip: e.eip }));
    expect(got).toEqual([
      { vector: 0, errorCode: 0, eip: sym("de") },
      { vector: 6, errorCode: 0, eip: sym("ud") },
      { vector: 11, errorCode: 0x38, eip: sym("np") + 4 },
      { vector: 13, errorCode: 0x60, eip: sym("gplim") + 4 },
      { vector: 3, errorCode: 0, eip: sym("bp") + 1 }, // a trap: EIP after INT3
      { vector: 4, errorCode: 0, eip: sym("of") + 8 + 1 },
      { vector: 13, errorCode: 0x18, eip: sym("ss") + 4 },
      { vector: 13, errorCode: 0x40 * 8 + 2, eip: sym("idtlim") },
      { vector: 6, errorCode: 0, eip: sym("lock") },
      { vector: 13, errorCode: 0x10, eip: sym("far") },
      { vector: 6, errorCode: 0, eip: sym("cr") },
      { vector: 6, errorCode: 0, eip: sym("lockreg") },
      { vector: 5, errorCode: 0, eip: sym("bound") + 25 },
      { vector: 13, errorCode: 0, eip: sym("limit") },
      { vector: 13, errorCode: 0, eip: sym("limitstr") + 5 + 3 },
      { vector: 12, errorCode: 0, eip: sym("sslimit") },
      { vector: 13, errorCode: 0, eip: sym("nullseg") },
      { vector: 13, errorCode: 0, eip: sym("rowrite") },
      { vector: 13, errorCode: 0, eip: sym("cswrite") },
      { vector: 13, errorCode: 0, eip: sym("farlimit") },
    ]);
  });

  it("escalate a fault during delivery to #DF, and a fault during #DF to a triple fault", () => {
    const s = scenario(`
  andb $0x7f, idt+5+13*8
${faulting("df", "movw $0x60, %ax\n movw %ax, %ds")}
  andb $0x7f, idt+5+8*8
  movl $0x1234, result
tf: movw %ax, %ds
  hlt
`);
    expect(s.log.map((e) => [e.vector, e.errorCode, e.eip])).toEqual([[8, 0, s.symbols.get("df")! + 4]]);
    expect(s.reason).toBe(StopReason.TripleFault);
    expect(s.cpu.sleeping).toBe(true);
    expect(s.cpu.lastFault?.text).toMatch(/while delivering #DF/);
    expect(s.cpu.lastFault?.eip).toBe(s.symbols.get("tf"));
    // A CPU in shutdown stays there until reset.
    expect(s.cpu.run(100).reason).toBe(StopReason.TripleFault);
  });

  it("never throws into the host on random bytes: every run ends in a stop reason", () => {
    let seed = 12345;
    const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) | 0) >>> 0;
    const s = scenario(`junk: .fill 64, 1, 0x90\n  cli\n  hlt\n`, { run: false, ramBytes: 1 << 20 });
    const junk = s.symbols.get("junk")!;
    for (let k = 0; k < 600; k++) {
      s.reload();
      for (let i = 0; i < 64; i++) s.bus.write(junk + i, 1, next() & 0xff);
      expect(() => s.run(1000)).not.toThrow();
      expect(s.cpu.lastFault?.text ?? "").not.toMatch(/internal emulator error/);
    }
  });
});
