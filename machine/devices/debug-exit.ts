// QEMU's isa-debug-exit device at port 0xF4 (iosize 4): a guest write of v ends the machine
// with exit status (v << 1) | 1, so a test image can report success or failure to its host.

import type { AccessSize, Bus, PortHandler } from "../bus/bus.ts";

export const DEBUG_EXIT_PORT = 0xf4;

export class DebugExit implements PortHandler {
  /** Called with the exit status the guest asked for. */
  onExit: (status: number) => void = () => {};

  constructor(bus: Bus, port = DEBUG_EXIT_PORT) {
    bus.claimPorts(port, 4, "isa-debug-exit", this);
  }

  read(_port: number, size: AccessSize): number {
    return size === 1 ? 0xff : size === 2 ? 0xffff : 0xffffffff;
  }

  write(_port: number, size: AccessSize, value: number): void {
    const v = size === 1 ? value & 0xff : size === 2 ? value & 0xffff : value >>> 0;
    this.onExit(((v << 1) | 1) >>> 0);
  }
}
