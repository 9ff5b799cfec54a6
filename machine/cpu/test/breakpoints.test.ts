// Execution breakpoints against the decoded-block cache: a breakpoint stops before its
// instruction however the code around it was cached — compiled, chained, looping inside one
// block, reached through another linear mapping of the same physical code, in real mode,
// set while halted or from inside a running block. Each case runs with blocks compiled at
// once, at the default threshold, and never compiled (the strict-CSP fallback).
import { describe, expect, it } from "vitest";
import { Bus } from "../../bus/bus.ts";
import { BreakpointTable } from "../breakpoints.ts";
import { Cpu } from "../cpu.ts";
import { StopReason } from "../interface.ts";
import { assembleAt, PAGING_SETUP, scenario, type Scenario } from "./scenario.ts";

const MODES: [string, number][] = [
  ["compiled at once", 1],
  ["default threshold", 40],
  ["interpreted", Infinity],
];

/** Run until something other than the budget stops the CPU. */
function runCpu(cpu: Cpu, budget = 2_000_000): StopReason {
  let left = budget;
  for (;;) {
    const r = cpu.run(left);
    left -= r.executed;
    if (r.reason !== StopReason.Budget || left <= 0) return r.reason;
  }
}

// One block that branches back to its own start (compiled, it iterates by itself), 1000 times.
const SELF_LOOP = `
  movl $0, %ecx
loop_top:
  incl %ecx
  movl %ecx, result
loop_mid:
  addl $2, result+4
  cmpl $1000, %ecx
  jne loop_top
  cli
  hlt
`;

function withThreshold(body: string, threshold: number): Scenario {
  const s = scenario(body, { run: false });
  s.cpu.compileThreshold = threshold;
  return s;
}

describe.each(MODES)("breakpoints (%s)", (_name, threshold) => {
  it("stops inside a hot loop when set after the loop has been cached, once per pass", () => {
    for (const label of ["loop_top", "loop_mid"]) {
      const s = withThreshold(SELF_LOOP, threshold);
      const bp = s.symbols.get(label)!;
      // Warm up: a few hundred passes decoded, counted and (by threshold) compiled, stopped mid-loop.
      expect(s.run(2500)).toBe(StopReason.Budget);
      const passes = s.result[0]!;
      expect(passes).toBeGreaterThan(200);
      s.cpu.setBreakpoint(bp);
      const counts: number[] = [];
      for (let k = 0; k < 3; k++) {
        expect(s.run(), `${label}, stop ${k}`).toBe(StopReason.Breakpoint);
        expect(s.cpu.getRegisters().eip).toBe(bp);
        const [count, sum] = s.result as [number, number];
        // At loop_mid the pass's ADD has not run; at loop_top the pass's INC has not.
        expect(sum, `${label}: the breakpoint's instruction has not run`).toBe(label === "loop_mid" ? 2 * (count - 1) : 2 * count);
        counts.push(count);
      }
      // The first stop comes in the pass under way or the next one, then one stop per pass.
      expect(counts[0]! - passes).toBeGreaterThanOrEqual(0);
      expect(counts[0]! - passes).toBeLessThanOrEqual(1);
      expect(counts).toEqual([counts[0]!, counts[0]! + 1, counts[0]! + 2]);
      s.cpu.clearBreakpoint(bp);
      expect(s.run()).toBe(StopReason.Halted);
      expect(s.result.slice(0, 2)).toEqual([1000, 2000]);
    }
  });

  it("keeps stopping when the budget ends right before the breakpoint", () => {
    const s = withThreshold(SELF_LOOP, threshold);
    const bp = s.symbols.get("loop_mid")!;
    s.run(700);
    s.cpu.setBreakpoint(bp);
    let stops = 0;
    let steps = 0;
    while (stops < 4 && steps++ < 100) {
      // Budgets of 1..5: every instruction, the breakpoint's included, sits at some quantum boundary.
      const r = s.cpu.run(1 + (steps % 5));
      if (r.reason === StopReason.Breakpoint) {
        stops++;
        expect(s.cpu.getRegisters().eip).toBe(bp);
        const [count, sum] = s.result as [number, number];
        expect(sum).toBe(2 * (count - 1));
      }
    }
    expect(stops).toBe(4);
  });

  it("ignores a breakpoint on another page and keeps one on the same page after a neighbour is cleared", () => {
    const s = withThreshold(SELF_LOOP, threshold);
    const mid = s.symbols.get("loop_mid")!;
    const top = s.symbols.get("loop_top")!;
    s.cpu.setBreakpoint(0x3ff000);
    s.cpu.setBreakpoint(top);
    s.cpu.setBreakpoint(mid);
    expect(s.run()).toBe(StopReason.Breakpoint);
    expect(s.cpu.getRegisters().eip).toBe(top);
    s.cpu.clearBreakpoint(top);
    expect(s.run()).toBe(StopReason.Breakpoint);
    expect(s.cpu.getRegisters().eip).toBe(mid);
    expect(s.run()).toBe(StopReason.Breakpoint);
    expect(s.cpu.getRegisters().eip, "the remaining breakpoint still stops every pass").toBe(mid);
    expect(s.result.slice(0, 2)).toEqual([2, 2]);
    s.cpu.clearBreakpoint(mid);
    expect(s.run()).toBe(StopReason.Halted);
    expect(s.result.slice(0, 2)).toEqual([1000, 2000]);
  });

  it("stops in code reached through a second linear mapping of the same physical page", () => {
    // aliased is cached and compiled through its identity mapping first; then the same bytes
    // run at 0x300000 + offset, where the breakpoint is, in the middle of that cached block.
    const s = withThreshold(
      `
${PAGING_SETUP}
  movl $aliased, %eax
  andl $0xfffff000, %eax
  orl $7, %eax
  movl %eax, 0x101000 + 0x300 * 4
  movl $aliased, %esi
  andl $0xfff, %esi
  orl $0x300000, %esi
  xorl %eax, %eax
  movl $200, %ecx
1:call aliased
  loop 1b
  movl %eax, result
  xorl %eax, %eax
  call *%esi
  movl %eax, result+4
  cli
  hlt
.balign 4096
aliased:
  incl %eax
  incl %eax
aliased_third:
  incl %eax
  incl %eax
  ret
`,
      threshold,
    );
    const third = s.symbols.get("aliased_third")!;
    const alias = 0x300000 + (third & 0xfff);
    s.cpu.setBreakpoint(alias);
    expect(s.run(), JSON.stringify(s.cpu.lastFault)).toBe(StopReason.Breakpoint);
    expect(s.cpu.getRegisters().eip).toBe(alias);
    expect(s.result[0], "200 calls through the identity mapping ran without stopping").toBe(800);
    expect(s.cpu.getRegisters().eax, "two of the four INCs ran through the alias").toBe(2);
    s.cpu.clearBreakpoint(alias);
    expect(s.run()).toBe(StopReason.Halted);
    expect(s.result[1]).toBe(4);
  });

  it("stops at a breakpoint set while the CPU is halted, before the first instruction after the wake-up", () => {
    const pending: number[] = [];
    const s = scenario(
      `
  sti
  movl $0, %ecx
1:incl %ecx
  cmpl $500, %ecx
  jne 1b
  hlt
woke:
  movl $1, result
  movl $2, result+4
  cli
  hlt
`,
      { interrupts: { hasPending: () => pending.length > 0, acknowledge: () => pending.shift()! }, run: false },
    );
    s.cpu.compileThreshold = threshold;
    expect(s.run()).toBe(StopReason.Halted);
    const woke = s.symbols.get("woke")!;
    s.cpu.setBreakpoint(woke);
    pending.push(0x22);
    s.cpu.wake();
    expect(s.run()).toBe(StopReason.Breakpoint);
    expect(s.cpu.getRegisters().eip).toBe(woke);
    expect(s.log.map((e) => e.vector), "the interrupt was taken first").toEqual([0x22]);
    expect(s.result[0]).toBe(0);
    s.cpu.clearBreakpoint(woke);
    expect(s.run()).toBe(StopReason.Halted);
    expect(s.result.slice(0, 2)).toEqual([1, 2]);
  });

  it("stops at a breakpoint set from a host callback while the CPU is inside a block", () => {
    // RDTSC starts a block that goes on; the 100th RDTSC sets a breakpoint two INCs further
    // on in that same (by then compiled and self-looping) block.
    const { bytes, symbols } = assembleAt(
      `
.globl _start
_start:
  xorl %ebx, %ebx
  xorl %esi, %esi
top:
  rdtsc
  incl %ebx
mark:
  incl %ebx
  incl %esi
  cmpl $300, %esi
  jne top
  hlt
`,
      0x1000,
    );
    const bus = new Bus(1 << 20);
    let reads = 0;
    const cpu: Cpu = new Cpu(0, bus, {
      readTsc: () => {
        if (++reads === 100) cpu.setBreakpoint(symbols.get("mark")!);
        return 0n;
      },
    });
    cpu.compileThreshold = threshold;
    bus.writeBytes(0x1000, bytes);
    cpu.enterFlatProtectedMode(0x1000, 8, 16);
    expect(runCpu(cpu)).toBe(StopReason.Breakpoint);
    const r = cpu.getRegisters();
    expect(r.eip).toBe(symbols.get("mark")!);
    expect([r.ebx, r.esi], "99 whole passes and the first INC of the 100th").toEqual([199, 99]);
  });

  it("stops in real mode at a linear address (CS * 16 + IP)", () => {
    const { bytes, symbols } = assembleAt(
      `
.code16
.globl _start
_start:
  xorw %cx, %cx
  xorw %dx, %dx
top:
  incw %cx
  movw %cx, %ax
mid:
  addw $3, %dx
  cmpw $400, %cx
  jne top
  hlt
`,
      0,
    );
    const bus = new Bus(1 << 20);
    const cpu = new Cpu(1, bus, { readTsc: () => 0n });
    cpu.compileThreshold = threshold;
    bus.writeBytes(0x8000, bytes);
    cpu.init();
    cpu.sipi(0x08);
    expect(cpu.run(600).reason).toBe(StopReason.Budget);
    const mid = 0x8000 + symbols.get("mid")!;
    cpu.setBreakpoint(mid);
    for (let k = 0; k < 3; k++) {
      expect(runCpu(cpu)).toBe(StopReason.Breakpoint);
      const r = cpu.getRegisters();
      expect([r.cs, r.eip]).toEqual([0x0800, mid - 0x8000]);
      expect(r.edx & 0xffff, "the ADD at the breakpoint has not run").toBe(3 * ((r.ecx & 0xffff) - 1));
    }
    cpu.clearBreakpoint(mid);
    expect(runCpu(cpu)).toBe(StopReason.Halted);
    expect(cpu.getRegisters().edx & 0xffff).toBe(1200);
  });
});

describe("breakpoint cost", () => {
  it("looks nothing up for a hot loop on a breakpoint's page once its blocks are compiled and proven free", () => {
    // Three blocks per pass (loop head up to the call, helper, loop tail), chained once
    // compiled; the breakpoint is on the same page but never executed.
    const s = scenario(
      `
  movl $0, %ecx
loop_top:
  incl %ecx
  call helper
  cmpl $5000, %ecx
  jne loop_top
  cli
  hlt
helper:
  addl $2, result
  ret
never:
  nop
`,
      { run: false },
    );
    const never = s.symbols.get("never")!;
    expect(never >>> 12, "the breakpoint shares the loop's page").toBe(s.symbols.get("loop_top")! >>> 12);
    s.cpu.setBreakpoint(never);
    const table = s.cpu.breakpoints;
    // Warm up: decoding and the interpreted passes before compilation do look.
    expect(s.run(5000)).toBe(StopReason.Budget);
    const warm = table.lookups;
    const passesBefore = s.result[0]! / 2;
    expect(s.run()).toBe(StopReason.Halted);
    const passes = s.result[0]! / 2 - passesBefore;
    expect(passes).toBeGreaterThan(3000);
    expect(table.lookups - warm, `lookups during ${passes} hot passes (${warm} while warming up)`).toBeLessThan(10);
  });
});

describe("BreakpointTable", () => {
  it("flags a page while any breakpoint is on it, and versions every change", () => {
    const t = new BreakpointTable();
    expect(t.pages[0x123]).toBe(0);
    const e0 = t.epoch;
    t.add(0x123456);
    t.add(0x123ffe);
    expect(t.pages[0x123]).toBe(1);
    expect(t.epoch).toBeGreaterThan(e0);
    const e1 = t.epoch;
    t.delete(0x123456);
    expect(t.epoch).toBeGreaterThan(e1);
    expect(t.pages[0x123], "another breakpoint is still on the page").toBe(1);
    t.delete(0x123ffe);
    expect(t.pages[0x123]).toBe(0);
    const e2 = t.epoch;
    t.delete(0x123ffe);
    expect(t.epoch, "removing an absent breakpoint changes nothing").toBe(e2);
  });

  it("finds breakpoints in a byte range, with unsigned addresses", () => {
    const t = new BreakpointTable();
    t.add(0xfffffff0);
    t.add(0x1000);
    expect(t.within(0x0ff0, 0x10)).toBe(false);
    expect(t.within(0x0ff0, 0x11)).toBe(true);
    expect(t.within(0x1001, 0x100)).toBe(false);
    expect(t.within(0xffffffe0 | 0, 0x11)).toBe(true);
    expect(t.within(0xffffffe0 | 0, 0x10)).toBe(false);
    expect(t.has(0xfffffff0 | 0)).toBe(true);
  });

  it("does not allocate page flags for a CPU that never had a breakpoint", () => {
    const a = new BreakpointTable();
    const b = new BreakpointTable();
    expect(a.pages).toBe(b.pages);
    b.add(0x5000);
    expect(a.pages).not.toBe(b.pages);
    expect(a.pages[5]).toBe(0);
  });
});
