// The decoded-instruction cache must never run stale code: self-modifying code (also inside
// a compiled, looping block), DMA/firmware writes through the bus, and another CPU's stores.
import { describe, expect, it } from "vitest";
import { Bus } from "../../bus/bus.ts";
import { Cpu } from "../cpu.ts";
import { StopReason } from "../interface.ts";
import { assembleAt } from "./scenario.ts";

function runToHalt(cpu: Cpu, budget = 1_000_000): StopReason {
  let left = budget;
  for (;;) {
    const r = cpu.run(left);
    left -= r.executed;
    if (r.reason !== StopReason.Budget || left <= 0) return r.reason;
  }
}

describe("decoded-instruction cache", () => {
  it("sees a store into the next instruction of the same block, in interpreted and compiled runs", () => {
    // patch: the loop rewrites the imm32 of `addl $imm32, %ebx` that follows in the same block
    const { bytes, symbols } = assembleAt(`
.globl _start
_start:
  xorl %ebx, %ebx
  movl $1, %ecx
loop:
  movl %ecx, patch+2
patch:
  .byte 0x81, 0xc3
  .long 0x7f
  incl %ecx
  cmpl $200, %ecx
  jne loop
  hlt
`, 0x1000);
    void symbols;
    const bus = new Bus(1 << 20);
    const cpu = new Cpu(0, bus, { readTsc: () => 0n });
    bus.writeBytes(0x1000, bytes);
    cpu.enterFlatProtectedMode(0x1000, 8, 16);
    expect(runToHalt(cpu)).toBe(StopReason.Halted);
    // sum of 1..199: each ADD used the value stored just before it
    expect(cpu.getRegisters().ebx).toBe((199 * 200) / 2);
  });

  it("drops blocks when the bus writes code (DMA, firmware, debugger)", () => {
    const bus = new Bus(1 << 20);
    const cpu = new Cpu(0, bus, { readTsc: () => 0n });
    // mov $1, %eax; hlt
    bus.writeBytes(0x2000, new Uint8Array([0xb8, 1, 0, 0, 0, 0xf4]));
    for (let round = 0; round < 60; round++) {
      cpu.enterFlatProtectedMode(0x2000, 8, 16);
      runToHalt(cpu);
      expect(cpu.getRegisters().eax).toBe(1);
    }
    bus.writeBytes(0x2001, new Uint8Array([2]));
    cpu.enterFlatProtectedMode(0x2000, 8, 16);
    runToHalt(cpu);
    expect(cpu.getRegisters().eax, "after a bus write into the cached block").toBe(2);
    expect(cpu.debugWrite(0x2001, new Uint8Array([3]))).toBe(true);
    cpu.enterFlatProtectedMode(0x2000, 8, 16);
    runToHalt(cpu);
    expect(cpu.getRegisters().eax, "after a debugger write").toBe(3);
  });

  it("drops another CPU's blocks when one CPU stores into code it has cached", () => {
    const bus = new Bus(1 << 20);
    const a = new Cpu(0, bus, { readTsc: () => 0n });
    const b = new Cpu(1, bus, { readTsc: () => 0n });
    // CPU A runs: mov $1, %eax; hlt   — CPU B runs: movb $5, 0x3001; hlt
    bus.writeBytes(0x3000, new Uint8Array([0xb8, 1, 0, 0, 0, 0xf4]));
    bus.writeBytes(0x4000, new Uint8Array([0xc6, 0x05, 0x01, 0x30, 0, 0, 5, 0xf4]));
    for (let i = 0; i < 50; i++) {
      a.enterFlatProtectedMode(0x3000, 8, 16);
      runToHalt(a);
    }
    expect(a.getRegisters().eax).toBe(1);
    b.enterFlatProtectedMode(0x4000, 8, 16);
    runToHalt(b);
    a.enterFlatProtectedMode(0x3000, 8, 16);
    runToHalt(a);
    expect(a.getRegisters().eax, "CPU A after CPU B patched its code").toBe(5);
  });
});
