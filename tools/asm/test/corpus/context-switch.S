/*
 * lwkt_switch_context(struct switchframe **from_sp, struct switchframe *to_sp)
 * Saves the callee-saved registers of the current thread on its stack, stores the stack
 * pointer through from_sp, and resumes the other thread.
 */
	.text
	.p2align 4
	.globl lwkt_switch_context
	.type lwkt_switch_context, @function
lwkt_switch_context:
	movl 4(%esp), %eax
	movl 8(%esp), %edx
	pushl %ebp
	pushl %ebx
	pushl %esi
	pushl %edi
	pushfl
	movl %esp, (%eax)
	movl %edx, %esp
	popfl
	popl %edi
	popl %esi
	popl %ebx
	popl %ebp
	ret
	.size lwkt_switch_context, .-lwkt_switch_context

	.globl lwkt_thread_trampoline
	.type lwkt_thread_trampoline, @function
lwkt_thread_trampoline:
	movl %ebx, %eax
	pushl %esi
	call *%eax
	addl $4, %esp
	pushl %eax
	call lwkt_exit
	ud2
	.size lwkt_thread_trampoline, .-lwkt_thread_trampoline

	/* atomic helpers the compiler calls */
	.globl atomic_cmpset_int
atomic_cmpset_int:
	movl 4(%esp), %edx
	movl 8(%esp), %eax
	movl 12(%esp), %ecx
	lock cmpxchgl %ecx, (%edx)
	sete %al
	movzbl %al, %eax
	ret
	.globl atomic_fetchadd_int
atomic_fetchadd_int:
	movl 4(%esp), %edx
	movl 8(%esp), %eax
	lock xaddl %eax, (%edx)
	ret
	.globl atomic_swap_int
atomic_swap_int:
	movl 4(%esp), %edx
	movl 8(%esp), %eax
	xchgl %eax, (%edx)
	ret
	.globl read_tsc
read_tsc:
	rdtsc
	ret
	.globl cpu_pause
cpu_pause:
	pause
	ret
