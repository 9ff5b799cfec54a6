// The `damselfly` command line: QEMU's vocabulary (-kernel -initrd -append -bios -smp -m
// -serial -nographic -no-reboot -icount -d -D, -s -S -gdb) plus --seed. Options are written
// with one dash or two, as QEMU accepts. A bad argument is one sentence (UsageError).

import { parseGdbFlags } from "../../machine/gdbstub/cli-flags.ts";

export const LOG_CATEGORIES = ["int", "cpu_reset", "guest_errors", "unimp"] as const;

export type SerialTarget = { kind: "stdio" } | { kind: "file"; path: string } | { kind: "none" };

export interface TerminalOptions {
  help: boolean;
  kernel?: string;
  initrd: string[];
  append?: string;
  bios?: string;
  smp: number;
  memoryMB: number;
  serial: SerialTarget;
  noReboot: boolean;
  icount: boolean;
  icountShift?: number;
  seed?: number;
  logCategories: Set<string>;
  logHelp: boolean;
  logFile?: string;
  gdbPort?: number;
  gdbHold: boolean;
}

export class UsageError extends Error {}

const WITH_VALUE = new Set(["-kernel", "-initrd", "-append", "-bios", "-smp", "-m", "-serial", "-d", "-D", "-seed", "-display", "-monitor", "-device", "-machine", "-M", "-cpu", "-accel", "-name", "-icount"]);

function parseSmp(v: string): number {
  // "-smp 4", "-smp cpus=4", "-smp 4,sockets=4,cores=1,threads=1"
  let cpus: number | undefined;
  for (const part of v.split(",")) {
    const [k, val] = part.includes("=") ? part.split("=", 2) : ["cpus", part];
    if (k === "cpus" || k === "maxcpus") {
      const n = Number(val);
      if (!Number.isInteger(n) || n < 1 || n > 16) throw new UsageError(`-smp ${v}: the CPU count must be from 1 to 16`);
      if (k === "cpus") cpus = n;
    } else if (!["sockets", "cores", "threads", "dies"].includes(k ?? "")) {
      throw new UsageError(`-smp ${v}: unknown property '${k}'`);
    }
  }
  if (cpus === undefined) throw new UsageError(`-smp ${v}: give the CPU count, e.g. -smp 4`);
  return cpus;
}

function parseMemory(v: string): number {
  const m = /^(?:size=)?(\d+)([MmGg]?)[Bb]?$/.exec(v);
  if (m === null) throw new UsageError(`-m ${v}: give the memory size in MiB, e.g. -m 128 or -m 1G`);
  const n = Number(m[1]) * (m[2]?.toUpperCase() === "G" ? 1024 : 1);
  if (n < 2 || n > 3072) throw new UsageError(`-m ${v}: the memory size must be from 2 MiB to 3 GiB`);
  return n;
}

function parseSerial(v: string): SerialTarget {
  if (v === "stdio" || v === "mon:stdio") return { kind: "stdio" };
  if (v === "none" || v === "null") return { kind: "none" };
  if (v.startsWith("file:") && v.length > 5) return { kind: "file", path: v.slice(5) };
  throw new UsageError(`-serial ${v}: supported backends are stdio, file:PATH and none`);
}

export function parseArgs(argv: readonly string[]): TerminalOptions {
  let gdb;
  try {
    gdb = parseGdbFlags(argv.map((a) => (a.startsWith("--") ? a.slice(1) : a)));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const o: TerminalOptions = { help: false, initrd: [], smp: 1, memoryMB: 128, serial: { kind: "stdio" }, noReboot: false, icount: false, logCategories: new Set(), logHelp: false, gdbHold: gdb.hold };
  if (gdb.port !== undefined) o.gdbPort = gdb.port;
  let serialGiven = false;
  const args = gdb.rest;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith("-")) throw new UsageError(`${arg}: unexpected argument (options start with '-'; the kernel is given with -kernel FILE)`);
    let value: string | undefined;
    if (WITH_VALUE.has(arg)) {
      value = args[i + 1];
      if (arg === "-icount") {
        // QEMU wants "-icount shift=N|auto"; a bare -icount is accepted too.
        if (value !== undefined && !value.startsWith("-")) i++;
        else value = "auto";
      } else {
        if (value === undefined) throw new UsageError(`${arg} needs a value (see damselfly --help)`);
        i++;
      }
    }
    switch (arg) {
      case "-h": case "-help": case "-?":
        o.help = true;
        break;
      case "-kernel": o.kernel = value!; break;
      case "-initrd": o.initrd = value!.split(",").filter((s) => s.length > 0); break;
      case "-append": o.append = value!; break;
      case "-bios": o.bios = value!; break;
      case "-smp": o.smp = parseSmp(value!); break;
      case "-m": o.memoryMB = parseMemory(value!); break;
      case "-serial": o.serial = parseSerial(value!); serialGiven = true; break;
      case "-nographic": if (!serialGiven) o.serial = { kind: "stdio" }; break;
      case "-no-reboot": o.noReboot = true; break;
      case "-icount": {
        o.icount = true;
        // "shift=N", "N" or "auto" (= shift 0 here), plus options we accept and ignore (sleep=, align=)
        for (const part of value!.split(",")) {
          const m = /^(?:shift=)?(\d+)$/.exec(part);
          if (m !== null) {
            const n = Number(m[1]);
            if (n > 10) throw new UsageError(`-icount ${value}: the shift must be from 0 to 10`);
            o.icountShift = n;
          } else if (!/^(shift=)?auto$|^sleep=(on|off)$|^align=(on|off)$/.test(part)) {
            throw new UsageError(`-icount ${value}: expected shift=N (0..10) or auto`);
          }
        }
        break;
      }
      case "-seed": {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new UsageError(`--seed ${value}: the seed must be an integer from 0 to 4294967295`);
        o.seed = n;
        break;
      }
      case "-d":
        for (const c of value!.split(",")) {
          if (c === "help") o.logHelp = true;
          else if ((LOG_CATEGORIES as readonly string[]).includes(c)) o.logCategories.add(c);
          else throw new UsageError(`-d ${value}: unknown log category '${c}' (have: ${LOG_CATEGORIES.join(", ")})`);
        }
        break;
      case "-D": o.logFile = value!; break;
      case "-display":
        if (value !== "none") throw new UsageError(`-display ${value}: this terminal front end has no display; use -display none or -nographic`);
        break;
      case "-monitor":
        if (value !== "none" && value !== "stdio") throw new UsageError(`-monitor ${value}: the monitor is on the console (Ctrl-A c); -monitor accepts none or stdio`);
        break;
      case "-device":
        if (!value!.startsWith("isa-debug-exit")) throw new UsageError(`-device ${value}: not emulated (the machine always has isa-debug-exit at 0xf4)`);
        if (!/^isa-debug-exit(,iobase=0xf4)?(,iosize=0x0?4)?$/.test(value!)) throw new UsageError(`-device ${value}: isa-debug-exit is fixed at iobase=0xf4,iosize=0x04`);
        break;
      case "-machine": case "-M":
        if (!/^(pc|pc-i440fx[\w.-]*)(,.*)?$/.test(value!)) throw new UsageError(`-machine ${value}: the only machine is pc (i440FX)`);
        break;
      case "-accel":
        if (!value!.startsWith("tcg")) throw new UsageError(`-accel ${value}: the only accelerator is the interpreter (tcg)`);
        break;
      case "-cpu": case "-name":
        break; // accepted for QEMU command-line compatibility; the CPU model is fixed
      default:
        throw new UsageError(`${arg}: unknown option (see damselfly --help)`);
    }
  }
  if (!o.help && !o.logHelp && o.kernel === undefined && o.bios === undefined) throw new UsageError("nothing to boot: give -kernel FILE (a Multiboot image) or -bios FILE");
  if (o.kernel !== undefined && o.bios !== undefined) throw new UsageError("give either -kernel or -bios, not both");
  if ((o.initrd.length > 0 || o.append !== undefined) && o.kernel === undefined) throw new UsageError("-initrd and -append need -kernel");
  return o;
}

/** `-initrd "file args,file2"`: each module's file is its first word, its string the whole text (as QEMU). */
export function moduleFile(spec: string): string {
  return spec.trim().split(/\s+/)[0]!;
}

export const HELP = `usage: damselfly -kernel FILE [options]
Boots a Multiboot v1 kernel on an emulated multi-core PC; the guest's COM1 is this terminal.

Machine:
  -kernel FILE        Multiboot v1 ELF (or a.out-kludge) image, loaded by the built-in firmware
  -initrd "F [ARGS],F2"  Multiboot modules; each module's string is its whole text
  -append TEXT        kernel command line
  -bios FILE          start the BSP at the reset vector of this ROM instead (real mode)
  -smp N              CPUs, 1..16 (also cpus=N,sockets=..,cores=..)   default 1
  -m MB               RAM in MiB (or NG)                               default 128
  -no-reboot          a triple fault ends the run (prints the CPU state) instead of resetting
Time:
  -icount [shift=N|auto]  deterministic clock driven by instructions only, 2^N ns each (auto: N=0)
  --seed N            deterministic clock and a seeded CPU interleaving (repeatable runs)
Console:
  -serial stdio|file:PATH|none   where COM1 goes (default stdio); -nographic = -serial stdio
  Ctrl-A x  exit    Ctrl-A c  monitor on/off    Ctrl-A h  help    Ctrl-A Ctrl-A  send Ctrl-A
  monitor: info registers [-a] | info cpus | info lapic | info ioapic | info pic | info tlb | cpu N |
           x /Nfs ADDR | xp /Nfs ADDR | stop | cont | system_reset | quit
Debugging:
  -d LIST             log categories: int,cpu_reset,guest_errors,unimp (-d help lists them)
  -D FILE             write the log to FILE instead of stderr
  -s | -gdb tcp::PORT gdb stub on 127.0.0.1:1234 (or PORT)      -S  hold the CPUs until gdb continues
Accepted for QEMU compatibility: -display none, -monitor none|stdio, -machine pc, -accel tcg,
  -device isa-debug-exit,iobase=0xf4,iosize=0x04 (always present), -cpu, -name.

Exit status: a guest write of V to port 0xf4 exits with (V << 1) | 1 (as QEMU); a triple fault
with -no-reboot, Ctrl-A x and the monitor's quit exit with 0 (as QEMU); bad arguments or a bad
image exit with 1 after one line on stderr; SIGTERM, SIGINT and SIGHUP stop the machine, put
the terminal back and exit with 128 + the signal's number (143, 130, 129).
`;
