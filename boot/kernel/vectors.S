/*
 * vectors.S: one 16-byte entry stub per IDT vector and the common path into trap.ts.
 * Stub n sits at trap_vectors + 16*n (idt.ts computes gate addresses that way). Every stub
 * leaves the same frame (struct TrapFrame in kernel/kern/trap.ts): the CPU's eflags/cs/eip,
 * an error code (the CPU's for 8, 10-14 and 17, else 0), the vector, then pushal.
 */
    .set KDATA, 0x10

    .text
    .balign 16
    .globl trap_vectors
trap_vectors:
    .set vecno, 0
    .rept 256
    .balign 16
    .if (vecno == 8) || ((vecno >= 10) && (vecno <= 14)) || (vecno == 17)
    pushl $vecno
    .else
    pushl $0
    pushl $vecno
    .endif
    jmp alltraps
    .set vecno, vecno + 1
    .endr

    .type alltraps, @function
alltraps:
    pushal
    cld                              /* KTS code (memcpy/memset) assumes DF = 0 */
    movl %esp, %eax
    pushl %eax
    call trap_dispatch
    addl $4, %esp
    popal
    addl $8, %esp                    /* vector and error code */
    iret
    .size alltraps, . - alltraps
