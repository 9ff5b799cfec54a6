# References from code to labels of sections laid out later, behind alignment padding, and
# back: each relocation's addend must hold the label's final offset in its section.
	.text
	.globl entry
entry:
	lgdt gdt_desc
	lidt idt_desc
	movl $table + 8, %eax
	movl counter, %ecx
	incl counter
	movl (%eax), %edx
	jmp done
	.section .rodata
	.byte 1
	.p2align 4
gdt_desc:
	.word 23
	.long gdt
	.p2align 3
idt_desc:
	.word 0x7ff
	.long 0
	.data
	.long 7
	.balign 32
table:	.long entry, done, 0, 0
counter:
	.long 0
	.p2align 3
gdt:	.quad 0, 0x00cf9a000000ffff, 0x00cf92000000ffff
	.text
	.p2align 4
done:	ret
	.long gdt_desc, idt_desc + 2, counter
