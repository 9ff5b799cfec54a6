/*
 * 64-bit division for KBC's i64/u64 `div` and `rem`, because IA-32 has no 64/64-bit divide.
 * libgcc's calling convention (cdecl, operands as two 32-bit halves, result in %edx:%eax)
 * but KBC's semantics, hence our own names:
 *   __tsk_divu64(u64 n, u64 d)  __tsk_remu64(u64 n, u64 d)
 *   __tsk_divi64(i64 n, i64 d)  __tsk_remi64(i64 n, i64 d)
 * Signed quotients truncate toward zero, remainders take the dividend's sign. Division by
 * zero and INT64_MIN / -1 (and % -1) raise #DE, like the 32-bit `div`/`idiv` (libgcc would
 * wrap the latter): the helpers execute a faulting divide.
 */
    .text

/*
 * udivmod64: unsigned (%edx:%eax) / (%ecx:%ebx).
 * Returns the quotient in %edx:%eax and the remainder in %ecx:%ebx; clobbers %esi, %edi
 * (callers here save them). Not a C function: an internal register-based helper.
 */
    .type udivmod64, @function
udivmod64:
    pushl %ebp
    testl %ecx, %ecx
    jnz 3f
    /* Divisor below 2^32: two chained 32-bit divides (high half first) are exact. */
    movl %eax, %esi                 /* n_lo */
    movl %edx, %eax
    xorl %edx, %edx
    divl %ebx                       /* #DE here when d == 0 */
    movl %eax, %edi                 /* q_hi */
    movl %esi, %eax
    divl %ebx                       /* (r:n_lo) / d; r < d, so it cannot overflow */
    movl %edx, %ebx                 /* remainder (high half 0, %ecx is already 0) */
    movl %edi, %edx
    popl %ebp
    ret
3:  /* Divisor of 2^32 or more: the quotient fits in 32 bits. Restoring division of n_lo's
       32 bits into a running remainder that starts as n_hi (which is below d). The remainder
       before each shift is at most n >> 1, so shifting it never carries out of 64 bits. */
    movl %eax, %esi                 /* n_lo, shifted out as quotient bits come in */
    movl %ebx, %edi                 /* d_lo */
    movl %ecx, %ebp                 /* d_hi */
    movl %edx, %ebx                 /* r_lo = n_hi */
    xorl %ecx, %ecx                 /* r_hi = 0 */
    movl $32, %edx
4:  shll $1, %esi
    rcll $1, %ebx
    rcll $1, %ecx
    cmpl %ebp, %ecx
    ja 5f
    jb 6f
    cmpl %edi, %ebx
    jb 6f
5:  subl %edi, %ebx
    sbbl %ebp, %ecx
    orl $1, %esi
6:  decl %edx
    jnz 4b
    movl %esi, %eax
    xorl %edx, %edx
    popl %ebp
    ret
    .size udivmod64, . - udivmod64

/* Each helper saves ebx/esi/edi, then takes n into %edx:%eax and d into %ecx:%ebx. */
    .globl __tsk_divu64
    .type __tsk_divu64, @function
__tsk_divu64:
    pushl %ebx
    pushl %esi
    pushl %edi
    movl 16(%esp), %eax
    movl 20(%esp), %edx
    movl 24(%esp), %ebx
    movl 28(%esp), %ecx
    call udivmod64
    popl %edi
    popl %esi
    popl %ebx
    ret
    .size __tsk_divu64, . - __tsk_divu64

    .globl __tsk_remu64
    .type __tsk_remu64, @function
__tsk_remu64:
    pushl %ebx
    pushl %esi
    pushl %edi
    movl 16(%esp), %eax
    movl 20(%esp), %edx
    movl 24(%esp), %ebx
    movl 28(%esp), %ecx
    call udivmod64
    movl %ebx, %eax
    movl %ecx, %edx
    popl %edi
    popl %esi
    popl %ebx
    ret
    .size __tsk_remu64, . - __tsk_remu64

/* The signed helpers negate 64-bit halves with neg/adc/neg and fault on INT64_MIN / -1. */

    .globl __tsk_divi64
    .type __tsk_divi64, @function
__tsk_divi64:
    pushl %ebx
    pushl %esi
    pushl %edi
    movl 16(%esp), %eax
    movl 20(%esp), %edx
    movl 24(%esp), %ebx
    movl 28(%esp), %ecx
    cmpl $-1, %ebx
    jne 7f
    cmpl $-1, %ecx
    jne 7f
    cmpl $0x80000000, %edx
    jne 7f
    testl %eax, %eax
    jne 7f
    xorl %ebx, %ebx                 /* raise #DE with a zero divisor: QEMU 7.2's TCG dies of */
    divl %ebx                       /* SIGFPE itself on an idivl of INT64_MIN's halves by -1 */
7:
    pushl %edx                      /* sign of the quotient = sign(n) xor sign(d) */
    xorl %ecx, (%esp)
    testl %edx, %edx
    jns 1f
    negl %eax
    adcl $0, %edx
    negl %edx
1:  testl %ecx, %ecx
    jns 2f
    negl %ebx
    adcl $0, %ecx
    negl %ecx
2:  call udivmod64
    popl %esi
    testl %esi, %esi
    jns 3f
    negl %eax
    adcl $0, %edx
    negl %edx
3:  popl %edi
    popl %esi
    popl %ebx
    ret
    .size __tsk_divi64, . - __tsk_divi64

    .globl __tsk_remi64
    .type __tsk_remi64, @function
__tsk_remi64:
    pushl %ebx
    pushl %esi
    pushl %edi
    movl 16(%esp), %eax
    movl 20(%esp), %edx
    movl 24(%esp), %ebx
    movl 28(%esp), %ecx
    cmpl $-1, %ebx
    jne 7f
    cmpl $-1, %ecx
    jne 7f
    cmpl $0x80000000, %edx
    jne 7f
    testl %eax, %eax
    jne 7f
    xorl %ebx, %ebx                 /* raise #DE with a zero divisor: QEMU 7.2's TCG dies of */
    divl %ebx                       /* SIGFPE itself on an idivl of INT64_MIN's halves by -1 */
7:
    pushl %edx                      /* the remainder takes the dividend's sign */
    testl %edx, %edx
    jns 1f
    negl %eax
    adcl $0, %edx
    negl %edx
1:  testl %ecx, %ecx
    jns 2f
    negl %ebx
    adcl $0, %ecx
    negl %ecx
2:  call udivmod64
    movl %ebx, %eax
    movl %ecx, %edx
    popl %esi
    testl %esi, %esi
    jns 3f
    negl %eax
    adcl $0, %edx
    negl %edx
3:  popl %edi
    popl %esi
    popl %ebx
    ret
    .size __tsk_remi64, . - __tsk_remi64
