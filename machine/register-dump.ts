// CPU state as text, in the layout of QEMU's `info registers` (the parts our CPU contract
// exposes), for the monitor and for triple-fault reports.

import type { CpuCore } from "./cpu/interface.ts";

const h8 = (v: number) => (v >>> 0).toString(16).padStart(8, "0");
const h4 = (v: number) => (v & 0xffff).toString(16).padStart(4, "0");

function flagString(efl: number): string {
  const bits: [number, string][] = [[11, "O"], [10, "D"], [9, "I"], [7, "S"], [6, "Z"], [4, "A"], [2, "P"], [0, "C"]];
  return bits.map(([b, c]) => ((efl >> b) & 1 ? c : "-")).join("");
}

export function dumpRegisters(cpu: CpuCore): string {
  const r = cpu.getRegisters();
  const cpl = (r.cr0 & 1) !== 0 ? r.cs & 3 : 0;
  return [
    `CPU#${cpu.id}`,
    `EAX=${h8(r.eax)} EBX=${h8(r.ebx)} ECX=${h8(r.ecx)} EDX=${h8(r.edx)}`,
    `ESI=${h8(r.esi)} EDI=${h8(r.edi)} EBP=${h8(r.ebp)} ESP=${h8(r.esp)}`,
    `EIP=${h8(r.eip)} EFL=${h8(r.eflags)} [${flagString(r.eflags)}] CPL=${cpl} HLT=${cpu.sleeping ? 1 : 0}`,
    `ES =${h4(r.es)} CS =${h4(r.cs)} SS =${h4(r.ss)} DS =${h4(r.ds)} FS =${h4(r.fs)} GS =${h4(r.gs)}`,
    `CR0=${h8(r.cr0)} CR2=${h8(r.cr2)} CR3=${h8(r.cr3)} CR4=${h8(r.cr4)}`,
    `instructions=${cpu.instructionCount}`,
  ].join("\n");
}
