/*
 * Bare profile entry: what a `tsk --bare` program runs on before and after its `main`.
 *
 * A Multiboot v1 loader (QEMU, v86, our machine's firmware) jumps to _start in 32-bit
 * protected mode with paging off. The Multiboot spec leaves the GDT undefined (v86 enters
 * with none loaded), so we load our own before touching a segment register. main's i32
 * result leaves through isa-debug-exit (port 0xF4); QEMU turns a write of v into exit status
 * (v << 1) | 1. If no such device exists, the CPU parks in `cli; hlt` forever.
 */
    .set MULTIBOOT_MAGIC, 0x1BADB002
    .set MULTIBOOT_FLAGS, 0x00000003        /* page-align modules, want memory info */
    .set DEBUG_EXIT_PORT, 0xF4
    .set BOOT_STACK_SIZE, 0x40000           /* 256 KiB: deep recursion in test programs */

    .section .multiboot, "a"
    .align 4
    .long MULTIBOOT_MAGIC
    .long MULTIBOOT_FLAGS
    .long -(MULTIBOOT_MAGIC + MULTIBOOT_FLAGS)

    .text
    .globl _start
    .type _start, @function
_start:
    cli
    /* The %fs descriptor's base is this CPU's per-CPU copy; the linker cannot split an
       address into a descriptor's base fields, so they are filled in here. */
    movl $__percpu_start, %eax
    movl %eax, __percpu_start               /* the copy's first word: its own address */
    movw %ax, bare_gdt + 0x18 + 2
    shrl $16, %eax
    movb %al, bare_gdt + 0x18 + 4
    movb %ah, bare_gdt + 0x18 + 7
    lgdt bare_gdt_descriptor
    ljmp $0x08, $1f
1:  movw $0x10, %ax
    movw %ax, %ds
    movw %ax, %es
    movw %ax, %ss
    movw %ax, %gs
    movw $0x18, %ax                         /* %fs: per-CPU data (one CPU: the template) */
    movw %ax, %fs
    movl $bare_stack_top, %esp
    xorl %ebp, %ebp                         /* ends gdb's frame-pointer backtraces */
    cld                                     /* cdecl: the direction flag is clear at calls */
    call bare_install_idt                   /* CPU exceptions report "trap: ..." and exit */
    call main
    outb %al, $DEBUG_EXIT_PORT
2:  cli
    hlt
    jmp 2b
    .size _start, . - _start

    .data
    .align 8
bare_gdt:
    .quad 0
    .quad 0x00CF9A000000FFFF                /* 0x08: ring-0 code, base 0, 4 GiB */
    .quad 0x00CF92000000FFFF                /* 0x10: ring-0 data, base 0, 4 GiB */
    .quad 0x00CF92000000FFFF                /* 0x18: per-CPU data, base set by _start */
bare_gdt_end:
    .align 4
bare_gdt_descriptor:
    .word bare_gdt_end - bare_gdt - 1
    .long bare_gdt

    .bss
    .align 16
bare_stack:
    .skip BOOT_STACK_SIZE
bare_stack_top:
