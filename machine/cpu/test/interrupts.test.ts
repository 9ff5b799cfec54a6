// External interrupts through an InterruptSource, the STI shadow, HLT wake-up, and NMI.
import { describe, expect, it } from "vitest";
import { StopReason } from "../interface.ts";
import { scenario } from "./scenario.ts";

function source(): { pending: number[]; src: { hasPending(): boolean; acknowledge(): number } } {
  const pending: number[] = [];
  return { pending, src: { hasPending: () => pending.length > 0, acknowledge: () => pending.shift()! } };
}

describe("interrupts", () => {
  it("delivers a pending interrupt only after the instruction following STI", () => {
    const { pending, src } = source();
    pending.push(0x21);
    const s = scenario(`
  sti
shadowed: movl $5, %eax
after: nop
  cli
  hlt
`, { interrupts: src });
    expect(s.reason).toBe(StopReason.Halted);
    expect(s.log.map((e) => [e.vector, e.eip])).toEqual([[0x21, s.symbols.get("after")!]]);
  });

  it("halts with IF=1 until an interrupt arrives, then resumes after HLT", () => {
    const { pending, src } = source();
    const s = scenario(`
  sti
  hlt
woke:
  movl $1, result
  cli
  hlt
`, { interrupts: src });
    expect(s.reason).toBe(StopReason.Halted);
    expect(s.cpu.sleeping).toBe(true);
    expect(s.log).toEqual([]);
    pending.push(0x22);
    s.cpu.wake();
    s.run();
    expect(s.log.map((e) => [e.vector, e.eip])).toEqual([[0x22, s.symbols.get("woke")!]]);
    expect(s.result[0]).toBe(1);
    expect(s.reason).toBe(StopReason.Halted);
  });

  it("keeps maskable interrupts pending while IF=0 but delivers NMI, once per latch", () => {
    const { pending, src } = source();
    pending.push(0x23);
    const s = scenario(`
  cli
  movl $1, %eax
  movl $2, %eax
1: hlt
  jmp 1b
`, { interrupts: src, run: false });
    const main = s.symbols.get("test_main")!;
    s.cpu.setBreakpoint(main);
    expect(s.run()).toBe(StopReason.Breakpoint);
    s.cpu.clearBreakpoint(main);
    s.cpu.nmi();
    s.cpu.nmi();
    s.run();
    expect(s.log.map((e) => [e.vector, e.eip])).toEqual([[2, main]]);
    expect(pending).toEqual([0x23]);
    // HLT with IF=0 is left by an NMI too.
    s.cpu.nmi();
    s.run();
    expect(s.log.map((e) => e.vector)).toEqual([2, 2]);
  });
});
