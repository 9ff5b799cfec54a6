// The test image the debugger tests drive: a Multiboot kernel in GNU assembler that brings up
// every AP with INIT/SIPI/SIPI, turns paging on with one non-identity mapping, and gives each
// CPU something recognisable to do, so a gdb script can check that it sees the right CPU.
//
//   every CPU     esi = 0xC0DE0000 + LAPIC ID, then counts in `counters[id]` forever
//   LAPIC ID 2    passes `cpu2_only` (a one-byte nop, then `cpu2_after_nop`) once
//   LAPIC ID 3    reads `cpu2_done` until CPU 2 has passed it, then writes 0x5A5A5A5A to
//                 virtual WATCHED_VIRT
//   every AP      lock-increments `ap_count` once it is in protected mode
//   virtual MAPPED_VIRT .. +4 KiB  ->  the physical page `mapped_page` (1, 2, 3, 4 ... words)
//
// The same bytes boot on qemu-system-i386 -smp 4, which checks the test's expectations.

import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { requireTool } from "../../../test/host-tools.ts";
import { assembleMultiboot, COMMON_MACROS, FLAT_GDT_DATA } from "../../../test/reference/gnu-image.ts";

/** A virtual address whose physical page is elsewhere (and which is not RAM physically). */
export const MAPPED_VIRT = 0x40000000;
/** The word CPU 3 writes, through the non-identity mapping. */
export const WATCHED_VIRT = MAPPED_VIRT + 0x10;
export const WATCH_VALUE = 0x5a5a5a5a;
/** Words at MAPPED_VIRT. */
export const MAPPED_WORDS = [0x11111111, 0x22222222, 0x33333333, 0x44444444];

const SOURCE = `
${COMMON_MACROS}
    .set LAPIC, 0xFEE00000
    .set TRAMPOLINE, 0x8000

    .text
    .globl _start
_start:
    cli
    LOAD_FLAT_GDT
    movl $stack_top, %esp

    /* Copy the AP start-up code below 1 MiB, where a SIPI can point. */
    movl $trampoline, %esi
    movl $TRAMPOLINE, %edi
    movl $(trampoline_end - trampoline), %ecx
    rep movsb

    /* Software-enable the LAPIC, then INIT and two SIPIs to every other CPU. */
    movl $0x1FF, LAPIC + 0xF0
    movl $0x000C4500, LAPIC + 0x300
    call wait_icr
    call delay
    movl $(0x000C4600 | (TRAMPOLINE >> 12)), LAPIC + 0x300
    call wait_icr
    call delay
    movl $(0x000C4600 | (TRAMPOLINE >> 12)), LAPIC + 0x300
    call wait_icr
    jmp enter_paging

wait_icr:
    testl $0x1000, LAPIC + 0x300
    jnz wait_icr
    ret

delay:
    movl $2000, %ecx
1:  decl %ecx
    jnz 1b
    ret

/* 32-bit entry of the APs (the trampoline jumps here with protected mode on). */
ap_entry32:
    movw $0x10, %ax
    movw %ax, %ds
    movw %ax, %es
    movw %ax, %ss
    movw %ax, %fs
    movw %ax, %gs
    lock incl ap_count

/* Every CPU: turn paging on with the shared page directory, then run cpu_main. */
enter_paging:
    movl LAPIC + 0x20, %ebx
    shrl $24, %ebx
    movl $page_directory, %eax
    movl %eax, %cr3
    movl %cr0, %eax
    orl $0x80000000, %eax
    movl %eax, %cr0
    jmp cpu_main

    .globl cpu_main
cpu_main:
    movl $0xC0DE0000, %esi
    orl %ebx, %esi
    cmpl $2, %ebx
    je cpu2_path
    cmpl $3, %ebx
    je cpu3_path
    .globl idle_loop
idle_loop:
    incl counters(,%ebx,4)
    jmp idle_loop

cpu2_path:
    movl $500, %ecx
1:  decl %ecx
    jnz 1b
    .globl cpu2_only
cpu2_only:
    nop
    .globl cpu2_after_nop
cpu2_after_nop:
    movl $1, cpu2_done
    jmp idle_loop

cpu3_path:
    cmpl $0, cpu2_done
    je cpu3_path
    .globl cpu3_write
cpu3_write:
    movl $${WATCH_VALUE}, ${WATCHED_VIRT}
    jmp idle_loop

/* Real-mode start-up code, copied to TRAMPOLINE; addresses inside it are relative to it. */
    .code16
trampoline:
    cli
    xorw %ax, %ax
    movw %ax, %ds
    lgdtl TRAMPOLINE + (trampoline_gdt - trampoline)
    movl %cr0, %eax
    orl $1, %eax
    movl %eax, %cr0
    ljmpl $0x08, $ap_entry32
    .align 4
trampoline_gdt:
    .word gdt_end - gdt - 1
    .long gdt
trampoline_end:
    .code32

    .data
${FLAT_GDT_DATA}
    .align 4
    .globl ap_count
ap_count:   .long 0
    .globl cpu2_done
cpu2_done:  .long 0
    .globl counters
counters:   .fill 16, 4, 0

    .align 4096
    .globl page_directory
page_directory:
    .long identity_table + 3            /* 0 .. 4 MiB: identity, kernel and trampoline */
    .fill ${(MAPPED_VIRT >>> 22) - 1}, 4, 0
    .long mapped_table + 3              /* MAPPED_VIRT .. +4 MiB */
    .fill ${1023 - (MAPPED_VIRT >>> 22)}, 4, 0
identity_table:
    .set page, 0
    .rept 1024
    .long (page << 12) | 3
    .set page, page + 1
    .endr
mapped_table:
    .long mapped_page + 3
    .fill 1023, 4, 0
    .globl mapped_page
mapped_page:
    .long ${MAPPED_WORDS.join(", ")}
    .fill 1020, 4, 0

    .bss
    .align 16
    .space 4096
stack_top:
`;

let cached: Uint8Array | undefined;

/** The assembled image (built once per process). */
export function smpTestImage(): Uint8Array {
  cached ??= assembleMultiboot(SOURCE);
  return cached;
}

let symbols: Map<string, number> | undefined;

/** Address of a global symbol of the image, read back with binutils' nm. */
export function symbolAddress(name: string): number {
  if (symbols === undefined) {
    const nm = requireTool("nm");
    const dir = mkdtempSync(path.join(tmpdir(), "damselfly-nm-"));
    try {
      const file = path.join(dir, "smp.elf");
      writeFileSync(file, smpTestImage());
      const text = execFileSync(nm, [file], { encoding: "utf8" });
      symbols = new Map(text.split("\n").flatMap((line) => {
        const [addr, , sym] = line.trim().split(/\s+/);
        return addr !== undefined && sym !== undefined ? [[sym, parseInt(addr, 16)] as [string, number]] : [];
      }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const address = symbols.get(name);
  if (address === undefined) throw new Error(`the test image has no symbol ${name}`);
  return address;
}

/** A one-CPU image that reaches `before_exit` and writes 3 to isa-debug-exit (status 7). */
export function exitTestImage(): Uint8Array {
  exitCached ??= assembleMultiboot(`
${COMMON_MACROS}
    .text
    .globl _start
_start:
    nop
    .globl before_exit
before_exit:
    DEBUG_EXIT_WITH 3
1:  hlt
    jmp 1b
`);
  return exitCached;
}
let exitCached: Uint8Array | undefined;
