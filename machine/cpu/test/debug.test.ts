// Debugger hooks: breakpoints, watchpoints, single-stepping, instruction counting.
import { describe, expect, it } from "vitest";
import { StopReason } from "../interface.ts";
import { scenario } from "./scenario.ts";

const LOOP = `
  movl $0, %ecx
loop_top:
  incl %ecx
  movl %ecx, result
bp_here:
  addl $2, result+4
  cmpl $100, %ecx
  jne loop_top
  cli
  hlt
`;

describe("debug hooks", () => {
  it("stops at a breakpoint before executing it, and continues past it", () => {
    const s = scenario(LOOP, { run: false });
    const bp = s.symbols.get("bp_here")!;
    s.cpu.setBreakpoint(bp);
    expect(s.run()).toBe(StopReason.Breakpoint);
    expect(s.cpu.getRegisters().eip).toBe(bp);
    expect(s.result[0]).toBe(1);
    expect(s.result[1]).toBe(0);
    expect(s.run()).toBe(StopReason.Breakpoint);
    expect(s.result[0]).toBe(2);
    expect(s.result[1]).toBe(2);
    s.cpu.clearBreakpoint(bp);
    expect(s.run()).toBe(StopReason.Halted);
    expect(s.result[1]).toBe(200);
  });

  it("stops at a breakpoint reached exactly where an earlier run() ran out of budget", () => {
    const s = scenario(LOOP, { run: false });
    const bp = s.symbols.get("bp_here")!;
    s.cpu.setBreakpoint(bp);
    // Budgets of one instruction put a run() boundary in front of every instruction,
    // the breakpoint's included: it must still stop there, once per pass.
    let stops = 0;
    for (let i = 0; i < 5000 && stops < 3; i++) {
      const r = s.cpu.run(1);
      if (r.reason === StopReason.Breakpoint) {
        stops++;
        expect(r.executed).toBe(0);
        expect(s.cpu.getRegisters().eip).toBe(bp);
        expect(s.result[1], "the breakpoint's instruction has not run yet").toBe(2 * (stops - 1));
      }
    }
    expect(stops).toBe(3);
  });

  it("single-steps one instruction per run(1)", () => {
    const s = scenario(LOOP, { run: false });
    const top = s.symbols.get("loop_top")!;
    s.cpu.setBreakpoint(top);
    s.run();
    s.cpu.clearBreakpoint(top);
    s.cpu.singleStep = true;
    const eips: number[] = [];
    for (let i = 0; i < 4; i++) {
      expect(s.cpu.run(1)).toEqual({ executed: 1, reason: StopReason.Step });
      eips.push(s.cpu.getRegisters().eip);
    }
    expect(eips).toEqual([top + 1, top + 7, top + 14, top + 17]); // inc, mov, add, cmp
  });

  it("reports a write watchpoint after the access, with its address", () => {
    const s = scenario(LOOP, { run: false });
    const result = s.symbols.get("result")!;
    s.cpu.setWatchpoint(result + 4, 4, "write");
    expect(s.run()).toBe(StopReason.Watchpoint);
    expect(s.cpu.lastWatch).toEqual({ linear: result + 4, kind: "write" });
    expect(s.result[1], "the watched write completed").toBe(2);
    expect(s.cpu.getRegisters().eip).toBe(s.symbols.get("bp_here")! + 7);
    s.cpu.clearWatchpoint(result + 4, 4, "write");
    expect(s.run()).toBe(StopReason.Halted);
  });

  it("counts retired instructions exactly", () => {
    const s = scenario(LOOP, { run: false });
    const before = s.cpu.instructionCount;
    s.run();
    // prelude up to test_main is fixed; the loop body is 5 instructions x 100, plus setup and the end
    const loopPart = s.cpu.instructionCount - before;
    const again = scenario(LOOP.replace("$100", "$200"), { run: false });
    const b2 = again.cpu.instructionCount;
    again.run();
    expect(again.cpu.instructionCount - b2 - loopPart).toBe(500);
  });

  it("honours requestStop between instructions", () => {
    const s = scenario(LOOP, { run: false });
    s.cpu.requestStop();
    const r = s.cpu.run(1_000_000);
    expect(r.reason).toBe(StopReason.Requested);
    expect(r.executed).toBeLessThan(100);
  });
});
