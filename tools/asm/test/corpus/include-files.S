# .include of shared definitions and macros, nested; with -g the included files get entries
# of their own in the line table.
	.include "include/segments.inc"
	.text
	.globl start
start:
	ljmp $KERNEL_CS, $1f
1:	LOAD_DATA_SEGMENTS KERNEL_DS
	HALT_FOREVER
