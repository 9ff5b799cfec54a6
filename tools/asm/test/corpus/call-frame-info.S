# Call-frame information: the .cfi_ directives gcc writes and a kernel might, turned into
# .eh_frame with one shared CIE, advances of every size (including none), remember/restore
# state, escapes, and FDEs in two sections.
	.text
	.globl f
f:
	.cfi_startproc
	pushl %ebp
	.cfi_def_cfa_offset 8
	.cfi_offset %ebp, -8
	movl %esp, %ebp
	.cfi_def_cfa_register %ebp
	.skip 100
	.cfi_remember_state
	leave
	.cfi_restore %ebp
	.cfi_def_cfa %esp, 4
	ret
	.cfi_restore_state
	.skip 300
	.cfi_adjust_cfa_offset 12
	.cfi_rel_offset %ebx, 4
	.cfi_undefined %esi
	.cfi_same_value %edi
	.cfi_register %eip, %ecx
	.cfi_escape 0x2e, 0x10
	nop
	.cfi_endproc
g:
	.cfi_startproc
	.cfi_def_cfa_offset 16
	ret
	.cfi_endproc
	.section .text.other,"ax",@progbits
h:	.cfi_startproc
	nop
	jmp h
	.cfi_def_cfa_offset 8
	.skip 70000
	.cfi_def_cfa_offset 12
	ret
	.cfi_endproc
