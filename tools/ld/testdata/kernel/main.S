/*
 * kmain: prints through serial.S, touches .data, .bss, .rodata and COMMON symbols from
 * several objects, and returns a checksum that becomes QEMU's exit status.
 */
    .text
    .globl kmain
    .type kmain, @function
kmain:
    pushl %ebx
    pushl $greeting
    call serial_puts
    addl $4, %esp

    /* Walk a table of string pointers defined in table.S (R_386_32 in .data). */
    xorl %ebx, %ebx
1:  movl message_table(,%ebx,4), %eax
    testl %eax, %eax
    jz 2f
    pushl %eax
    call serial_puts
    addl $4, %esp
    incl %ebx
    jmp 1b
2:
    /* .bss must be zero, COMMON too. */
    movl bss_canary, %eax
    orl scratch, %eax
    orl scratch + 12, %eax
    jnz fail

    /* Fill the COMMON buffer and sum it. */
    movl $0, %ecx
3:  movl %ecx, scratch(,%ecx,4)
    incl %ecx
    cmpl $16, %ecx
    jb 3b
    xorl %eax, %eax
    xorl %ecx, %ecx
4:  addl scratch(,%ecx,4), %eax
    incl %ecx
    cmpl $16, %ecx
    jb 4b
    cmpl $120, %eax                 /* 0+1+...+15 */
    jne fail

    call report_hook                /* the strong definition below wins over the weak one */
    cmpl $0x600d, %eax
    jne fail

    movl $optional_hook, %eax       /* undefined weak: resolves to 0 */
    testl %eax, %eax
    jnz fail

    cmpl $0x2BADB002, boot_magic
    jne fail

    pushl $label_chars
    call serial_puts
    addl $4, %esp
    pushl chars_written
    call serial_puthex
    addl $4, %esp
    pushl $newline
    call serial_puts
    addl $4, %esp

    movl $table_checksum, %eax      /* an absolute symbol from table.S */
    popl %ebx
    ret
fail:
    pushl $failed
    call serial_puts
    addl $4, %esp
    movl $1, %eax
    popl %ebx
    ret
    .size kmain, . - kmain

    .globl report_hook
    .type report_hook, @function
report_hook:
    movl $0x600d, %eax
    ret

    .weak optional_hook

    .section .rodata
greeting:
    .asciz "damselfly ld test kernel\n"
label_chars:
    .asciz "chars written: 0x"
newline:
    .asciz "\n"
failed:
    .asciz "FAILED\n"

    .data
    .globl chars_written
chars_written:
    .long 0
    .globl boot_magic
boot_magic:
    .long 0

    .bss
    .align 4
bss_canary:
    .skip 4

    .comm scratch, 64, 16           /* the larger definition: 16 words */

    /* A per-CPU variable: placed by the --kernel layout's .percpu, an orphan under kernel.ld. */
    .section .percpu, "aw", @progbits
    .globl cpu_counter
cpu_counter:
    .long 0x1234
