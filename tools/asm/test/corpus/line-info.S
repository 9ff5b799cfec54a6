# Line information as the compiler emits it: .file N "name" and .loc before instructions.
# GNU as turns it into .debug_line plus a compilation unit with one subprogram per sized
# function; pending .loc pinned by a second .loc; omitted columns kept; large line and
# address steps.
	.file 1 "kernel/a.ts"
	.file 2 "kernel/lib/b.ts"
	.file 3 "c.ts"
	.text
	.type f, @function
f:
	.loc 1 10 3
	pushl %ebp
	.loc 1 10 3
	movl %esp, %ebp
	.loc 2 200 1
	nop
	.loc 3 1 0
	.loc 3 2 0
	ret
	.size f, .-f
	.globl g
	.type g, @function
g:	.loc 1 5 1
	.skip 300
	.loc 1 6
	ret
	.loc 1 100
	jmp 1f
	.p2align 4
1:	.loc 1 50 2
	ret
	.size g, .-g
	.type h, @function
h:	ret
	.data
	.long 1
