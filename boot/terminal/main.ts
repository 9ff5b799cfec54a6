// The `damselfly` command: boots a machine in the terminal with QEMU's vocabulary of flags
// (args.ts), the serial console on this terminal (console.ts) and a monitor (monitor.ts).
// File access lives here, not in machine/ (which also runs in a browser).

import { closeSync, openSync, readFileSync } from "node:fs";
import { multibootFirmware } from "../firmware/index.ts";
import { Machine, MachineConfigError, type MachineExit } from "../../machine/machine.ts";
import { startGdbServer } from "../../machine/gdbstub/attach.ts";
import { HELP, LOG_CATEGORIES, moduleFile, parseArgs, UsageError, type TerminalOptions } from "./args.ts";
import { TerminalConsole } from "./console.ts";
import { runMonitorLine } from "./monitor.ts";
import { TerminalOutput } from "./output.ts";
import { SignalExit, SIGNAL_DRAIN_MS, signalStatus } from "./signals.ts";

function readInput(what: string, file: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : code === "EACCES" ? "permission denied" : (e as Error).message;
    throw new UsageError(`${what} ${file}: cannot read it: ${why}`);
  }
}

export async function main(argv: string[]): Promise<number> {
  let opts: TerminalOptions;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`damselfly: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  if (opts.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (opts.logHelp) {
    process.stdout.write(`Log items (comma separated):\n${LOG_CATEGORIES.map((c) => `  ${c}`).join("\n")}\n`);
    return 0;
  }

  let machine: Machine;
  let logFd = 2;
  let serialFd = 1;
  const closers: (() => void)[] = [];
  try {
    const kernel = opts.kernel !== undefined ? readInput("-kernel", opts.kernel) : undefined;
    const bios = opts.bios !== undefined ? readInput("-bios", opts.bios) : undefined;
    const modules = opts.initrd.map((spec) => ({ string: spec, data: readInput("-initrd", moduleFile(spec)) }));
    try {
      machine = Machine.create({
        cpus: opts.smp,
        memoryMB: opts.memoryMB,
        ...(kernel !== undefined ? { kernel, firmware: multibootFirmware } : {}),
        ...(bios !== undefined ? { bios } : {}),
        modules,
        // As QEMU: the kernel's file name, a space, then -append (GRUB likewise starts with the path).
        cmdline: opts.kernel !== undefined ? `${opts.kernel} ${opts.append ?? ""}` : "",
        ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
        deterministic: opts.icount,
        ...(opts.icountShift !== undefined ? { icountShift: opts.icountShift } : {}),
        noReboot: opts.noReboot,
      });
    } catch (e) {
      if (e instanceof MachineConfigError) throw new UsageError(`${opts.kernel ?? opts.bios}: ${e.message}`);
      throw e;
    }
    if (opts.logFile !== undefined) {
      try {
        logFd = openSync(opts.logFile, "w");
      } catch (e) {
        throw new UsageError(`-D ${opts.logFile}: cannot create it: ${(e as Error).message}`);
      }
      const fd = logFd;
      closers.push(() => closeSync(fd));
    }
    if (opts.serial.kind === "file") {
      try {
        serialFd = openSync(opts.serial.path, "w");
      } catch (e) {
        throw new UsageError(`-serial file:${opts.serial.path}: cannot create it: ${(e as Error).message}`);
      }
      const fd = serialFd;
      closers.push(() => closeSync(fd));
    }
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`damselfly: ${e.message}\n`);
      for (const c of closers) c();
      return 1;
    }
    throw e;
  }

  // One writer per destination, none of which can block the event loop (output.ts).
  const outputs = new Map<number, TerminalOutput>();
  const output = (fd: number): TerminalOutput => {
    let o = outputs.get(fd);
    if (o === undefined) outputs.set(fd, (o = new TerminalOutput(fd)));
    return o;
  };
  const stdout = output(1);
  const stderr = output(2);
  if (opts.logCategories.size > 0) {
    const log = output(logFd);
    machine.on("log", (category, text) => {
      if (opts.logCategories.has(category)) log.write(`${text}\n`);
    });
  }
  const out = output(serialFd);
  if (opts.serial.kind !== "none") machine.on("serial0-output-byte", (b) => out.pushByte(b));

  const monitorState = { selectedCpu: 0 };
  const consoleIo = new TerminalConsole({
    toGuest: (bytes) => {
      if (opts.serial.kind === "stdio") machine.serialInput(bytes);
    },
    monitorLine: (line) => {
      const r = runMonitorLine(machine, monitorState, line);
      stdout.write(r.output.replace(/\n/g, "\r\n"));
      if (r.quit === true) {
        machine.stop();
      } else consoleIo.showPrompt();
    },
    exit: () => machine.stop(),
    write: (text) => {
      out.flush();
      stdout.write(text);
    },
  });
  consoleIo.attach();
  // From here until the run has wound up, SIGTERM/SIGINT/SIGHUP end it the orderly way (the
  // terminal leaves raw mode) with status 128 + signal; before, Node's default action applies.
  const signals = new SignalExit({
    stop: () => {
      machine.stop();
      // Whatever a stalled reader has not taken by then is left behind.
      setTimeout(() => outputs.forEach((o) => o.abandon()), SIGNAL_DRAIN_MS).unref();
    },
    restoreTerminal: () => {
      consoleIo.detach();
      out.flush();
    },
    say: (text) => stderr.write(text),
  });
  signals.install();

  let gdbClose: (() => Promise<void>) | undefined;
  if (opts.gdbPort !== undefined) {
    try {
      const g = await startGdbServer(machine, { port: opts.gdbPort, hold: opts.gdbHold, onKill: () => machine.stop() });
      gdbClose = () => g.server.close();
      stderr.write(`damselfly: gdb stub listening on 127.0.0.1:${opts.gdbPort}${opts.gdbHold ? " (CPUs held until gdb continues)" : ""}\n`);
    } catch (e) {
      signals.uninstall();
      consoleIo.detach();
      stderr.write(`damselfly: -gdb tcp::${opts.gdbPort}: cannot listen: ${(e as Error).message}\n`);
      await stderr.drained();
      return 1;
    }
  }

  let exit: MachineExit | undefined;
  try {
    // A signal during the awaits above has already asked the machine to stop: run() then
    // returns at once.
    exit = await machine.run();
  } finally {
    consoleIo.detach();
    await gdbClose?.();
    if (exit?.kind === "triple-fault" && signals.signal === undefined) stderr.write(`damselfly: ${exit.report}\n`);
    if (out.droppedBytes > 0) stderr.write(`damselfly: ${out.droppedBytes} bytes of guest output were dropped: the reader did not keep up\n`);
    // Wait until pipes have taken what is queued (files and terminals are written at once);
    // a signal meanwhile abandons the wait after SIGNAL_DRAIN_MS.
    await Promise.all([...outputs.values()].map((o) => o.drained()));
    for (const c of closers) c();
    signals.uninstall();
  }
  const ended = signals.signal;
  if (ended !== undefined) {
    signals.releaseTerminalAfterHangup();
    // Exit here rather than when the event loop empties: writes a stalled reader never took
    // would keep it busy for good.
    process.exit(signalStatus(ended));
  }
  switch (exit.kind) {
    case "debug-exit":
      return exit.status & 0xff;
    case "triple-fault":
      return 0;
    default:
      return 0; // Ctrl-A x, the monitor's quit, or gdb's kill
  }
}
