// System-level scenarios: a small protected-mode "kernel" prelude in GNU as (GDT with ring-0
// and ring-3 segments, a TSS, an IDT whose handlers log every event) around a test body. The
// log lets tests check vectors, error codes, saved EIPs, CR2 and stack switches.

import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { requireTool } from "../../../test/host-tools.ts";
import { Bus } from "../../bus/bus.ts";
import { Cpu } from "../cpu.ts";
import { StopReason, type InterruptSource } from "../interface.ts";

export const LOAD = 0x10000;

/** Assemble `src` and link it at `base` into a flat binary; returns bytes and symbol addresses. */
export function assembleAt(src: string, base: number): { bytes: Uint8Array; symbols: Map<string, number> } {
  requireTool("as");
  requireTool("ld");
  const dir = join(tmpdir(), "damselfly-cpu-tests");
  mkdirSync(dir, { recursive: true });
  const key = createHash("sha256").update(src + base).digest("hex").slice(0, 16);
  const bin = join(dir, `${key}.img`);
  if (!existsSync(bin)) {
    const s = join(dir, `${key}.S`);
    const o = join(dir, `${key}.o`);
    const elf = join(dir, `${key}.elf`);
    writeFileSync(s, src);
    try {
      execFileSync("as", ["--32", "-o", o, s], { stdio: ["ignore", "ignore", "pipe"] });
      execFileSync("ld", ["-m", "elf_i386", "-Ttext", `0x${base.toString(16)}`, "-e", "_start", "-o", elf, o], { stdio: ["ignore", "ignore", "pipe"] });
    } catch (e) {
      throw new Error(`as/ld rejected the scenario: ${(e as { stderr?: Buffer }).stderr?.toString() ?? e}`);
    }
    execFileSync("objcopy", ["-O", "binary", elf, bin]);
    writeFileSync(`${bin}.nm`, execFileSync("nm", [elf], { encoding: "utf8" }));
  }
  const symbols = new Map<string, number>();
  for (const line of readFileSync(`${bin}.nm`, "utf8").split("\n")) {
    const m = /^([0-9a-f]+) \w (\S+)$/.exec(line.trim());
    if (m) symbols.set(m[2]!, parseInt(m[1]!, 16));
  }
  return { bytes: new Uint8Array(readFileSync(bin)), symbols };
}

const HAS_ERROR_CODE = new Set([8, 10, 11, 12, 13, 14, 17]);

/** The prelude: flat segments, TSS (ESP0 = 0x9000), 64 logging IDT gates, then `test_main`. */
function prelude(): string {
  const stubs: string[] = [];
  for (let v = 0; v < 64; v++) {
    if (v === 0x31) stubs.push(`stub_${v}: cli\n hlt\n jmp stub_${v}`);
    else stubs.push(`stub_${v}:${HAS_ERROR_CODE.has(v) ? "" : " pushl $0\n"} pushl $${v}\n jmp common_handler`);
  }
  return `
.code32
.text
.globl _start
_start:
  lgdt gdt_desc
  ljmp $0x08, $1f
1:movw $0x10, %ax
  movw %ax, %ds
  movw %ax, %es
  movw %ax, %ss
  movw %ax, %fs
  movw %ax, %gs
  movl $0x9000, %esp
  xorl %ecx, %ecx
2:movl stub_table(,%ecx,4), %eax
  movw %ax, idt(,%ecx,8)
  movw $0x08, idt+2(,%ecx,8)
  movw $0x8e00, idt+4(,%ecx,8)
  shrl $16, %eax
  movw %ax, idt+6(,%ecx,8)
  incl %ecx
  cmpl $64, %ecx
  jne 2b
  movw $0xee00, idt+4+0x30*8
  movw $0xee00, idt+4+0x31*8
  lidt idt_desc
  movl $tss, %eax
  movl %eax, %ebx
  shll $16, %eax
  orl $103, %eax
  movl %eax, gdt+0x28
  movl %ebx, %eax
  shrl $16, %eax
  andl $0xff, %eax
  orl $0x8900, %eax
  movl %ebx, %ecx
  andl $0xff000000, %ecx
  orl %ecx, %eax
  movl %eax, gdt+0x2c
  movl $0x9000, tss+4
  movl $0x10, tss+8
  movw $104, tss+0x66
  movw $0x28, %ax
  ltr %ax
  movl $gate_target, %eax
  movw %ax, gdt+0x50
  movw $0x08, gdt+0x52
  andl $0xffff0000, %eax
  orl $0xec01, %eax
  movl %eax, gdt+0x54
  jmp test_main

/* A ring-0 routine reached from ring 3 through the DPL-3 call gate 0x53 (one parameter). */
gate_target:
  movl %esp, result+48
  movl 8(%esp), %eax
  movl %eax, result+52
  movl 12(%esp), %eax
  movl %eax, result+56
  xorl %eax, %eax
  movw %cs, %ax
  movl %eax, result+60
  lret $4


common_handler:
  pushl %eax
  pushl %ebx
  movl log_count, %ebx
  shll $5, %ebx
  movl 8(%esp), %eax
  movl %eax, log(%ebx)
  movl 12(%esp), %eax
  movl %eax, log+4(%ebx)
  movl 16(%esp), %eax
  movl %eax, log+8(%ebx)
  movl 20(%esp), %eax
  movl %eax, log+12(%ebx)
  movl %cr2, %eax
  movl %eax, log+16(%ebx)
  movl %esp, log+20(%ebx)
  movl 28(%esp), %eax
  movl %eax, log+24(%ebx)
  movl 32(%esp), %eax
  movl %eax, log+28(%ebx)
  incl log_count
  movl resume, %eax
  testl %eax, %eax
  jz 3f
  movl %eax, 16(%esp)
  movl $0, resume
3:popl %ebx
  popl %eax
  addl $8, %esp
  iret

${stubs.join("\n")}

.data
.align 8
gdt:
  .quad 0
  .quad 0x00cf9a000000ffff
  .quad 0x00cf92000000ffff
  .quad 0x00cffa000000ffff
  .quad 0x00cff2000000ffff
  .quad 0
  .quad 0x00cf92000000ffff
  .quad 0x00cf12000000ffff
  .quad 0x00009a000000ffff
  .quad 0x000092000000ffff
  .quad 0
  .quad 0x00cf90000000ffff
gdt_end:
gdt_desc:
  .word gdt_end - gdt - 1
  .long gdt
.align 8
idt:
  .fill 64, 8, 0
idt_desc:
  .word 64*8 - 1
  .long idt
stub_table:
${Array.from({ length: 64 }, (_, v) => `  .long stub_${v}`).join("\n")}
.align 16
tss:
  .fill 104, 1, 0
.globl resume, log_count, log, result
resume: .long 0
log_count: .long 0
result: .fill 16, 4, 0
.align 32
log: .fill 32*16, 1, 0
.text
`;
}

export interface LogEntry {
  vector: number;
  errorCode: number;
  eip: number;
  cs: number;
  cr2: number;
  /** ESP inside the handler (shows which stack the CPU switched to). */
  handlerEsp: number;
  /** The frame words above EFLAGS: the interrupted ESP and SS after a ring change. */
  frameEsp: number;
  frameSs: number;
}

export interface Scenario {
  cpu: Cpu;
  bus: Bus;
  symbols: Map<string, number>;
  reason: StopReason;
  log: LogEntry[];
  /** The 16 dwords at `result` that test bodies write their observations to. */
  result: number[];
  run(budget?: number): StopReason;
  /** Put the image back and restart it (cheaper than a new machine). */
  reload(): void;
}

export function scenario(body: string, opts: { interrupts?: InterruptSource; ramBytes?: number; run?: boolean } = {}): Scenario {
  const { bytes, symbols } = assembleAt(prelude() + `\ntest_main:\n${body}\n`, LOAD);
  const bus = new Bus(opts.ramBytes ?? 8 << 20);
  const cpu: Cpu = new Cpu(0, bus, { readTsc: (): bigint => BigInt(cpu.instructionCount) });
  if (opts.interrupts) cpu.setInterruptSource(opts.interrupts);
  bus.writeBytes(LOAD, bytes);
  cpu.enterFlatProtectedMode(LOAD, 0x08, 0x10);
  const sym = (n: string): number => {
    const v = symbols.get(n);
    if (v === undefined) throw new Error(`scenario has no symbol ${n}`);
    return v;
  };
  const s: Scenario = {
    cpu,
    bus,
    symbols,
    reason: StopReason.Budget,
    get log() {
      const n = bus.read(sym("log_count"), 4);
      const out: LogEntry[] = [];
      for (let i = 0; i < n; i++) {
        const a = sym("log") + 32 * i;
        const w = (k: number): number => bus.read(a + 4 * k, 4);
        out.push({ vector: w(0), errorCode: w(1), eip: w(2), cs: w(3), cr2: w(4), handlerEsp: w(5), frameEsp: w(6), frameSs: w(7) });
      }
      return out;
    },
    get result() {
      return Array.from({ length: 16 }, (_, i) => bus.read(sym("result") + 4 * i, 4));
    },
    run(budget = 2_000_000) {
      let left = budget;
      while (left > 0) {
        const r = cpu.run(left);
        left -= r.executed;
        s.reason = r.reason;
        if (r.reason !== StopReason.Budget) break;
      }
      return s.reason;
    },
    reload: () => {},
  };
  s.reload = () => {
    bus.writeBytes(0, new Uint8Array(bus.ramSize)); // through the bus, so decoded code is dropped
    bus.writeBytes(LOAD, bytes);
    cpu.reset();
    cpu.enterFlatProtectedMode(LOAD, 0x08, 0x10);
  };
  if (opts.run !== false) s.run();
  return s;
}

/** Identity-map 0-4 MiB with 4 KiB user/writable pages: PD at 0x100000, PT at 0x101000. */
export const PAGING_SETUP = `
  movl $0x100000, %edi
  xorl %eax, %eax
  movl $1024, %ecx
  rep stosl
  movl $0x101000, %edi
  movl $0x007, %eax
  movl $1024, %ecx
1:stosl
  addl $0x1000, %eax
  loop 1b
  movl $0x101007, 0x100000
  movl $0x100000, %eax
  movl %eax, %cr3
  movl %cr0, %eax
  orl $0x80000000, %eax
  movl %eax, %cr0
`;
