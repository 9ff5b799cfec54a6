// The judges themselves: QEMU and v86 boot one small Multiboot image assembled with GNU as and
// must report its serial output, its command line and its debug-exit value the same way.
import { describe, expect, test } from "vitest";
import { COMMON_MACROS, FLAT_GDT_DATA, SERIAL_ROUTINES, assembleMultiboot } from "./gnu-image.ts";
import { runOnQemu } from "./qemu.ts";
import { debugExitValue } from "./run-result.ts";
import { runOnDamselfly } from "./damselfly.ts";
import { sampleHostCpu } from "./host-cpu.ts";
import { runOnV86 } from "./v86.ts";

/** Prints a greeting, the Multiboot magic and the command line, then exits with `code`. */
function helloImage(code: number): Uint8Array {
  return assembleMultiboot(`
${COMMON_MACROS}
    .text
    .globl _start
_start:
    movl %eax, %edi                /* Multiboot magic */
    movl %ebx, %ebp                /* Multiboot info */
    movl $0x90000, %esp
    LOAD_FLAT_GDT
    movl $greeting, %esi
    call serial_puts
    movl %edi, %eax
    call serial_puthex32
    movb $'\\n', %al
    call serial_putc
    testl $4, (%ebp)               /* flags bit 2: cmdline present */
    jz 1f
    movl 16(%ebp), %esi
    call serial_puts
1:  movb $'\\n', %al
    call serial_putc
    DEBUG_EXIT_WITH ${code}
    cli
2:  hlt
    jmp 2b
${SERIAL_ROUTINES}
    .data
${FLAT_GDT_DATA}
greeting: .asciz "hello from multiboot "
`);
}

/** Prints the Multiboot module count and the first dword of each module, then exits. */
function modulesImage(): Uint8Array {
  return assembleMultiboot(`
${COMMON_MACROS}
    .text
    .globl _start
_start:
    movl %ebx, %ebp
    movl $0x90000, %esp
    LOAD_FLAT_GDT
    movl 20(%ebp), %ecx            /* mods_count */
    movl %ecx, %eax
    call serial_puthex32
    movl 24(%ebp), %edi            /* mods_addr */
1:  testl %ecx, %ecx
    jz 2f
    movb $' ', %al
    call serial_putc
    movl (%edi), %eax              /* mod_start */
    movl (%eax), %eax
    call serial_puthex32
    addl $16, %edi
    decl %ecx
    jmp 1b
2:  movb $'\\n', %al
    call serial_putc
    DEBUG_EXIT_WITH 0x11
    cli
3:  hlt
    jmp 3b
${SERIAL_ROUTINES}
    .data
${FLAT_GDT_DATA}
`);
}

const MODULES = [Uint8Array.of(0x11, 0x22, 0x33, 0x44), Uint8Array.of(0xaa, 0xbb, 0xcc, 0xdd, 0xee)];

// A triple fault: no IDT, then an exception. QEMU -no-reboot exits 0; v86 aborts.
const TRIPLE_FAULT = `
    .text
    .globl _start
_start:
    lidt empty_idt
    int $3
    .data
empty_idt: .word 0
    .long 0
`;

describe("runOnQemu", () => {
  test("reports COM1 output, the command line and the debug-exit status (v << 1) | 1", async () => {
    const r = await runOnQemu(helloImage(0x21), { append: "iters=3 quiet", timeoutMs: 20_000 });
    expect(r.timedOut, r.diagnostics).toBe(false);
    // QEMU passes the kernel file name in front of the -append text.
    expect(r.serial).toMatch(/^hello from multiboot 2badb002\n.*iters=3 quiet\n$/);
    expect(r.exitStatus).toBe((0x21 << 1) | 1);
    expect(debugExitValue(r.exitStatus)).toBe(0x21);
  });

  test("passes Multiboot modules (-initrd) given as bytes", async () => {
    const r = await runOnQemu(modulesImage(), { initrd: MODULES, timeoutMs: 20_000 });
    expect(r.serial, r.diagnostics).toBe("00000002 44332211 ddccbbaa\n");
    expect(r.exitStatus).toBe((0x11 << 1) | 1);
  });

  test("a guest that never exits is stopped at the timeout", async () => {
    const r = await runOnQemu(assembleMultiboot(`.text\n.globl _start\n_start: cli\n1: hlt\njmp 1b\n`), { timeoutMs: 1500 });
    expect(r.timedOut).toBe(true);
    expect(r.exitStatus).toBeUndefined();
  });

  test("a triple fault with -no-reboot exits 0, not an odd debug-exit status", async () => {
    const r = await runOnQemu(assembleMultiboot(TRIPLE_FAULT), { timeoutMs: 20_000 });
    expect(r.timedOut).toBe(false);
    expect(r.exitStatus).toBe(0);
  });
});

describe("sampleHostCpu", () => {
  test("the thread's CPU time grows while it computes, and the process's at least as much", () => {
    const a = sampleHostCpu();
    let b = sampleHostCpu();
    const deadline = performance.now() + 10_000;
    let x = 0;
    // Spin until the thread has been on a CPU for 20 ms (however loaded the host is).
    while ((b.threadMs ?? b.processMs) - (a.threadMs ?? a.processMs) < 20 && performance.now() < deadline) {
      for (let i = 0; i < 100_000; i++) x = (x * 31 + i) | 0;
      b = sampleHostCpu();
    }
    expect(x).not.toBeNaN();
    const thread = (b.threadMs ?? b.processMs) - (a.threadMs ?? a.processMs);
    expect(thread).toBeGreaterThanOrEqual(20);
    // process.cpuUsage() counts in microseconds, schedstat in nanoseconds: allow a tick of slack.
    expect(b.processMs - a.processMs).toBeGreaterThanOrEqual(thread - 10);
    if (a.threadWaitMs !== undefined) expect(b.threadWaitMs!).toBeGreaterThanOrEqual(a.threadWaitMs);
  });
});

describe("runOnV86", () => {
  for (const jit of [true, false]) {
    test(`jit=${jit}: reports COM1 output, the command line, the debug-exit status and instructions`, async () => {
      const r = await runOnV86(helloImage(0x10), { append: "iters=3 quiet", jit, timeoutMs: 20_000 });
      expect(r.timedOut, r.diagnostics).toBe(false);
      expect(r.serial).toBe("hello from multiboot 2badb002\niters=3 quiet\n");
      expect(r.exitStatus).toBe((0x10 << 1) | 1);
      // The image runs a few hundred instructions (the hex and string loops); v86 counts them.
      expect(r.instructions).toBeGreaterThan(200);
      expect(r.instructions).toBeLessThan(100_000);
      // v86's own JIT_DISABLED setting, read back; each newline carries the child's clocks.
      expect(r.jit?.enabled).toBe(jit);
      const marks = r.lineMarks ?? [];
      expect(marks).toHaveLength(2);
      expect(marks[1]!.instructions).toBeGreaterThan(marks[0]!.instructions);
      expect(marks[1]!.cpu!.processMs).toBeGreaterThanOrEqual(marks[0]!.cpu!.processMs);
      expect(marks[1]!.jit).toBeDefined();
    });
  }

  test("a guest that never exits is stopped at the timeout", async () => {
    const r = await runOnV86(assembleMultiboot(`.text\n.globl _start\n_start: cli\n1: hlt\njmp 1b\n`), { timeoutMs: 1500 });
    expect(r.timedOut).toBe(true);
    expect(r.exitStatus).toBeUndefined();
  });

  test("refuses a memory size v86 cannot use, with a sentence saying why", () => {
    expect(() => runOnV86(helloImage(0), { memMB: 100 })).toThrow("runOnV86: memMB must be a power of two (v86 sizes its memory that way), not 100");
  });

  test("a triple fault ends the run without a debug-exit status", async () => {
    const r = await runOnV86(assembleMultiboot(TRIPLE_FAULT), { timeoutMs: 5000 });
    expect(r.timedOut).toBe(false);
    expect(r.exitStatus).toBeUndefined();
    // v86 has no shutdown state: it panics in its interrupt delivery, which we report.
    expect(r.diagnostics).toMatch(/v86 stopped with an error/);
  });
});

describe("runOnDamselfly", () => {
  test("reports COM1 output, the command line, the debug-exit status and instructions", async () => {
    const r = await runOnDamselfly(helloImage(0x10), { append: "iters=3 quiet", timeoutMs: 20_000 });
    expect(r.timedOut, r.diagnostics).toBe(false);
    expect(r.serial).toMatch(/^hello from multiboot 2badb002\n(.* )?iters=3 quiet\n$/);
    expect(r.exitStatus).toBe((0x10 << 1) | 1);
    expect(r.instructions).toBeGreaterThan(200);
    expect(r.instructions).toBeLessThan(100_000);
  });

  test("passes Multiboot modules given as bytes", async () => {
    const r = await runOnDamselfly(modulesImage(), { initrd: MODULES, timeoutMs: 20_000 });
    expect(r.serial, r.diagnostics).toBe("00000002 44332211 ddccbbaa\n");
    expect(r.exitStatus).toBe((0x11 << 1) | 1);
  });

  test("a guest that never exits is stopped at the time limit", async () => {
    const r = await runOnDamselfly(assembleMultiboot(`.text\n.globl _start\n_start: cli\n1: hlt\njmp 1b\n`), { timeoutMs: 1000 });
    expect(r.timedOut).toBe(true);
    expect(r.exitStatus).toBeUndefined();
  });

  test("isolated in a worker thread: the same output, status and instruction count", async () => {
    const [a, b] = await Promise.all([
      runOnDamselfly(helloImage(0x12), { append: "x=1", timeoutMs: 20_000 }),
      runOnDamselfly(helloImage(0x12), { append: "x=1", timeoutMs: 20_000, isolate: true }),
    ]);
    expect(b.diagnostics).toBe("");
    expect(b.serial).toBe(a.serial);
    expect(b.exitStatus).toBe((0x12 << 1) | 1);
    expect(b.instructions).toBe(a.instructions);
  });

  test("a triple fault with no-reboot ends the run with status 0, as QEMU", async () => {
    const r = await runOnDamselfly(assembleMultiboot(TRIPLE_FAULT), { timeoutMs: 5000 });
    expect(r.exit?.kind).toBe("triple-fault");
    expect(r.exitStatus).toBe(0);
    // The report names the CPU and shows its registers.
    expect(r.diagnostics).toMatch(/CPU 0: triple fault/);
    expect(r.diagnostics).toMatch(/EIP/i);
  });
});
