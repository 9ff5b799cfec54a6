// The monitor (Ctrl-A c): QEMU's most used `info` commands over a running machine.

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
      return { output: "info registers [-a] | info cpus | info lapic | info ioapic | info tlb | cpu N | stop | cont | quit\n" };
    case "stop":
      machine.pause();
      return { output: "" };
    case "c": case "cont":
      machine.resume();
      return { output: "" };
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
      return { output: `info ${sub ?? ""}: unknown (have registers [-a], cpus, lapic, ioapic, tlb)\n` };
  }
}
