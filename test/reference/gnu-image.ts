// Builds small Multiboot v1 test images from GNU assembler text (as --32, ld -m elf_i386), so
// every judge (QEMU, v86, our machine) boots the very same bytes. The assembler and linker are
// outside tools; their absence is an installation error (requireTool throws), never a skip.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { requireTool } from "../host-tools.ts";

/** Where the images are linked; 1 MiB is where every Multiboot loader is happy to put code. */
export const IMAGE_LOAD_ADDRESS = 0x100000;

/**
 * The Multiboot header (flags: page-align modules, want memory info) that must sit in the
 * first 8 KiB of the file. Sources passed to `assembleMultiboot` get it prepended.
 */
const MULTIBOOT_HEADER = `
    .section .multiboot, "a"
    .align 4
    .long 0x1BADB002
    .long 0x00000003
    .long -(0x1BADB002 + 0x00000003)
`;

/** The linker script: the header first, then code and data, all from IMAGE_LOAD_ADDRESS. */
const LINKER_SCRIPT = `
ENTRY(_start)
SECTIONS {
  . = 0x${IMAGE_LOAD_ADDRESS.toString(16)};
  .text : { *(.multiboot) *(.text*) }
  .rodata : { *(.rodata*) }
  .data : { *(.data*) }
  .bss : { *(.bss*) *(COMMON) }
}
`;

export class AssemblyError extends Error {}

/**
 * Assemble and link `source` (AT&T syntax, must define `_start`) into a Multiboot ELF.
 * An assembler or linker complaint becomes an AssemblyError carrying its first lines.
 */
export function assembleMultiboot(source: string): Uint8Array {
  return assembleMultibootWithSymbols(source).image;
}

/** As assembleMultiboot, plus the address of every symbol (from `nm`), e.g. to patch the image. */
export function assembleMultibootWithSymbols(source: string): { image: Uint8Array; symbols: Map<string, number> } {
  const as = requireTool("as");
  const ld = requireTool("ld");
  const nm = requireTool("nm");
  const dir = mkdtempSync(path.join(tmpdir(), "damselfly-image-"));
  try {
    const src = path.join(dir, "image.S");
    const obj = path.join(dir, "image.o");
    const script = path.join(dir, "image.ld");
    const elf = path.join(dir, "image.elf");
    writeFileSync(src, `${MULTIBOOT_HEADER}${source}\n`);
    writeFileSync(script, LINKER_SCRIPT);
    runTool(as, ["--32", "-o", obj, src], "as");
    runTool(ld, ["-m", "elf_i386", "-T", script, "-o", elf, obj], "ld");
    const symbols = new Map<string, number>();
    for (const line of execFileSync(nm, [elf], { encoding: "utf8", maxBuffer: 64 << 20 }).split("\n")) {
      const m = /^([0-9a-f]{8}) \w (\S+)$/.exec(line);
      if (m !== null) symbols.set(m[2]!, parseInt(m[1]!, 16));
    }
    return { image: new Uint8Array(readFileSync(elf)), symbols };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function runTool(tool: string, args: string[], name: string): void {
  try {
    execFileSync(tool, args, { stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 << 20 });
  } catch (e) {
    const err = e as { stderr?: Buffer };
    const text = (err.stderr?.toString() ?? String(e)).split("\n").slice(0, 20).join("\n");
    throw new AssemblyError(`${name} rejected the generated test image:\n${text}`);
  }
}

/**
 * A copy of an ELF image with `bytes` written at virtual address `address` (inside a loaded
 * segment): for patching code after linking without moving anything.
 */
export function patchElf(image: Uint8Array, address: number, bytes: Uint8Array): Uint8Array {
  const view = new DataView(image.buffer, image.byteOffset, image.byteLength);
  const phoff = view.getUint32(0x1c, true);
  const phentsize = view.getUint16(0x2a, true);
  const phnum = view.getUint16(0x2c, true);
  for (let i = 0; i < phnum; i++) {
    const ph = phoff + i * phentsize;
    const type = view.getUint32(ph, true);
    const offset = view.getUint32(ph + 4, true);
    const vaddr = view.getUint32(ph + 8, true);
    const filesz = view.getUint32(ph + 16, true);
    if (type === 1 && address >= vaddr && address + bytes.length <= vaddr + filesz) {
      const out = image.slice();
      out.set(bytes, offset + (address - vaddr));
      return out;
    }
  }
  throw new Error(`patchElf: 0x${address.toString(16)} is not inside a loaded segment of the image`);
}

/**
 * Assembly snippets every test image shares: a flat GDT load (v86 enters with none), COM1
 * output, and the isa-debug-exit write. Written as GNU as macros so sources stay readable.
 */
export const COMMON_MACROS = `
    .set COM1, 0x3F8
    .set DEBUG_EXIT, 0xF4

    /* Load a flat GDT: 0x08 code, 0x10 data (ring 0), 0x1B code, 0x23 data (ring 3). */
    .macro LOAD_FLAT_GDT
    lgdt gdt_descriptor
    ljmp $0x08, $1f
1:  movw $0x10, %ax
    movw %ax, %ds
    movw %ax, %es
    movw %ax, %fs
    movw %ax, %gs
    movw %ax, %ss
    .endm

    /* Exit through isa-debug-exit with the byte in \\code (QEMU status (code << 1) | 1). */
    .macro DEBUG_EXIT_WITH code
    movb $\\code, %al
    outb %al, $DEBUG_EXIT
    .endm
`;

/** The GDT the LOAD_FLAT_GDT macro refers to; place it in .data of an image using it. */
export const FLAT_GDT_DATA = `
    .align 8
gdt:
    .quad 0
    .quad 0x00CF9A000000FFFF   /* 0x08 ring-0 code, 4 GiB */
    .quad 0x00CF92000000FFFF   /* 0x10 ring-0 data, 4 GiB */
    .quad 0x00CFFA000000FFFF   /* 0x18 ring-3 code, 4 GiB */
    .quad 0x00CFF2000000FFFF   /* 0x20 ring-3 data, 4 GiB */
gdt_tss_entry:
    .quad 0                    /* 0x28 TSS, filled at run time by images that need one */
gdt_end:
gdt_descriptor:
    .word gdt_end - gdt - 1
    .long gdt
`;

/**
 * Output a NUL-terminated string at \`label\` to COM1 (clobbers eax, edx, esi) — a routine
 * images can call. COM1 transmit is always ready on all three machines, but we still poll LSR
 * so the routine is correct on a real 16550.
 */
export const SERIAL_ROUTINES = `
serial_putc:                    /* al = byte */
    pushl %edx
    pushl %eax
1:  movw $COM1 + 5, %dx
    inb %dx, %al
    testb $0x20, %al
    jz 1b
    popl %eax
    movw $COM1, %dx
    outb %al, %dx
    popl %edx
    ret

serial_puts:                    /* esi = NUL-terminated string */
    pushl %eax
2:  lodsb
    testb %al, %al
    jz 3f
    call serial_putc
    jmp 2b
3:  popl %eax
    ret

serial_puthex32:                /* eax = value, printed as 8 lowercase hex digits */
    pushl %ecx
    pushl %eax
    pushl %ebx
    movl %eax, %ebx
    movl $8, %ecx
4:  roll $4, %ebx
    movl %ebx, %eax
    andl $15, %eax
    cmpb $10, %al
    jb 5f
    addb $('a' - 10 - '0'), %al
5:  addb $'0', %al
    call serial_putc
    loop 4b
    popl %ebx
    popl %eax
    popl %ecx
    ret
`;

/**
 * A 1 kHz periodic LAPIC timer (the 1 GHz timer input that QEMU and our machine model) whose
 * interrupt, vector 0x50, only acknowledges itself: for images that sleep between ticks.
 * LAPIC_TICK_START installs `tick` in the image's IDT and starts the timer (clobbers eax;
 * interrupts stay off until the image's sti); the image places LAPIC_TICK_HANDLER in .text
 * and LAPIC_TICK_DATA (the IDT and its descriptor) in .data.
 */
export const LAPIC_TICK_START = `
    movl $tick, %eax
    movw %ax, idt + 0x50 * 8
    movw $0x08, idt + 0x50 * 8 + 2
    movw $0x8e00, idt + 0x50 * 8 + 4
    shrl $16, %eax
    movw %ax, idt + 0x50 * 8 + 6
    lidt idt_descriptor
    movl $0x1ff, 0xfee000f0       /* SVR: LAPIC on */
    movl $0xb, 0xfee003e0         /* divide by 1 */
    movl $0x20050, 0xfee00320     /* periodic, vector 0x50 */
    movl $1000000, 0xfee00380     /* 1 ms at the 1 GHz timer input */
`;

export const LAPIC_TICK_HANDLER = `
tick:
    movl $0, 0xfee000b0           /* EOI */
    iret
`;

export const LAPIC_TICK_DATA = `
    .align 8
idt: .fill 256, 8, 0
idt_descriptor:
    .word 256 * 8 - 1
    .long idt
`;
