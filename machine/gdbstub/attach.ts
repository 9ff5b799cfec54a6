// The one call a front end makes to put a machine under a debugger: QEMU's `-gdb tcp::PORT`
// (or `-s`), optionally with `-S` (hold every CPU at its first instruction until gdb says
// continue). Node-only, because it opens a TCP port.

import type { Machine } from "../machine.ts";
import { MachineTarget } from "./machine-target.ts";
import { GdbServer } from "./server.ts";

export interface GdbAttachOptions {
  port: number;
  /** -S: the machine does not run until gdb continues it. */
  hold: boolean;
  log?: (line: string) => void;
  /** gdb's `kill`: QEMU exits; the front end decides. */
  onKill?: () => void;
}

export interface GdbAttachment {
  server: GdbServer;
  target: MachineTarget;
}

/**
 * Serve gdb for `machine` on 127.0.0.1:`port`. Call it before `machine.run()`; with `hold`
 * the run loop then waits until gdb continues. When `machine.run()` ends while gdb waits,
 * pass its result to `target.machineEnded()` so gdb hears of it.
 */
export async function startGdbServer(machine: Machine, options: GdbAttachOptions): Promise<GdbAttachment> {
  const target = new MachineTarget(machine, { onKill: options.onKill });
  if (options.hold) machine.pause();
  const server = await GdbServer.listen(target, { port: options.port, log: options.log });
  return { server, target };
}
