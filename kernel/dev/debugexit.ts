// debugexit.ts: the isa-debug-exit port (0xF4) QEMU and our machine offer. A write of v ends
// the emulator with status (v << 1) | 1. On a machine without the device the write is ignored
// and the caller halts instead.

const DEBUG_EXIT_PORT: u32 = 0xf4;

/** Exit values the host test runner expects (statuses 0x21, 0x23, 0x25). */
export const EXIT_PASS: u32 = 0x10;
export const EXIT_FAIL: u32 = 0x11;
export const EXIT_PANIC: u32 = 0x12;

export function debug_exit(value: u32): void {
  outb(DEBUG_EXIT_PORT, value);
}
