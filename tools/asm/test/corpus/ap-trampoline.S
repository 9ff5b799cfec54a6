# AP start-up trampoline. The BSP copies [ap_trampoline, ap_trampoline_end) to a page below
# 1 MiB and sends INIT/SIPI/SIPI with that page number; the AP starts here in real mode with
# %cs = page << 8 and %ip = 0. Addresses inside the trampoline are therefore relative to it.
	.set TRAMPOLINE_BASE, 0x8000
	.set CR0_PE, 0x1
	.set CR0_PG, 0x80000000
	.set CR4_PSE, 0x10

	.text
	.code16
	.globl ap_trampoline
ap_trampoline:
	cli
	cld
	movw %cs, %ax
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %ss
	xorw %sp, %sp
	lgdtl ap_gdt_desc - ap_trampoline
	movl %cr0, %eax
	orl $CR0_PE, %eax
	movl %eax, %cr0
	ljmpl $0x08, $(ap_protected - ap_trampoline + TRAMPOLINE_BASE)

	.p2align 3
ap_gdt:
	.quad 0
	.quad 0x00cf9a000000ffff
	.quad 0x00cf92000000ffff
ap_gdt_desc:
	.word ap_gdt_desc - ap_gdt - 1
	.long ap_gdt - ap_trampoline + TRAMPOLINE_BASE
	.word 0
	# 16-bit forms the trampoline may use
	movw $0x1234, %bx
	movb $1, (%bx,%si)
	movw 4(%bp), %ax
	addw -2(%bp,%di), %cx
	movl %eax, 0x10(%bx)
	incw %dx
	pushw %ax
	pushl %eax
	popw %ax
	jmp 1f
	nop
1:	inb $0x92, %al
	orb $2, %al
	outb %al, $0x92
	movw $0x3f8, %dx
	outb %al, %dx
	inb %dx, %al
	rep movsb
	rep stosw
	movl (%esi), %eax
	movw (%eax,%ebx,4), %cx
	lretw
	iret
	ljmp $0x0, $0x7c00

	.code32
	.p2align 2
ap_protected:
	movw $0x10, %ax
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %ss
	movw %ax, %fs
	movw %ax, %gs
	movl ap_cr3 - ap_trampoline + TRAMPOLINE_BASE, %eax
	movl %eax, %cr3
	movl %cr4, %eax
	orl $CR4_PSE, %eax
	movl %eax, %cr4
	movl %cr0, %eax
	orl $CR0_PG, %eax
	movl %eax, %cr0
	movl ap_stack - ap_trampoline + TRAMPOLINE_BASE, %esp
	movl $ap_main, %eax
	call *%eax
1:	hlt
	jmp 1b
	.p2align 2
	.globl ap_cr3
ap_cr3:	.long 0
	.globl ap_stack
ap_stack:	.long 0
	.globl ap_trampoline_end
ap_trampoline_end:
