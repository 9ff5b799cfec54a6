# Jump relaxation at the short/long boundaries, alignment with fill and maximum, sizes that
# depend on later layout, relocations across sections, weak/hidden symbols, common and
# local common symbols, .ident/.file, notes, mergeable strings and escapes.
	.text
	.globl f
f:
	jmp 1f
	.skip 125
1:	jmp 2f
	.skip 126
2:	je 3f
	.skip 127
3:	jne 4f
	.skip 128
4:	jmp 4b
	jmp f
	.skip 120
	jl 1b
	jg 2b
	jz 5f
	.fill 130, 1, 0x90
5:	.p2align 4,,3
	ret
	.p2align 5,0xcc
	.skip 20
	.balign 8, 0x90, 2
	.skip (5b - 4b) & 3
	jmp 6f
	.skip 126 - (5b - 4b) + 300, 0xab
6:	.long 6b - 5b, 7f - 6b
	call 7f
	call weakfn
	call h
	jmp h
	jmp weakfn
	.balign 16
7:	ret
	.weak weakfn
	.hidden hid
hid: ret
	.section .text.other,"ax",@progbits
h:	jmp f
	jmp 7b
	.long 7b, h
	.word 7b
	.byte 7b - 6b
	.data
	.long h, f, 7b, weakfn, .
	.quad 0x123456789abcdef0, -1
	.comm cm, 16
	.comm cm8, 8, 8
	.lcomm lc1, 1
	.lcomm lc4, 4
	.ident "tsk-as test"
	.ident "second"
	.file "relax.S"
	.section .note.test
	.long 4
	.section .rodata.str1.1,"aMS",@progbits,1
	.string "abc", "de\n\x41\101\0"
	.ascii "x\ty"
	.asciz "\"q\"", "\\"
	.byte 'a, 'b', '\n

# LEB128 data
.data
lebx: .uleb128 0, 1, 127, 128, 300, 0xffffffff, -1
.sleb128 0, 1, -1, 63, 64, -64, -65, 1000000, -1000000
leby: .uleb128 leby - lebx

# Alignment with 2- and 4-byte fill patterns
	.data
	.short 1
	.balignw 8, 0x1234
	.long 2
	.balignl 16, 0xaabbccdd
	.short 4
	.p2alignw 3, 0x5566
	.long 5
	.p2alignl 4, 0x11223344, 8
	.long 6
	.p2alignl 5, 0x11223344, 8
	.byte 1,2,3,4
	.text
	nop
	nop
	.balignw 8, 0x9090
	ret
