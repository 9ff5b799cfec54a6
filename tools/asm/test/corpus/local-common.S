# Static variables the way C compilers declare them: .local then .comm reserves .bss space
# (no implicit alignment), next to real common symbols.
	.text
	movl foo, %eax
	movl bar, %eax
	.local foo
	.comm foo,4,4
	.local bar
	.comm bar,16,32
	.comm baz,2,2
	.globl g
	.comm g, 8
	.data
	.long foo
	.local q
	.comm q,6
	.local r
	.comm r,1
	.local s
	.comm s,100
	.data
	.long q,r,s
