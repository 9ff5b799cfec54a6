// The bare runtime on QEMU: a hand-written assembly `main` calls every routine, and the
// serial output must match what the host computes for the same inputs (BigInt for the 64-bit
// division helpers). One QEMU boot covers the whole table.
import { describe, expect, it } from "vitest";
import { runOnQemu } from "../../../test/reference/qemu.ts";
import { debugExitValue } from "../../../test/reference/run-result.ts";
import { buildBareImage } from "./bare-image.ts";

const U64 = (1n << 64n) - 1n;
const toU64 = (v: bigint): bigint => BigInt.asUintN(64, v);
const toI64 = (v: bigint): bigint => BigInt.asIntN(64, v);
const hex32 = (v: bigint): string => (v & 0xffffffffn).toString(16).padStart(8, "0");
const hex64 = (v: bigint): string => hex32(toU64(v) >> 32n) + hex32(toU64(v));

/** Signed 64-bit division as the helpers define it: truncating (INT64_MIN / -1 traps, tested apart). */
function sdiv(n: bigint, d: bigint): bigint {
  return toI64(n / d);
}
function smod(n: bigint, d: bigint): bigint {
  return toI64(n % d);
}

const DIVISION_CASES: Array<[bigint, bigint]> = [
  [100n, 7n],
  [0x123456789abcdefn, 0x10n],
  [U64, 3n],
  [U64, U64],
  [U64, 0x100000000n],
  [0xfedcba9876543210n, 0x123456789n],
  [0x8000000000000000n, 0xfffffffffffffffen], // INT64_MIN and -2
  [0x8000000000000000n, 0xffffffffffffffffn], // INT64_MIN and -1: unsigned only, signed traps
  [0xfffffffffffffff9n, 2n], // -7 / 2
  [7n, 0xfffffffffffffffen], // 7 / -2
  [0x8000000000000001n, 0x8000000000000000n],
  [0xffffffff00000000n, 0xffffffff00000001n],
  [5n, 0x100000000n],
];

const ROUTINES = ["__tsk_divu64", "__tsk_remu64", "__tsk_divi64", "__tsk_remi64"] as const;

const isTrappingSigned = (routine: string, n: bigint, d: bigint): boolean =>
  routine.endsWith("i64") && n === 0x8000000000000000n && d === U64;

function divisionCases(): Array<[(typeof ROUTINES)[number], bigint, bigint]> {
  return ROUTINES.flatMap((r) => DIVISION_CASES.filter(([n, d]) => !isTrappingSigned(r, n, d)).map(([n, d]) => [r, n, d] as [(typeof ROUTINES)[number], bigint, bigint]));
}

function expectedDivision(routine: (typeof ROUTINES)[number], n: bigint, d: bigint): string {
  switch (routine) {
    case "__tsk_divu64":
      return hex64(n / d);
    case "__tsk_remu64":
      return hex64(n % d);
    case "__tsk_divi64":
      return hex64(sdiv(toI64(n), toI64(d)));
    case "__tsk_remi64":
      return hex64(smod(toI64(n), toI64(d)));
  }
}

/** Assembly that calls `routine(n, d)` (cdecl, halves pushed high first) and prints the result. */
function divisionCall(routine: string, n: bigint, d: bigint): string {
  return `
    pushl $0x${hex32(d >> 32n)}
    pushl $0x${hex32(d)}
    pushl $0x${hex32(n >> 32n)}
    pushl $0x${hex32(n)}
    call ${routine}
    addl $16, %esp
    pushl %eax
    pushl %edx
    call put_hex32
    addl $4, %esp
    call put_hex32
    addl $4, %esp
    pushl $'\\n'
    call putc
    addl $4, %esp`;
}

const PRINTED_I32 = [0, 1, -1, 42, -42, 2147483647, -2147483648, 1000000000];
const PRINTED_U32 = [0, 9, 10, 4294967295, 3000000000];

function program(): string {
  const calls: string[] = [];
  const call1 = (fn: string, arg: number) => calls.push(`    pushl $${arg >>> 0}\n    call ${fn}\n    addl $4, %esp\n    pushl $' '\n    call putc\n    addl $4, %esp`);
  calls.push("    pushl $greeting\n    call puts\n    addl $4, %esp");
  for (const v of PRINTED_I32) call1("put_i32", v);
  for (const v of PRINTED_U32) call1("put_u32", v);
  call1("put_hex32", 0xdeadbeef);
  call1("put_hex32", 0x0000f00d);
  calls.push("    pushl $'\\n'\n    call putc\n    addl $4, %esp");
  for (const [routine, n, d] of divisionCases()) calls.push(divisionCall(routine, n, d));
  // memset fills 5 bytes of a buffer, memcpy copies a string over its start; puts shows both.
  calls.push(`    pushl $5
    pushl $'z'
    pushl $buffer
    call memset
    addl $12, %esp
    pushl $3
    pushl $greeting
    pushl %eax
    call memcpy
    addl $12, %esp
    pushl %eax
    call puts
    addl $4, %esp`);
  return `
    .text
    .globl main
    .type main, @function
main:
    pushl %ebx
    pushl %esi
    pushl %edi
    pushl %ebp
    movl $0x11111111, %ebx
    movl $0x22222222, %esi
    movl $0x33333333, %edi
    movl $0x44444444, %ebp
${calls.join("\n")}
    /* the runtime is cdecl: callee-saved registers must come back unchanged */
    cmpl $0x11111111, %ebx
    jne 9f
    cmpl $0x22222222, %esi
    jne 9f
    cmpl $0x33333333, %edi
    jne 9f
    cmpl $0x44444444, %ebp
    jne 9f
    movl $21, %eax
    jmp 8f
9:  movl $99, %eax
8:  popl %ebp
    popl %edi
    popl %esi
    popl %ebx
    ret
    .size main, . - main

    .section .rodata
greeting:
    .asciz "hello, bare\\n"
    .data
buffer:
    .asciz "........"
`;
}

function expectedOutput(): string {
  let out = "hello, bare\n";
  for (const v of PRINTED_I32) out += `${v} `;
  for (const v of PRINTED_U32) out += `${v} `;
  out += "deadbeef 0000f00d \n";
  for (const [routine, n, d] of divisionCases()) out += `${expectedDivision(routine, n, d)}\n`;
  // memset wrote "zzzzz" over the dots, then memcpy put "hel" over the first three z's.
  return out + "helzz...";
}

describe("bare runtime", () => {
  it("prints, divides 64-bit values and copies memory on qemu-system-i386, then exits with main's value", async () => {
    const image = buildBareImage([{ name: "runtime-check.S", text: program() }]);
    const run = await runOnQemu(image, { timeoutMs: 20_000 });
    expect(run.timedOut, `runtime-check timed out; serial so far:\n${run.serial}`).toBe(false);
    expect(run.serial, "runtime-check serial output").toBe(expectedOutput());
    expect(debugExitValue(run.exitStatus), `runtime-check exit status ${run.exitStatus}`).toBe(21);
  });

  // Division traps: each image divides once and must stop with the runtime's trap report.
  const TRAPS: Array<[string, bigint, bigint]> = [
    ["__tsk_divu64", 1n, 0n],
    ["__tsk_remi64", 5n, 0n],
    ["__tsk_divi64", 0x8000000000000000n, U64],
    ["__tsk_remi64", 0x8000000000000000n, U64],
  ];
  for (const [routine, n, d] of TRAPS) {
    it(`${routine}(0x${n.toString(16)}, 0x${d.toString(16)}) raises #DE, reported as a trap`, async () => {
      const text = `
    .text
    .globl main
main:
${divisionCall(routine, n, d)}
    movl $5, %eax
    ret
`;
      const run = await runOnQemu(buildBareImage([{ name: "divide-trap.S", text }]), { timeoutMs: 20_000 });
      expect(run.timedOut, `${routine} trap image timed out`).toBe(false);
      expect(run.serial, `${routine} trap image serial output`).toBe("trap: integer divide error\n");
      expect(run.exitStatus, `${routine} trap image: exit value 70 gives QEMU status 141`).toBe(141);
    });
  }

  it("__tsk_trap prints its reason and exits with the trap status", async () => {
    const text = `
    .text
    .globl main
main:
    pushl $reason
    call __tsk_trap
    movl $5, %eax
    ret
    .section .rodata
reason:
    .asciz "unreachable code reached"
`;
    const run = await runOnQemu(buildBareImage([{ name: "trap.S", text }]), { timeoutMs: 20_000 });
    expect(run.serial, "trap image serial output").toBe("trap: unreachable code reached\n");
    expect(run.exitStatus, "trap image exit status (70 << 1 | 1)").toBe(141);
  });
});
