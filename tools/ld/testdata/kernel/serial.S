/* COM1 output: serial_putc(char), serial_puts(const char *), serial_puthex(u32). */
    .set COM1, 0x3F8

    .text
    .globl serial_putc
    .type serial_putc, @function
serial_putc:
    movw $COM1 + 5, %dx
1:  inb %dx, %al
    testb $0x20, %al
    jz 1b
    movl 4(%esp), %eax
    movw $COM1, %dx
    outb %al, %dx
    incl chars_written             /* counter lives in main.S's .data */
    ret
    .size serial_putc, . - serial_putc

    .globl serial_puts
    .type serial_puts, @function
serial_puts:
    pushl %esi
    movl 8(%esp), %esi
1:  movzbl (%esi), %eax
    testl %eax, %eax
    jz 2f
    pushl %eax
    call serial_putc
    addl $4, %esp
    incl %esi
    jmp 1b
2:  popl %esi
    ret
    .size serial_puts, . - serial_puts

    .globl serial_puthex
    .type serial_puthex, @function
serial_puthex:
    pushl %ebx
    pushl %esi
    movl 12(%esp), %ebx
    movl $8, %esi
1:  roll $4, %ebx
    movl %ebx, %eax
    andl $15, %eax
    movzbl hex_digits(%eax), %eax   /* R_386_32 into this object's .rodata */
    pushl %eax
    call serial_putc
    addl $4, %esp
    decl %esi
    jnz 1b
    popl %esi
    popl %ebx
    ret
    .size serial_puthex, . - serial_puthex

    /* A weak default the strong definition in main.S overrides. */
    .weak report_hook
    .type report_hook, @function
report_hook:
    movl $0xdead, %eax
    ret

    .section .rodata
hex_digits:
    .ascii "0123456789abcdef"

    /* COMMON: a smaller tentative definition of the same buffer main.S declares. */
    .comm scratch, 16, 4
    .comm serial_log, 32, 8

    .section .text.trampoline, "ax"
    .code16
    .globl far_helper16
far_helper16:
    ret
    .code32
