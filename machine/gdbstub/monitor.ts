// Monitor commands reached through gdb's `monitor ...` (the qRcmd packet). The words follow
// QEMU's human monitor so muscle memory carries over: `info registers`, `info cpus`,
// `info lapic`, `info tlb`. Each applies to the CPU gdb has selected, as in QEMU.

import type { GdbTarget } from "./target.ts";

const HELP = [
  "info registers -- registers of the selected CPU (info registers -a: every CPU)",
  "info cpus      -- every CPU, its eip and whether it is halted",
  "info lapic     -- local APIC registers of the selected CPU",
  "info tlb       -- valid TLB entries of the selected CPU",
  "help           -- this list",
];

const h8 = (v: number): string => (v >>> 0).toString(16).padStart(8, "0");
const h4 = (v: number): string => (v & 0xffff).toString(16).padStart(4, "0");

/** Run one monitor command for the selected CPU; returns the text to show (lines end in \n). */
export function runMonitorCommand(target: GdbTarget, selectedCpu: number, command: string): string {
  const words = command.trim().split(/\s+/).filter((w) => w !== "");
  const line = words.join(" ");
  switch (line) {
    case "help":
    case "?":
      return HELP.join("\n") + "\n";
    case "info registers":
      return registersText(target, selectedCpu);
    case "info registers -a": {
      let out = "";
      for (let cpu = 0; cpu < target.cpuCount; cpu++) out += `\nCPU#${cpu}\n` + registersText(target, cpu);
      return out;
    }
    case "info cpus":
      return cpusText(target, selectedCpu);
    case "info lapic":
      return lapicText(target, selectedCpu);
    case "info tlb":
      return tlbText(target, selectedCpu);
    default:
      return `unknown command: '${line}' (try 'monitor help')\n`;
  }
}

function registersText(target: GdbTarget, cpu: number): string {
  const r = target.readRegisters(cpu);
  const halted = target.isHalted(cpu) ? 1 : 0;
  return (
    `EAX=${h8(r.eax)} EBX=${h8(r.ebx)} ECX=${h8(r.ecx)} EDX=${h8(r.edx)}\n` +
    `ESI=${h8(r.esi)} EDI=${h8(r.edi)} EBP=${h8(r.ebp)} ESP=${h8(r.esp)}\n` +
    `EIP=${h8(r.eip)} EFL=${h8(r.eflags)} CPL=${r.cs & 3} HLT=${halted}\n` +
    `ES =${h4(r.es)} CS =${h4(r.cs)} SS =${h4(r.ss)} DS =${h4(r.ds)} FS =${h4(r.fs)} GS =${h4(r.gs)}\n` +
    `CR0=${h8(r.cr0)} CR2=${h8(r.cr2)} CR3=${h8(r.cr3)} CR4=${h8(r.cr4)}\n`
  );
}

function cpusText(target: GdbTarget, selectedCpu: number): string {
  let out = "";
  for (let cpu = 0; cpu < target.cpuCount; cpu++) {
    const mark = cpu === selectedCpu ? "*" : " ";
    const state = target.isHalted(cpu) ? " (halted)" : "";
    out += `${mark} CPU #${cpu}: pc=0x${h8(target.readRegisters(cpu).eip)}${state}\n`;
  }
  return out;
}

function lapicText(target: GdbTarget, cpu: number): string {
  const regs = target.lapicRegisters?.(cpu);
  if (regs === undefined) return `CPU#${cpu} has no local APIC\n`;
  let out = `local APIC state for CPU ${cpu}\n`;
  for (const { name, value } of regs) out += `${name.padEnd(8)} 0x${h8(value)}\n`;
  return out;
}

function tlbText(target: GdbTarget, cpu: number): string {
  const entries = target.tlbEntries?.(cpu);
  if (entries === undefined) return `CPU#${cpu} has no TLB view\n`;
  if (entries.length === 0) return `CPU#${cpu}: TLB empty\n`;
  const sorted = [...entries].sort((a, b) => (a.linear >>> 0) - (b.linear >>> 0));
  let out = "";
  for (const e of sorted) {
    const flags = `${e.global ? "G" : "-"}${e.user ? "U" : "-"}${e.writable ? "W" : "-"}`;
    out += `${h8(e.linear)}: ${h8(e.physical)} ${flags}\n`;
  }
  return out;
}
