// A minimal machine for CPU tests: RAM, a COM1 that only captures bytes (0x3FD reads 0x60 so
// the guest sees an empty transmitter), isa-debug-exit at 0xF4, and an ELF loader that puts
// PT_LOAD segments straight into RAM with a Multiboot info block carrying a command line.
// The real firmware and devices belong to the platform; this is only enough to drive a CPU.

import { readFileSync } from "node:fs";
import { Bus } from "../../bus/bus.ts";
import { Cpu } from "../cpu.ts";
import { StopReason } from "../interface.ts";

export interface TestMachine {
  bus: Bus;
  cpu: Cpu;
  serial: () => string;
  exitCode: () => number | undefined;
}

export function makeMachine(ramBytes = 32 << 20): TestMachine {
  const bus = new Bus(ramBytes);
  let out = "";
  let exit: number | undefined;
  let tsc = 0n;
  const cpu = new Cpu(0, bus, { readTsc: () => (tsc += 1000n) });
  bus.claimPorts(0x3f8, 8, "com1", {
    read: (port) => (port === 0x3fd ? 0x60 : 0),
    write: (port, _size, v) => {
      if (port === 0x3f8) out += String.fromCharCode(v & 0xff);
    },
  });
  bus.claimPorts(0xf4, 4, "debug-exit", {
    read: () => 0xff,
    write: (_port, _size, v) => {
      exit = ((v & 0xff) << 1) | 1;
      cpu.requestStop();
    },
  });
  return { bus, cpu, serial: () => out, exitCode: () => exit };
}

/** Load a 32-bit ELF's PT_LOAD segments at their physical addresses; returns the entry point. */
export function loadElf(bus: Bus, image: Uint8Array): number {
  const dv = new DataView(image.buffer, image.byteOffset, image.byteLength);
  if (dv.getUint32(0, false) !== 0x7f454c46) throw new Error("not an ELF file");
  const phoff = dv.getUint32(28, true);
  const phentsize = dv.getUint16(42, true);
  const phnum = dv.getUint16(44, true);
  for (let i = 0; i < phnum; i++) {
    const ph = phoff + i * phentsize;
    if (dv.getUint32(ph, true) !== 1) continue;
    const offset = dv.getUint32(ph + 4, true);
    const paddr = dv.getUint32(ph + 12, true);
    const filesz = dv.getUint32(ph + 16, true);
    const memsz = dv.getUint32(ph + 20, true);
    bus.writeBytes(paddr, image.subarray(offset, offset + filesz));
    if (memsz > filesz) bus.writeBytes(paddr + filesz, new Uint8Array(memsz - filesz));
  }
  return dv.getUint32(24, true);
}

/** Boot a Multiboot ELF the way a loader would: EAX magic, EBX -> info with a cmdline. */
export function bootMultiboot(m: TestMachine, path: string, cmdline: string): void {
  const entry = loadElf(m.bus, new Uint8Array(readFileSync(path)));
  const info = 0x9000;
  const cmd = 0x9100;
  m.bus.writeBytes(cmd, new TextEncoder().encode(cmdline + "\0"));
  m.bus.write(info, 4, 1 << 2); // flags: cmdline valid
  m.bus.write(info + 16, 4, cmd);
  m.cpu.enterFlatProtectedMode(entry, 0x08, 0x10);
  m.cpu.setRegisters({ eax: 0x2badb002, ebx: info });
}

/** Run until the guest stops, halts, or `maxInstructions` have retired. */
export function runUntilStop(m: TestMachine, maxInstructions: number, quantum = 1_000_000): { reason: StopReason; executed: number } {
  let total = 0;
  while (total < maxInstructions) {
    const r = m.cpu.run(Math.min(quantum, maxInstructions - total));
    total += r.executed;
    if (r.reason !== StopReason.Budget) return { reason: r.reason, executed: total };
  }
  return { reason: StopReason.Budget, executed: total };
}
