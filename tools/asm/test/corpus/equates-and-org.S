# Equates of constants, labels, later labels and undefined symbols (aliases), a global
# equate used in relocations, `.` captured by .set, and .org with a fill.
	.text
bar:	nop
	.globl galias
	.set alias, bar
	.set galias, bar + 1
	.set fwdalias, later
	.set ext_alias, external
	call alias
	call galias
	call fwdalias
	call ext_alias
	movl $alias, %eax
	movl $fwdalias+2, %eax
	movl $ext_alias, %eax
	jmp alias
	jmp fwdalias
	.set dotsym, .
	.long dotsym
later:	ret
	.org 0x40
	.byte 1
	.org later + 0x50, 0xcc
	.byte 2
	.data
	.equ SIZE, 4
	.long SIZE, alias
	.set cnt, 1
	.set cnt, cnt + 1
	.long cnt
