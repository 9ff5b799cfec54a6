// The monitor (Ctrl-A c): QEMU's most used `info` commands over a running machine.

import type { CpuCore } from "../../machine/cpu/interface.ts";
import type { Machine } from "../../machine/machine.ts";
import { dumpRegisters } from "../../machine/register-dump.ts";

export interface MonitorState {
  selectedCpu: number;
}

export type MonitorResult = { output: string; quit?: boolean };

const hex8 = (v: number) => (v >>> 0).toString(16).padStart(8, "0");

export function runMonitorLine(machine: Machine, state: MonitorState, line: string): MonitorResult {
  const words = line.trim().split(/\s+/).filter((w) => w.length > 0);
  if (words.length === 0) return { output: "" };
  const [cmd, sub, arg] = words;
  const cpu = machine.cpus[state.selectedCpu]!;
  switch (cmd) {
    case "q": case "quit":
      return { output: "", quit: true };
    case "help": case "h": case "?":
      return { output: "info registers [-a] | info cpus | info lapic | info ioapic | info pic | info tlb | x /Nfs ADDR | xp /Nfs ADDR | cpu N | stop | cont | system_reset | quit\n" };
    case "stop":
      machine.pause();
      return { output: "" };
    case "c": case "cont":
      machine.resume();
      return { output: "" };
    case "system_reset":
      machine.reset();
      return { output: "" };
    case "x":
    case "xp":
      return { output: examine(machine, cpu, cmd === "xp", words.slice(1)) };
    case "cpu": {
      const n = Number(sub);
      if (!Number.isInteger(n) || n < 0 || n >= machine.cpus.length) return { output: `cpu ${sub ?? ""}: no such CPU (0..${machine.cpus.length - 1})\n` };
      state.selectedCpu = n;
      return { output: "" };
    }
    case "info":
      break;
    default:
      return { output: `unknown command: '${cmd}' (try help)\n` };
  }
  switch (sub) {
    case "registers":
    case "r":
      if (arg === "-a") return { output: machine.cpus.map((c) => dumpRegisters(c)).join("\n\n") + "\n" };
      return { output: dumpRegisters(cpu) + "\n" };
    case "cpus": {
      const stats = machine.stats();
      return {
        output: stats.cpus.map((c) => `${c.id === state.selectedCpu ? "*" : " "} CPU #${c.id}: EIP=0x${hex8(c.eip)} (${c.state}) instructions=${c.instructions} interrupts=${c.interrupts}`).join("\n") + "\n",
      };
    }
    case "lapic":
      return { output: machine.board.lapics[state.selectedCpu]!.describe().join("\n") + "\n" };
    case "ioapic":
      return { output: machine.board.ioapic.describe().join("\n") + "\n" };
    case "pic":
      return { output: machine.board.pic.describe().join("\n") + "\n" };
    case "tlb": {
      const entries = cpu.tlbEntries();
      if (entries.length === 0) return { output: `CPU #${cpu.id}: TLB empty${(cpu.getRegisters().cr0 & 0x80000000) === 0 ? " (paging off)" : ""}\n` };
      return {
        output: entries
          .map((e) => `${hex8(e.linear)}: ${hex8(e.physical)} ${e.global ? "G" : "-"}${e.user ? "U" : "-"}${e.writable ? "W" : "-"}`)
          .join("\n") + "\n",
      };
    }
    default:
      return { output: `info ${sub ?? ""}: unknown (have registers [-a], cpus, lapic, ioapic, pic, tlb)\n` };
  }
}

/**
 * QEMU's `x /Nfs ADDR` (linear, through the selected CPU's page tables) and `xp` (physical):
 * N units, format x (hex), d (signed), u (unsigned); size b, h, w (default w).
 */
function examine(machine: Machine, cpu: CpuCore, physical: boolean, args: string[]): string {
  let spec = "";
  let addrText = args[0];
  if (addrText?.startsWith("/") === true) {
    spec = addrText.slice(1);
    addrText = args[1];
  }
  const m = /^(\d*)([xdu]?)([bhw]?)$/.exec(spec);
  const addr = addrText === undefined ? NaN : Number(addrText);
  if (m === null || !Number.isInteger(addr) || addr < 0 || addr > 0xffffffff) return `usage: ${physical ? "xp" : "x"} /Nfs ADDR (N count, f x|d|u, s b|h|w), e.g. ${physical ? "xp" : "x"} /8x 0x100000\n`;
  const count = Math.min(m[1] === "" ? 1 : Number(m[1]), 4096);
  const format = m[2] || "x";
  const size = m[3] === "b" ? 1 : m[3] === "h" ? 2 : 4;
  const bytes = physical ? machine.bus.readBytes(addr, count * size) : cpu.debugRead(addr, count * size);
  if (bytes === undefined) return `Cannot access memory at 0x${addr.toString(16)} (not mapped)\n`;
  const perLine = 16 / size;
  const lines: string[] = [];
  for (let i = 0; i < count; i += perLine) {
    const cells: string[] = [];
    for (let j = i; j < Math.min(count, i + perLine); j++) {
      let v = 0;
      for (let k = size - 1; k >= 0; k--) v = v * 256 + bytes[j * size + k]!;
      if (format === "x") cells.push("0x" + v.toString(16).padStart(size * 2, "0"));
      else if (format === "d") cells.push(String(v >= 2 ** (size * 8 - 1) ? v - 2 ** (size * 8) : v));
      else cells.push(String(v));
    }
    lines.push(`${(addr + i * size).toString(16).padStart(8, "0")}: ${cells.join(" ")}`);
  }
  return lines.join("\n") + "\n";
}
