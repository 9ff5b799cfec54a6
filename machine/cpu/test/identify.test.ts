// CPUID, RDTSC, RDMSR/WRMSR (TSC and IA32_APIC_BASE through the host), TF single-step traps.
import { describe, expect, it } from "vitest";
import { Bus } from "../../bus/bus.ts";
import { Cpu } from "../cpu.ts";
import { StopReason } from "../interface.ts";
import { scenario } from "./scenario.ts";

describe("identification, time stamp and MSRs", () => {
  it("CPUID reports GenuineIntel, family 6, the APIC ID, and no FPU or SSE", () => {
    const s = scenario(`
  xorl %eax, %eax
  cpuid
  movl %eax, result
  movl %ebx, result+4
  movl %edx, result+8
  movl %ecx, result+12
  movl $1, %eax
  cpuid
  movl %eax, result+16
  movl %ebx, result+20
  movl %edx, result+24
  movl %ecx, result+28
  cli
  hlt
`);
    const r = s.result;
    const vendor = Buffer.from(new Uint32Array([r[1]!, r[2]!, r[3]!]).buffer).toString("latin1");
    expect(vendor).toBe("GenuineIntel");
    expect(r[0], "highest basic leaf").toBeGreaterThanOrEqual(1);
    expect((r[4]! >> 8) & 0xf, "family").toBe(6);
    expect(r[5]! >>> 24, "initial APIC ID of CPU 0").toBe(0);
    const edx = r[6]!;
    const bits = { fpu: 0, de: 2, pse: 3, tsc: 4, msr: 5, cx8: 8, apic: 9, pge: 13, cmov: 15, sse: 25, sse2: 26 };
    const has = (b: number): boolean => ((edx >>> b) & 1) === 1;
    expect({ fpu: has(bits.fpu), sse: has(bits.sse), sse2: has(bits.sse2) }).toEqual({ fpu: false, sse: false, sse2: false });
    for (const f of ["de", "pse", "tsc", "msr", "cx8", "apic", "pge", "cmov"] as const) expect(has(bits[f]), f).toBe(true);
  });

  it("RDTSC reads the host's clock; WRMSR 0x10 moves it; IA32_APIC_BASE goes to the host", () => {
    const bus = new Bus(1 << 20);
    const msrs: string[] = [];
    const tsc = 1000n;
    const cpu = new Cpu(2, bus, {
      readTsc: () => tsc,
      readMsr: (id, msr) => (msr === 0x1b ? 0xfee00900n | BigInt(id) : undefined),
      writeMsr: (id, msr, v) => (msrs.push(`${id}:${msr.toString(16)}=${v.toString(16)}`), msr === 0x1b),
    });
    // rdtsc; mov %eax,0x100; mov %edx,0x104; mov $0x10,%ecx; xor %edx,%edx; mov $5000,%eax; wrmsr;
    // rdtsc; mov %eax,0x108; mov $0x1b,%ecx; rdmsr; mov %eax,0x10c; wrmsr; mov $0x99,%ecx; rdmsr; hlt
    const code = [
      0x0f, 0x31, 0xa3, 0x00, 0x01, 0x00, 0x00, 0x89, 0x15, 0x04, 0x01, 0x00, 0x00, 0xb9, 0x10, 0x00, 0x00, 0x00,
      0x31, 0xd2, 0xb8, 0x88, 0x13, 0x00, 0x00, 0x0f, 0x30, 0x0f, 0x31, 0xa3, 0x08, 0x01, 0x00, 0x00, 0xb9, 0x1b,
      0x00, 0x00, 0x00, 0x0f, 0x32, 0xa3, 0x0c, 0x01, 0x00, 0x00, 0x0f, 0x30, 0xb9, 0x99, 0x00, 0x00, 0x00, 0x0f,
      0x32, 0xf4,
    ];
    bus.writeBytes(0x1000, new Uint8Array(code));
    cpu.enterFlatProtectedMode(0x1000, 8, 16);
    const r1 = cpu.run(12);
    expect(r1.executed).toBe(12);
    expect(bus.read(0x100, 4)).toBe(1000);
    expect(bus.read(0x104, 4)).toBe(0);
    expect(bus.read(0x108, 4), "RDTSC right after WRMSR(TSC, 5000)").toBe(5000);
    expect(bus.read(0x10c, 4).toString(16), "IA32_APIC_BASE from the host").toBe("fee00902");
    // WRMSR of IA32_APIC_BASE goes to the host; RDMSR of an MSR nobody implements raises
    // #GP(0), which with no IDT escalates to a triple fault.
    expect(cpu.run(10).reason).toBe(StopReason.TripleFault);
    expect(msrs).toEqual(["2:1b=fee00902"]);
    expect(cpu.getRegisters().eip).toBe(0x1000 + code.length - 3);
  });

  it("keeps instructionCount exact for RDTSC and port I/O in the middle of a run", () => {
    const s = scenario(`
  rdtsc
  movl %eax, %ebx
  nop
  addl $1, %ecx
  rdtsc
  subl %ebx, %eax
  movl %eax, result
  cli
  hlt
`);
    // the scenario's TSC is the instruction count: RDTSC, MOV, NOP, ADD retired in between
    expect(s.result[0]).toBe(4);
  });

  it("raises #DB after each instruction while EFLAGS.TF is set", () => {
    const s = scenario(`
  pushfl
  orl $0x100, (%esp)
  popfl
t1: nop
t2: nop
t3: pushfl
  andl $0xfffffeff, (%esp)
  popfl
t4: nop
  cli
  hlt
`);
    const sym = (n: string): number => s.symbols.get(n)!;
    // The trap after POPF that set TF comes after the next instruction (TF is sampled at the start).
    expect(s.log.map((e) => [e.vector, e.eip])).toEqual([
      [1, sym("t2")],
      [1, sym("t3")],
      [1, sym("t3") + 1],
      [1, sym("t3") + 1 + 7],
      [1, sym("t4")],
    ]);
  });
});
