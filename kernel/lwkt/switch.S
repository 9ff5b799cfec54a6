/*
 * switch.S: the LWKT context switch. A switched-out thread's stack holds its callee-saved
 * registers (cdecl: %ebp %ebx %esi %edi) under the return address into lwkt_switch; its
 * Thread keeps only that %esp. Everything else (%eax %ecx %edx, flags) is the caller's to
 * lose across a call. Interrupts are off across the switch (lwkt_switch does cli) so that no
 * handler runs on a stack that is half given up.
 */
    .text

/* void cpu_switch(usize *save_sp, usize new_sp): save this context, resume the one at new_sp. */
    .globl cpu_switch
    .type cpu_switch, @function
cpu_switch:
    movl 4(%esp), %eax
    movl 8(%esp), %ecx
    pushl %ebp
    pushl %ebx
    pushl %esi
    pushl %edi
    movl %esp, (%eax)
    movl %ecx, %esp
    popl %edi
    popl %esi
    popl %ebx
    popl %ebp
    ret
    .size cpu_switch, . - cpu_switch

/*
 * A new thread's first "return" from cpu_switch lands here (lwkt_create builds the stack as
 * if cpu_switch had saved it). lwkt_thread_entry runs the thread's function and exits the
 * thread; it never returns.
 */
    .globl lwkt_thread_trampoline
    .type lwkt_thread_trampoline, @function
lwkt_thread_trampoline:
    xorl %ebp, %ebp                  /* ends backtraces at the thread's first frame */
    call lwkt_thread_entry
    jmp cpu_halt_forever
    .size lwkt_thread_trampoline, . - lwkt_thread_trampoline
