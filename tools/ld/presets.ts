// The built-in layouts behind `--kernel` and `--user` (and the default when no script is
// given). They are ordinary linker scripts run through the same parser, so `tsk-ld
// --print-preset=kernel` prints text that GNU ld accepts too, and the tests link with both.

/**
 * A Multiboot v1 kernel loaded at 1 MiB. The Multiboot header goes first (any input section
 * named .multiboot*), so it lands in the first page of the file, well inside the 8 KiB the
 * specification searches. Text, read-only data and data start on their own pages so the
 * kernel can map them with different permissions.
 */
export const KERNEL_SCRIPT = `/* tsk-ld built-in layout: Multiboot v1 kernel at 1 MiB */
ENTRY(_start)
SECTIONS
{
  . = 1M;
  __kernel_start = .;
  .text : {
    KEEP(*(.multiboot .multiboot.*))
    *(.text.entry)
    *(.text .text.*)
  }
  __text_end = .;
  . = ALIGN(4K);
  .rodata : { *(.rodata .rodata.*) }
  . = ALIGN(4K);
  .data : { *(.data .data.*) }
  /* Per-CPU template (tsk's @percpu globals): each CPU gets a copy whose first word is
     its own address, read at %fs:0. */
  .percpu : ALIGN(64) {
    __percpu_start = .;
    LONG(0)
    *(.percpu)
    __percpu_end = .;
  }
  .bss : {
    __bss_start = .;
    *(.bss .bss.*)
    *(COMMON)
    __bss_end = .;
  }
  . = ALIGN(4K);
  __kernel_end = .;
  _end = .;
  /* No unwinder runs in the kernel. */
  /DISCARD/ : { *(.eh_frame) *(.comment) }
}
`;

/**
 * A static user program for our kernel: text at 0x08048000 as on i386 Linux, entry _start,
 * read-only data and data on pages of their own (three PT_LOAD segments: R-X, R, RW; the
 * last one's .bss is memsz beyond filesz). \`_end\` is the first byte after .bss, where the
 * program break starts.
 */
export const USER_SCRIPT = `/* tsk-ld built-in layout: static user executable */
ENTRY(_start)
SECTIONS
{
  . = 0x08048000;
  .text : {
    *(.text.entry)
    *(.text .text.*)
  }
  __text_end = .;
  . = ALIGN(4K);
  .rodata : { *(.rodata .rodata.*) }
  . = ALIGN(4K);
  .data : { *(.data .data.*) }
  .bss : {
    __bss_start = .;
    *(.bss .bss.*)
    *(COMMON)
    __bss_end = .;
  }
  _end = .;
  /DISCARD/ : { *(.eh_frame) *(.comment) }
}
`;

export type Preset = "kernel" | "user";

export function presetScript(preset: Preset): string {
  return preset === "kernel" ? KERNEL_SCRIPT : USER_SCRIPT;
}
