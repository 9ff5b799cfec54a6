# Symbol attributes on symbols that are never defined: GNU as keeps them as undefined
# globals, except a weak one nothing refers to, which it drops.
	.text
	.globl gu
	.weak wu
	.weak wd
wd: ret
	.weak wr
	call wr
	.type tu, @function
	.size su, 4
	.hidden hu
	.local lu
	.text
start:
.balign 8, 0x90, 8
	ret
.data
.byte 1
.balign 16,0,3
.byte 2
