// QEMU's debugger flags, for a front end's command line: `-s` (= `-gdb tcp::1234`),
// `-gdb tcp::PORT` and `-S` (hold every CPU at its first instruction until gdb continues).
// Kept apart from the front end so every front end spells them the same way.

export const DEFAULT_GDB_PORT = 1234;

export interface GdbFlags {
  /** Port to serve gdb on; undefined when no stub was asked for. */
  port?: number;
  /** `-S`: do not start the CPUs; gdb's first continue does. */
  hold: boolean;
  /** The arguments that were not ours, in order. */
  rest: string[];
}

/**
 * Take `-s`, `-S` and `-gdb DEV` out of `argv`. Throws an Error whose message is one sentence
 * naming the bad argument. Only loopback addresses are accepted: the stub gives whoever
 * connects full control of the machine.
 */
export function parseGdbFlags(argv: readonly string[]): GdbFlags {
  const flags: GdbFlags = { hold: false, rest: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "-s") {
      flags.port = DEFAULT_GDB_PORT;
    } else if (arg === "-S") {
      flags.hold = true;
    } else if (arg === "-gdb") {
      const dev = argv[++i];
      if (dev === undefined) throw new Error("-gdb needs a device, e.g. -gdb tcp::1234");
      flags.port = parseGdbDevice(dev);
    } else {
      flags.rest.push(arg);
    }
  }
  return flags;
}

function parseGdbDevice(dev: string): number {
  const m = /^tcp:(127\.0\.0\.1|localhost|):(\d{1,5})$/.exec(dev);
  if (m === null) {
    throw new Error(`-gdb ${dev}: expected tcp::PORT (the stub listens on 127.0.0.1 only)`);
  }
  const port = Number(m[2]);
  if (port < 1 || port > 65535) throw new Error(`-gdb ${dev}: port ${port} is not between 1 and 65535`);
  return port;
}
