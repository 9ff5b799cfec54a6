# Interrupt and exception entry stubs. Vectors that push an error code enter with it on the
# stack; the others push a zero so every trap frame has the same layout.
	.text
	.p2align 4
	.globl isr_divide_error
isr_divide_error:                # vector 0, no error code
	pushl $0
	pushl $0
	jmp isr_common
	.p2align 4
	.globl isr_debug
isr_debug:                       # vector 1
	pushl $0
	pushl $1
	jmp isr_common
	.p2align 4
	.globl isr_double_fault
isr_double_fault:                # vector 8, error code
	pushl $8
	jmp isr_common
	.p2align 4
	.globl isr_gp_fault
isr_gp_fault:                    # vector 13, error code
	pushl $13
	jmp isr_common
	.p2align 4
	.globl isr_page_fault
isr_page_fault:                  # vector 14, error code
	pushl $14
	jmp isr_common
	.p2align 4
	.globl isr_lapic_timer
isr_lapic_timer:                 # vector 0x40
	pushl $0
	pushl $0x40
	jmp isr_common
	.p2align 4
	.globl isr_syscall
isr_syscall:                     # vector 0x80, from ring 3
	pushl $0
	pushl $0x80
	jmp isr_common

	.p2align 4
isr_common:
	pushal
	pushl %ds
	pushl %es
	pushl %fs
	pushl %gs
	movw $0x10, %ax
	movw %ax, %ds
	movw %ax, %es
	movw $0x18, %ax
	movw %ax, %fs                  # per-CPU segment
	movl %esp, %eax
	pushl %eax
	call trap_dispatch
	addl $4, %esp
	.globl trap_return
trap_return:
	popl %gs
	popl %fs
	popl %es
	popl %ds
	popal
	addl $8, %esp                  # vector and error code
	iret

	/* the vector table the IDT setup code walks */
	.section .rodata
	.p2align 2
	.globl isr_table
isr_table:
	.long isr_divide_error, isr_debug, 0, 0, 0, 0, 0, 0
	.long isr_double_fault, 0, 0, 0, 0, isr_gp_fault, isr_page_fault, 0
isr_table_end:
	.globl isr_table_count
	.set isr_table_count, (isr_table_end - isr_table) / 4
