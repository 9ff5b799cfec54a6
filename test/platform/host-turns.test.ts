// Machine.run() gives the host's event loop a turn at least every RunLoop.yieldEveryMs of host
// time whatever the guest does: signals, terminal input and gdb packets all wait for one. The
// case that once starved them: a seeded run whose CPUs sleep between timer ticks, where the
// run loop jumps to the next tick without waiting and counted that as a turn. Host time is
// faked (each performance.now() call advances it), so the count of turns is exact, not a
// matter of how busy the test machine is.
import { afterEach, describe, expect, it, vi } from "vitest";
import { multibootFirmware } from "../../boot/firmware/index.ts";
import { Machine } from "../../machine/machine.ts";
import { RunLoop } from "../../machine/run-loop.ts";
import { COMMON_MACROS, FLAT_GDT_DATA, LAPIC_TICK_DATA, LAPIC_TICK_HANDLER, LAPIC_TICK_START, assembleMultiboot } from "../reference/gnu-image.ts";

// A 1 kHz periodic LAPIC timer, the BSP halted between ticks (APs wait for a SIPI).
const TICKING = assembleMultiboot(`${COMMON_MACROS}
    .text
    .globl _start
_start:
    LOAD_FLAT_GDT
${LAPIC_TICK_START}
    movl $stack_top, %esp
    sti
1:  hlt
    jmp 1b
${LAPIC_TICK_HANDLER}
    .data
${LAPIC_TICK_DATA}
${FLAT_GDT_DATA}
    .bss
    .align 16
    .space 4096
stack_top:
`);

/** Host milliseconds each performance.now() call moves the fake clock on. */
const STEP_MS = 0.05;
/** The run's host-time limit, in fake milliseconds. */
const RUN_MS = 3000;

afterEach(() => {
  vi.restoreAllMocks();
});

async function turnsDuringRun(cpus: number): Promise<{ turns: number; virtualNs: number }> {
  const machine = Machine.create({ cpus, memoryMB: 16, kernel: TICKING, firmware: multibootFirmware, seed: 1 });
  let fake = 0;
  vi.spyOn(performance, "now").mockImplementation(() => (fake += STEP_MS));
  let turns = 0;
  let running = true;
  const count = (): void => {
    if (!running) return;
    turns++;
    setImmediate(count);
  };
  setImmediate(count);
  await machine.run({ wallMs: RUN_MS });
  running = false;
  vi.restoreAllMocks();
  return { turns, virtualNs: machine.stats().virtualNs };
}

describe("host turns during Machine.run()", () => {
  it.each([1, 2])("yields every RunLoop.yieldEveryMs while a seeded guest sleeps between timer ticks (-smp %i)", async (cpus) => {
    const { turns, virtualNs } = await turnsDuringRun(cpus);
    // The guest really slept through many ticks: virtual time ran ahead of the fake host time.
    expect(virtualNs / 1e6, "virtual milliseconds").toBeGreaterThan(RUN_MS);
    // One turn per yieldEveryMs of host time, give or take the rounds that overshoot the mark.
    const expected = RUN_MS / RunLoop.yieldEveryMs;
    expect(turns, `host turns in ${RUN_MS} fake ms`).toBeGreaterThan(expected / 2);
    expect(turns, `host turns in ${RUN_MS} fake ms`).toBeLessThanOrEqual(expected + 1);
  }, 60_000);
});
