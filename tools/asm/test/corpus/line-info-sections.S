# Line information in two code sections: one sequence each, and DW_AT_ranges with
# .debug_ranges instead of a single address range.
	.file 1 "a.ts"
	.text
	.loc 1 1 1
	nop
	.section .text.b,"ax",@progbits
	.loc 1 2 1
	ret
	.text
	.loc 1 3 1
	ret
