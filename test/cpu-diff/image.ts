// Wraps generated cases into one Multiboot image. Per case: load the state, run the
// instructions, then print one line to COM1:
//
//   index eax ecx edx ebx esp ebp esi edi eflags vector errcode fault-eip scratch-checksum
//
// (all 8-digit hex; vector ffffffff = no exception). An IDT routes every vector to a stub that
// records vector, error code and saved EIP, and resumes at the case's dump; a second exception
// inside one case prints "NESTED" and exits, so a broken CPU cannot loop forever.
import { COMMON_MACROS, FLAT_GDT_DATA, SERIAL_ROUTINES, assembleMultiboot, assembleMultibootWithSymbols, patchElf } from "../reference/gnu-image.ts";
import { TABLE_SIZE, type TestCase } from "./cases.ts";
import { ERROR_CODE_VECTORS } from "./family-control.ts";
import { GPR32, SCRATCH, SCRATCH_SIZE, STACK_START, hex } from "./gen-context.ts";
import { Prng } from "./prng.ts";

/** The guest writes this to the debug-exit port after the last case. */
export const CASES_DONE_EXIT = 0x42;
/** The guest writes this when an exception hits a case that already had one. */
export const NESTED_EXCEPTION_EXIT = 0x43;

export interface ImageOptions {
  /**
   * After each case's line, also print the whole scratch area as a line "M <128 dwords>"
   * (for finding which bytes differ; see parseMemoryDumps).
   */
  fullMemory?: boolean;
  /**
   * Run each case this many times from the same initial state and dump the last run (default
   * 1). Above the CPU's compile threshold the last runs execute compiled blocks, not the
   * interpreter, so both paths get compared.
   */
  repeat?: number;
  /**
   * 16: run the cases in a 16-bit code segment (D = 0; base = the cases' start), so default
   * operand and address sizes are 16 and 0x66/0x67 select 32. Cases must come from
   * FAMILIES_16 and fit in 64 KiB. Default 32.
   */
  codeSize?: 16 | 32;
  /**
   * Turn paging on (identity map of the first 4 MiB in 4 KiB pages) before the cases, so
   * every access goes through the TLB and page-crossing accesses through two translations.
   */
  paging?: boolean;
}

const FULL_MEMORY_MACRO = `
    .macro FULL_MEMORY_DUMP
    movb $'M', %al
    call serial_putc
    movl $${hex(SCRATCH)}, %esi
    movl $${SCRATCH_SIZE / 4}, %ecx
6:  movb $' ', %al
    call serial_putc
    movl (%esi), %eax
    call serial_puthex32
    addl $4, %esi
    loop 6b
    movb $'\\n', %al
    call serial_putc
    .endm
`;

const PAGING_MACRO = `
    .macro ENABLE_PAGING
    xorl %ecx, %ecx
7:  movl %ecx, %eax
    shll $12, %eax
    orl $3, %eax                        /* present, writable, supervisor */
    movl %eax, page_table(,%ecx,4)
    incl %ecx
    cmpl $1024, %ecx
    jne 7b
    movl $page_table, %eax
    orl $3, %eax
    movl %eax, page_directory
    movl $page_directory, %eax
    movl %eax, %cr3
    movl %cr0, %eax
    orl $0x80000000, %eax
    movl %eax, %cr0
    .endm
`;

/**
 * In 32-bit images FS and GS start as a data segment based at 0x100: FS:/GS: overrides of the
 * generated memory operands land 256 bytes higher, in the scratch area's stack half, so the
 * CPU's segment-base arithmetic is compared, not only flat segments.
 */
const SEL_BASED = 0x28;

function caseSource(c: TestCase, repeat: number): string {
  const lines = [
    `case_${c.index}:`,
    `    movl $${repeat}, case_repeat`,
    `case_${c.index}_again:`,
    `    movl $recover_${c.index}, recover_eip`,
    "    movl $0xffffffff, exc_vector",
    "    movl $0, exc_errcode",
    "    movl $0, exc_eip",
    "    movl $0, exc_count",
    "    movw $0x10, %ax", // cases may load other selectors into DS/ES/FS/GS
    "    movw %ax, %ds",
    "    movw %ax, %es",
    `    movw $${SEL_BASED}, %ax`,
    "    movw %ax, %fs",
    "    movw %ax, %gs",
    "    cld",
    `    movl $random_table+${c.tableOffset}, %esi`,
    `    movl $${hex(SCRATCH)}, %edi`,
    `    movl $${SCRATCH_SIZE / 4}, %ecx`,
    "    rep movsl",
    `    movl $${hex(SCRATCH + STACK_START)}, %esp`,
    `    pushl $${hex(c.eflags)}`,
    "    popfl",
    ...GPR32.map((r) => `    movl $${hex(c.regs[r as keyof TestCase["regs"]])}, %${r}`),
    ...c.insns.flatMap((i) => i.lines.map((l) => (l.endsWith(":") ? l : `    ${l}`))),
    `recover_${c.index}:`,
    "    movl %esp, case_esp",
    "    movl $dump_stack_top, %esp",
    "    pushfl",
    "    pushal",
    "    decl case_repeat", // after PUSHFL: the case's flags are already saved
    `    jnz case_${c.index}_again`,
    `    pushl $${c.index}`,
    "    call dump_case",
  ];
  return lines.join("\n");
}

/** A family line as it must be written for a 16-bit code segment (same meaning where it matters). */
function lineFor16(line: string): string {
  // The generator's addr16 means "16-bit addressing", which is the default here.
  if (line.startsWith("addr16 ")) return line.slice("addr16 ".length);
  // Without addr16 it meant ESI/EDI/ECX: keep them 32-bit with an explicit prefix.
  if (/^(rep |repe |repne )?(movs|stos|lods|cmps|scas|ins|outs)[bwl]$/.test(line) || /^loop(e|ne)? /.test(line)) return `addr32 ${line}`;
  // A displacement-only LEA was a 32-bit address.
  if (/^lea[lw] [^(]*, %/.test(line)) return `addr32 ${line}`;
  // ".d32" forces a 32-bit displacement, which a 16-bit segment has no encoding for.
  return line.replace(/^(j[a-z]+)\.d32 /, "$1 ");
}

/** A case in the 16-bit code segment: runtime variables (above 1 MiB) need 32-bit addressing. */
function caseSource16(c: TestCase, repeat: number, next: string): string {
  const lines = [
    `case_${c.index}:`,
    `    addr32 movl $${repeat}, case_repeat`,
    `case_${c.index}_again:`,
    `    addr32 movl $(recover_${c.index} - cases16_base), recover_eip`,
    "    addr32 movl $0xffffffff, exc_vector",
    "    addr32 movl $0, exc_errcode",
    "    addr32 movl $0, exc_eip",
    "    addr32 movl $0, exc_count",
    "    movw $0x10, %ax",
    "    movw %ax, %ds",
    "    movw %ax, %es",
    "    movw %ax, %fs",
    "    movw %ax, %gs",
    "    cld",
    `    movl $random_table+${c.tableOffset}, %esi`,
    `    movl $${hex(SCRATCH)}, %edi`,
    `    movl $${SCRATCH_SIZE / 4}, %ecx`,
    "    addr32 rep movsl",
    `    movl $${hex(SCRATCH + STACK_START)}, %esp`,
    `    pushl $${hex(c.eflags)}`,
    "    popfl",
    ...GPR32.map((r) => `    movl $${hex(c.regs[r as keyof TestCase["regs"]])}, %${r}`),
    ...c.insns.flatMap((i) => i.lines.map((l) => (l.endsWith(":") ? l : `    ${lineFor16(l)}`))),
    `recover_${c.index}:`,
    "    addr32 movl %esp, case_esp",
    "    movl $dump_stack_top, %esp",
    "    pushfl",
    "    pushal",
    "    addr32 decl case_repeat",
    `    jnz case_${c.index}_again`,
    `    addr32 movl $${c.index}, case_index`,
    `    addr32 movl $(${next} - cases16_base), next_case_far`,
    "    ljmpl $0x08, $dump16",
  ];
  return lines.join("\n");
}

/** Entering, leaving and dumping from the 16-bit code segment (selector 0x28, built at run time). */
const RUNTIME_16 = `
enter_cases16:
    movl $cases16_base, %eax
    movw $0xffff, gdt_tss_entry         /* limit 0xffff */
    movw %ax, gdt_tss_entry+2
    shrl $16, %eax
    movb %al, gdt_tss_entry+4
    movb $0x9a, gdt_tss_entry+5         /* present, ring 0, code, readable */
    movb $0x00, gdt_tss_entry+6         /* D = 0: 16-bit; byte granular */
    movb %ah, gdt_tss_entry+7
    ljmp $0x28, $0

dump16:
    pushl case_index
    call dump_case
    ljmp *next_case_far
`;

function exceptionStubs(): string {
  const out: string[] = [];
  for (let v = 0; v < 256; v++) {
    out.push(`exc_${v}:`);
    if (!ERROR_CODE_VECTORS.has(v)) out.push("    pushl $0");
    out.push(`    pushl $${v}`, "    jmp exc_common");
  }
  out.push("    .data", "    .align 4", "exc_stub_table:");
  for (let v = 0; v < 256; v += 8) out.push(`    .long ${Array.from({ length: 8 }, (_, i) => `exc_${v + i}`).join(", ")}`);
  out.push("    .text");
  return out.join("\n");
}

function randomTable(seed: number): string {
  const rng = new Prng(seed ^ 0x7ab1e5);
  const out: string[] = [];
  for (let i = 0; i < TABLE_SIZE / 4; i += 8) {
    out.push(`    .long ${Array.from({ length: 8 }, () => hex(rng.u32())).join(", ")}`);
  }
  return out.join("\n");
}

const RUNTIME = `
    .text
    .globl _start
_start:
    movl $dump_stack_top, %esp
    LOAD_FLAT_GDT
    call build_idt
    lidt idt_descriptor
    ENABLE_PAGING
    movl $0x0100ffff, gdt_tss_entry     /* 0x28: data, base 0x100, 4 GiB (32-bit images; */
    movl $0x00cf9200, gdt_tss_entry+4   /* 16-bit images rebuild it as their code segment) */
    jmp cases_start

build_idt:                          /* 256 ring-0 interrupt gates to the stubs */
    xorl %ecx, %ecx
1:  movl exc_stub_table(,%ecx,4), %eax
    movw %ax, idt(,%ecx,8)
    movw $0x08, idt+2(,%ecx,8)
    movw $0x8E00, idt+4(,%ecx,8)
    shrl $16, %eax
    movw %ax, idt+6(,%ecx,8)
    incl %ecx
    cmpl $256, %ecx
    jne 1b
    ret

/* Stack on entry: vector, error code, EIP, CS, EFLAGS. Registers are left untouched. */
exc_common:
    popl exc_vector
    popl exc_errcode
    popl exc_eip
    incl exc_count
    cmpl $1, exc_count
    jne nested_exception
    pushl recover_eip
    iret

nested_exception:
    movl $dump_stack_top, %esp
    cld
    movl $nested_msg, %esi
    call serial_puts
    movl exc_vector, %eax
    call serial_puthex32
    movb $'\\n', %al
    call serial_putc
    DEBUG_EXIT_WITH ${NESTED_EXCEPTION_EXIT}
    cli
2:  hlt
    jmp 2b

/* 4(%esp) index, 8 edi, 12 esi, 16 ebp, 20 (esp), 24 ebx, 28 edx, 32 ecx, 36 eax, 40 eflags */
dump_case:
    cld
    movl 4(%esp), %eax
    call dump_field
    movl 36(%esp), %eax
    call dump_field
    movl 32(%esp), %eax
    call dump_field
    movl 28(%esp), %eax
    call dump_field
    movl 24(%esp), %eax
    call dump_field
    movl case_esp, %eax
    call dump_field
    movl 16(%esp), %eax
    call dump_field
    movl 12(%esp), %eax
    call dump_field
    movl 8(%esp), %eax
    call dump_field
    movl 40(%esp), %eax
    call dump_field
    movl exc_vector, %eax
    call dump_field
    movl exc_errcode, %eax
    call dump_field
    movl exc_eip, %eax
    call dump_field
    cmpl $0xffffffff, exc_vector    /* an exception frame (5 dwords) lies below the case's */
    je 5f                           /* ESP; it holds EFLAGS with undefined bits: clear it */
    movl case_esp, %edi
    subl $20, %edi
    xorl %eax, %eax
    movl $5, %ecx
    rep stosl
5:  xorl %eax, %eax                 /* scratch checksum: rotate-xor over its dwords */
    movl $${hex(SCRATCH)}, %esi
    movl $${SCRATCH_SIZE / 4}, %ecx
3:  roll $5, %eax
    xorl (%esi), %eax
    addl $4, %esi
    loop 3b
    call serial_puthex32
    movb $'\\n', %al
    call serial_putc
    FULL_MEMORY_DUMP
    ret

dump_field:
    call serial_puthex32
    movb $' ', %al
    jmp serial_putc
`;

function cases16Source(cases: readonly TestCase[], repeat: number): string[] {
  const next = (i: number) => (i + 1 < cases.length ? `case_${cases[i + 1]!.index}` : "cases_end");
  return [
    "cases_start:",
    "    jmp enter_cases16",
    RUNTIME_16,
    "    .code16",
    "cases16_base:",
    ...cases.map((c, i) => caseSource16(c, repeat, next(i))),
    "cases_end:",
    "    ljmpl $0x08, $cases_done",
    "    .code32",
  ];
}

/** Assembly source of an image running `cases` (exposed for failure reports and debugging). */
export function imageSource(cases: readonly TestCase[], tableSeed: number, options: ImageOptions = {}): string {
  return [
    COMMON_MACROS,
    options.fullMemory === true ? FULL_MEMORY_MACRO : "    .macro FULL_MEMORY_DUMP\n    .endm",
    options.paging === true ? PAGING_MACRO : "    .macro ENABLE_PAGING\n    .endm",
    RUNTIME,
    exceptionStubs(),
    SERIAL_ROUTINES,
    ...(options.codeSize === 16 ? cases16Source(cases, options.repeat ?? 1) : ["cases_start:", ...cases.map((c) => caseSource(c, options.repeat ?? 1)), "cases_end:"]),
    "cases_done:",
    "    movl $done_msg, %esi",
    "    call serial_puts",
    `    DEBUG_EXIT_WITH ${CASES_DONE_EXIT}`,
    "    cli",
    "4:  hlt",
    "    jmp 4b",
    "    .data",
    FLAT_GDT_DATA,
    "    .align 8",
    "idt: .fill 256, 8, 0",
    "idt_descriptor: .word 256 * 8 - 1",
    "    .long idt",
    "recover_eip: .long 0",
    "exc_vector: .long 0",
    "exc_errcode: .long 0",
    "exc_eip: .long 0",
    "exc_count: .long 0",
    "case_esp: .long 0",
    "case_repeat: .long 0",
    "case_index: .long 0",
    "next_case_far: .long 0",
    "    .word 0x28",
    'nested_msg: .asciz "NESTED exception "',
    'done_msg: .asciz "DONE\\n"',
    "    .align 4",
    "random_table:",
    randomTable(tableSeed),
    "    .bss",
    "    .align 16",
    "    .align 4096",
    "page_directory: .skip 4096",
    "page_table: .skip 4096",
    "dump_stack: .skip 4096",
    "dump_stack_top:",
  ].join("\n");
}

export function buildImage(cases: readonly TestCase[], tableSeed: number, options: ImageOptions = {}): Uint8Array {
  return assembleMultiboot(imageSource(cases, tableSeed, options));
}

/** An image plus the address of each case's first instruction (key -1: after the last case). */
export interface CaseImage {
  image: Uint8Array;
  caseAddresses: Map<number, number>;
  codeSize: 16 | 32;
}

export function buildCaseImage(cases: readonly TestCase[], tableSeed: number, options: ImageOptions = {}): CaseImage {
  const { image, symbols } = assembleMultibootWithSymbols(imageSource(cases, tableSeed, options));
  const caseAddresses = new Map<number, number>();
  for (const c of cases) {
    const a = symbols.get(`case_${c.index}`);
    if (a === undefined) throw new Error(`the image has no symbol case_${c.index}`);
    caseAddresses.set(c.index, a);
  }
  caseAddresses.set(-1, symbols.get("cases_end")!); // where skipping the last case lands
  const codeSize = options.codeSize ?? 32;
  if (codeSize === 16) {
    const size = symbols.get("cases_end")! - symbols.get("cases16_base")!;
    if (size > 0xfff0) throw new Error(`${cases.length} cases take ${size} bytes of 16-bit code; a 16-bit segment holds 64 KiB: use fewer cases`);
  }
  return { image, caseAddresses, codeSize };
}

/**
 * The same image with the given cases turned into a jump to the next one (a 5-byte JMP over
 * the case's first instruction), so a judge skips cases it is known to get wrong while every
 * address in the image, which cases may observe, stays where it was.
 */
export function skipCases(built: CaseImage, cases: readonly TestCase[], skip: (c: TestCase) => boolean): Uint8Array {
  let image = built.image;
  const order = cases.map((c) => c.index);
  for (let i = 0; i < cases.length; i++) {
    if (!skip(cases[i]!)) continue;
    const from = built.caseAddresses.get(order[i]!)!;
    const to = built.caseAddresses.get(i + 1 < order.length ? order[i + 1]! : -1)!;
    // JMP rel32 in a 32-bit segment, JMP rel16 in a 16-bit one.
    const length = built.codeSize === 16 ? 3 : 5;
    const rel = (to - (from + length)) | 0;
    const bytes = Uint8Array.of(0xe9, rel & 0xff, (rel >>> 8) & 0xff, (rel >>> 16) & 0xff, (rel >>> 24) & 0xff);
    image = patchElf(image, from, bytes.subarray(0, length));
  }
  return image;
}
