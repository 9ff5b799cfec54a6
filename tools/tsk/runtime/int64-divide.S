/*
 * 64-bit division, with libgcc's names and signatures (cdecl, operands as two 32-bit halves,
 * result in %edx:%eax), because IA-32 has no 64/64-bit divide instruction:
 *   __udivdi3(u64 n, u64 d)  __umoddi3(u64 n, u64 d)  __divdi3(i64 n, i64 d)  __moddi3(i64 n, i64 d)
 * Division by zero raises #DE, exactly like a 32-bit `div` by zero: the helpers execute one.
 * Signed quotients truncate toward zero, remainders take the dividend's sign; the one
 * overflowing case, INT64_MIN / -1, wraps to INT64_MIN (remainder 0), as libgcc's does.
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

/* Load n into %edx:%eax and d into %ecx:%ebx from a cdecl frame, after SAVE_REGS. */
    .macro LOAD_OPERANDS
    movl 16(%esp), %eax
    movl 20(%esp), %edx
    movl 24(%esp), %ebx
    movl 28(%esp), %ecx
    .endm

    .macro SAVE_REGS
    pushl %ebx
    pushl %esi
    pushl %edi
    .endm

    .macro RESTORE_REGS
    popl %edi
    popl %esi
    popl %ebx
    .endm

    .globl __udivdi3
    .type __udivdi3, @function
__udivdi3:
    SAVE_REGS
    LOAD_OPERANDS
    call udivmod64
    RESTORE_REGS
    ret
    .size __udivdi3, . - __udivdi3

    .globl __umoddi3
    .type __umoddi3, @function
__umoddi3:
    SAVE_REGS
    LOAD_OPERANDS
    call udivmod64
    movl %ebx, %eax
    movl %ecx, %edx
    RESTORE_REGS
    ret
    .size __umoddi3, . - __umoddi3

/* Negate the 64-bit value in \hi:\lo. */
    .macro NEG64 lo, hi
    negl \lo
    adcl $0, \hi
    negl \hi
    .endm

    .globl __divdi3
    .type __divdi3, @function
__divdi3:
    SAVE_REGS
    LOAD_OPERANDS
    pushl %edx                      /* sign of the quotient = sign(n) xor sign(d) */
    xorl %ecx, (%esp)
    testl %edx, %edx
    jns 1f
    NEG64 %eax, %edx
1:  testl %ecx, %ecx
    jns 2f
    NEG64 %ebx, %ecx
2:  call udivmod64
    popl %esi
    testl %esi, %esi
    jns 3f
    NEG64 %eax, %edx
3:  RESTORE_REGS
    ret
    .size __divdi3, . - __divdi3

    .globl __moddi3
    .type __moddi3, @function
__moddi3:
    SAVE_REGS
    LOAD_OPERANDS
    pushl %edx                      /* the remainder takes the dividend's sign */
    testl %edx, %edx
    jns 1f
    NEG64 %eax, %edx
1:  testl %ecx, %ecx
    jns 2f
    NEG64 %ebx, %ecx
2:  call udivmod64
    movl %ebx, %eax
    movl %ecx, %edx
    popl %esi
    testl %esi, %esi
    jns 3f
    NEG64 %eax, %edx
3:  RESTORE_REGS
    ret
    .size __moddi3, . - __moddi3
