// Real mode and mode switches: an AP woken by SIPI runs a real-mode trampoline at
// vector << 12 (16-bit code, 32-bit operand prefixes, IVT interrupts, far calls), switches
// to protected mode, back through a 16-bit protected-mode segment to real mode.
import { describe, expect, it } from "vitest";
import { Bus } from "../../bus/bus.ts";
import { Cpu } from "../cpu.ts";
import { StopReason } from "../interface.ts";
import { assembleAt } from "./scenario.ts";

const TRAMPOLINE = `
.code16
.globl _start
_start:
  cli
  movw %cs, %ax
  movw %ax, %ds
  xorw %bx, %bx
  movw %bx, %ss
  movw $0x7000, %sp
  movw $0x1234, %ax
  movw $4, %si
  movw %ax, data(%si)
  movl $0x12345678, %ecx
  addl %ecx, %ecx
  movl %ecx, result
  xorw %ax, %ax
  movw %ax, %es
  movw $handler, %es:0x100
  movw %cs, %es:0x102
  int $0x40
  lcall $0x0800, $farfn
  pushw $0x77
  popw %dx
  movw %dx, result+16
  leaw 3(%bx,%si), %di
  movw %di, result+18
  lgdtl gdtdesc
  movl %cr0, %eax
  orl $1, %eax
  movl %eax, %cr0
  ljmpl $0x08, $(pm32 + 0x8000)
handler:
  movw $0x4242, result+4
  iret
farfn:
  movw $0x4343, result+6
  lret
.code32
pm32:
  movw $0x10, %ax
  movw %ax, %ds
  movw %ax, %ss
  movl $0x7000, %esp
  movl $0xabcdef01, result+8+0x8000
  ljmp $0x18, $pm16
.code16
pm16:
  movw $0x20, %ax
  movw %ax, %ds
  movl %cr0, %eax
  andl $0xfffffffe, %eax
  movl %eax, %cr0
  ljmp $0x0800, $real_again
real_again:
  movw %cs, %ax
  movw %ax, %ds
  movw $0x5555, result+12
  hlt
.align 8
gdt:
  .quad 0
  .quad 0x00cf9a000000ffff
  .quad 0x00cf92000000ffff
  .quad 0x00009a008000ffff
  .quad 0x000092000000ffff
gdtdesc:
  .word 5*8 - 1
  .long gdt + 0x8000
.globl result, data
result: .fill 8, 4, 0
data: .fill 8, 1, 0
`;

describe("real mode, INIT/SIPI and mode switches", () => {
  it("waits for SIPI after INIT, then runs a trampoline through real and protected mode", () => {
    const bus = new Bus(1 << 20);
    const cpu = new Cpu(1, bus, { readTsc: () => 0n });
    const { bytes, symbols } = assembleAt(TRAMPOLINE, 0);
    bus.writeBytes(0x8000, bytes);
    cpu.init();
    expect(cpu.sleeping).toBe(true);
    expect(cpu.run(1000)).toEqual({ executed: 0, reason: StopReason.WaitForSipi });
    cpu.sipi(0x08);
    expect(cpu.sleeping).toBe(false);
    expect(cpu.getRegisters()).toMatchObject({ cs: 0x0800, eip: 0 });
    const r = cpu.run(10_000);
    expect(r.reason, JSON.stringify(cpu.lastFault)).toBe(StopReason.Halted);
    const result = 0x8000 + symbols.get("result")!;
    expect(bus.read(result, 4).toString(16), "32-bit ADD in real mode").toBe("2468acf0");
    expect(bus.read(0x8000 + symbols.get("data")! + 4, 2).toString(16), "16-bit [si+disp] store").toBe("1234");
    expect(bus.read(result + 4, 2).toString(16), "INT through the IVT").toBe("4242");
    expect(bus.read(result + 6, 2).toString(16), "far call/ret").toBe("4343");
    expect(bus.read(result + 8, 4).toString(16), "store from 32-bit protected mode").toBe("abcdef01");
    expect(bus.read(result + 12, 2).toString(16), "store after returning to real mode").toBe("5555");
    expect(bus.read(result + 16, 2), "PUSH imm / POP in real mode").toBe(0x77);
    expect(bus.read(result + 18, 2), "LEA with 16-bit addressing").toBe(7);
    const regs = cpu.getRegisters();
    expect(regs.cr0 & 1, "CR0.PE after the switch back").toBe(0);
    expect(regs.cs).toBe(0x0800);
  });

  it("starts at F000:FFF0 with the reset-time EDX signature after power-on reset", () => {
    const cpu = new Cpu(0, new Bus(1 << 20), { readTsc: () => 0n });
    cpu.reset();
    expect(cpu.getRegisters()).toMatchObject({ cs: 0xf000, eip: 0xfff0, edx: 0x633, eflags: 2, cr0: 0x60000010 });
    expect(cpu.segBase[1]! >>> 0).toBe(0xffff0000);
  });
});
