# Interrupt stubs the way a kernel writes them: one macro per kind of vector, instantiated
# for the vectors with .irp, a table of their addresses, and conditionals.
	.set HAS_ERROR_CODE_MASK, (1 << 8) | (1 << 10) | (1 << 11) | (1 << 12) | (1 << 13) | (1 << 14) | (1 << 17)

	.macro TRAP_STUB vector
	.p2align 3
	.globl isr\vector
isr\vector\():
	.if \vector < 32
	.if (HAS_ERROR_CODE_MASK >> \vector) & 1
	pushl $\vector                 # the CPU pushed an error code
	.else
	pushl $0
	pushl $\vector
	.endif
	.else
	pushl $0
	pushl $\vector
	.endif
	jmp isr_common
	.endm

	.macro ENTRY name, align=4, kind=@function
	.p2align \align
	.globl \name
	.type \name, \kind
\name:
	.endm

	.macro SAVE_REGS regs:vararg
	.irp r, \regs
	pushl %\r
	.endr
	.endm

	.macro COUNT_ARGS args:vararg
	.set nargs, 0
	.irp a, \args
	.set nargs, nargs + 1
	.endr
	.endm

	.macro LABELLED_NOP
	.Lnop\@: nop
	.endm

	.macro EARLY_OUT x
	.ifb \x
	.exitm
	.endif
	movl $\x, %eax
	.endm

	.text
	.irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	TRAP_STUB \v
	.endr
	.irp v, 32 33 34 35 36 37 38 39
	TRAP_STUB \v
	.endr
	TRAP_STUB 128
	TRAP_STUB vector=0x81

	ENTRY isr_common
	SAVE_REGS eax, ecx, edx, ebx, ebp, esi, edi
	pushl %esp
	call trap_dispatch
	addl $4, %esp
	.irp r, edi, esi, ebp, ebx, edx, ecx, eax
	popl %\r
	.endr
	addl $8, %esp
	iret

	ENTRY data_probe, 2, @object
	COUNT_ARGS a, b, c, d
	.long nargs
	LABELLED_NOP
	LABELLED_NOP
	EARLY_OUT
	EARLY_OUT 7
	.irpc c, 0123
	.byte \c * 2
	.endr
	.ifdef isr_common
	.byte 1
	.else
	.byte 2
	.endif
	.ifndef no_such_symbol
	.byte 3
	.endif
	.ifc abc, abc
	.byte 4
	.endif
	.ifnc abc, abd
	.byte 5
	.endif
	.if 0
	.byte 0xee
	.elseif nargs == 4
	.byte 6
	.else
	.byte 0xef
	.endif
	.ifeq nargs - 4
	.byte 7
	.endif
	.ifgt nargs
	.byte 8
	.endif
	.iflt -1
	.byte 9
	.endif

	.section .rodata
	.p2align 2
	.globl isr_vectors
isr_vectors:
	.irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	.long isr\v
	.endr
	.rept 3
	.long 0
	.endr
