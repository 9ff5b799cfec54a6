/*
 * Test kernel entry: Multiboot v1 header, a GDT of our own, a stack in .bss, then kmain.
 * kmain's return value leaves through isa-debug-exit (QEMU exits with (v << 1) | 1).
 */
    .set MB_MAGIC, 0x1BADB002
    .set MB_FLAGS, 0x00000003
    .set DEBUG_EXIT_PORT, 0xF4

    .section .multiboot, "a"
    .align 4
    .long MB_MAGIC
    .long MB_FLAGS
    .long -(MB_MAGIC + MB_FLAGS)

    .text
    .globl _start
    .type _start, @function
_start:
    cli
    movl %eax, %edi                 /* the loader's magic, kept for kmain to check */
    lgdt gdt_descriptor
    ljmp $0x08, $1f
1:  movw $0x10, %ax
    movw %ax, %ds
    movw %ax, %es
    movw %ax, %ss
    movl $stack_top, %esp
    movl %edi, boot_magic          /* cross-object data reference (defined in main.S) */
    call kmain
    movw $DEBUG_EXIT_PORT, %dx
    outb %al, %dx
2:  cli
    hlt
    jmp 2b
    .size _start, . - _start

    .section .rodata
    .align 8
gdt:
    .quad 0
    .quad 0x00cf9a000000ffff        /* 0x08: code, base 0, limit 4 GiB */
    .quad 0x00cf92000000ffff        /* 0x10: data */
gdt_end:
gdt_descriptor:
    .word gdt_end - gdt - 1
    .long gdt

    .bss
    .align 16
stack_bottom:
    .skip 8192
stack_top:

/* Never executed: 16-bit code like an AP trampoline, to exercise R_386_16 and R_386_PC16. */
    .section .text.trampoline, "ax"
    .code16
    .globl trampoline16
trampoline16:
    movw $trampoline_data, %si     /* R_386_16 against a symbol in another object */
    call far_helper16              /* R_386_PC16 to another object */
    jmp trampoline16
    .code32
