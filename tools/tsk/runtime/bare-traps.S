/*
 * How a bare program stops when it goes wrong: KBC `trap` ops call __tsk_trap(reason), and
 * every CPU exception (vectors 0-31, e.g. #DE from a division by zero or INT_MIN / -1) lands
 * in a stub here. Both print one line "trap: <what>" on COM1 and leave through isa-debug-exit
 * with TRAP_EXIT_VALUE (70, QEMU status 141), so a test harness sees the failure at once instead
 * of a triple fault or a hang.
 */
    .set DEBUG_EXIT_PORT, 0xF4
    .set TRAP_EXIT_VALUE, 70                 /* the status `tsk --run-kbc` gives a trap */
    .set IDT_VECTORS, 32
    .set INTERRUPT_GATE_HIGH_FLAGS, 0x8E00      /* present, ring 0, 32-bit interrupt gate */

    .text

/* void __tsk_trap(const char *reason): never returns. */
    .globl __tsk_trap
    .type __tsk_trap, @function
__tsk_trap:
    cli
    pushl $trap_prefix
    call puts
    addl $4, %esp
    pushl 4(%esp)
    call puts
    addl $4, %esp
    jmp trap_exit
    .size __tsk_trap, . - __tsk_trap

/* void bare_install_idt(void): gates for vectors 0-31 pointing at the stubs, then lidt. */
    .globl bare_install_idt
    .type bare_install_idt, @function
bare_install_idt:
    pushl %ebx
    xorl %ecx, %ecx
1:  movl exception_stubs(,%ecx,4), %eax
    leal bare_idt(,%ecx,8), %edx
    movw %ax, (%edx)                             /* offset 15:0 */
    movw $0x08, 2(%edx)                          /* code segment selector */
    shrl $16, %eax
    movw $INTERRUPT_GATE_HIGH_FLAGS, 4(%edx)
    movw %ax, 6(%edx)                            /* offset 31:16 */
    incl %ecx
    cmpl $IDT_VECTORS, %ecx
    jb 1b
    lidt bare_idt_descriptor
    popl %ebx
    ret
    .size bare_install_idt, . - bare_install_idt

/* Stack on entry: the vector (pushed by the stub), maybe an error code, then the CPU frame. */
exception_common:
    cli
    pushl $trap_prefix
    call puts
    addl $4, %esp
    movl (%esp), %eax
    testl %eax, %eax
    jnz 1f
    pushl $divide_error_text
    call puts
    addl $4, %esp
    jmp trap_exit
1:  pushl $exception_text
    call puts
    addl $4, %esp
    call put_u32                                 /* the vector is already on the stack */
    addl $4, %esp

trap_exit:
    pushl $'\n'
    call putc
    addl $4, %esp
    movb $TRAP_EXIT_VALUE, %al
    outb %al, $DEBUG_EXIT_PORT
2:  cli
    hlt
    jmp 2b

exception_0:
    pushl $0
    jmp exception_common
exception_1:
    pushl $1
    jmp exception_common
exception_2:
    pushl $2
    jmp exception_common
exception_3:
    pushl $3
    jmp exception_common
exception_4:
    pushl $4
    jmp exception_common
exception_5:
    pushl $5
    jmp exception_common
exception_6:
    pushl $6
    jmp exception_common
exception_7:
    pushl $7
    jmp exception_common
exception_8:
    pushl $8
    jmp exception_common
exception_9:
    pushl $9
    jmp exception_common
exception_10:
    pushl $10
    jmp exception_common
exception_11:
    pushl $11
    jmp exception_common
exception_12:
    pushl $12
    jmp exception_common
exception_13:
    pushl $13
    jmp exception_common
exception_14:
    pushl $14
    jmp exception_common
exception_15:
    pushl $15
    jmp exception_common
exception_16:
    pushl $16
    jmp exception_common
exception_17:
    pushl $17
    jmp exception_common
exception_18:
    pushl $18
    jmp exception_common
exception_19:
    pushl $19
    jmp exception_common
exception_20:
    pushl $20
    jmp exception_common
exception_21:
    pushl $21
    jmp exception_common
exception_22:
    pushl $22
    jmp exception_common
exception_23:
    pushl $23
    jmp exception_common
exception_24:
    pushl $24
    jmp exception_common
exception_25:
    pushl $25
    jmp exception_common
exception_26:
    pushl $26
    jmp exception_common
exception_27:
    pushl $27
    jmp exception_common
exception_28:
    pushl $28
    jmp exception_common
exception_29:
    pushl $29
    jmp exception_common
exception_30:
    pushl $30
    jmp exception_common
exception_31:
    pushl $31
    jmp exception_common

    .section .rodata
    .p2align 2
exception_stubs:
    .long exception_0
    .long exception_1
    .long exception_2
    .long exception_3
    .long exception_4
    .long exception_5
    .long exception_6
    .long exception_7
    .long exception_8
    .long exception_9
    .long exception_10
    .long exception_11
    .long exception_12
    .long exception_13
    .long exception_14
    .long exception_15
    .long exception_16
    .long exception_17
    .long exception_18
    .long exception_19
    .long exception_20
    .long exception_21
    .long exception_22
    .long exception_23
    .long exception_24
    .long exception_25
    .long exception_26
    .long exception_27
    .long exception_28
    .long exception_29
    .long exception_30
    .long exception_31
trap_prefix:
    .asciz "trap: "
divide_error_text:
    .asciz "integer divide error"
exception_text:
    .asciz "CPU exception "
    .p2align 2
bare_idt_descriptor:
    .word IDT_VECTORS * 8 - 1
    .long bare_idt

    .bss
    .p2align 3
bare_idt:
    .skip IDT_VECTORS * 8
