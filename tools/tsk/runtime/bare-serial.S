/*
 * The bare profile's ambient output routines on COM1 (a 16550 at 0x3F8), cdecl:
 *   putc(u8)  puts(C string)  put_i32(i32)  put_u32(u32)  put_hex32(u32)
 * Each polls the Line Status Register's "transmit holding register empty" bit (LSR bit 5)
 * before a write, so they are correct on a real UART, not only on emulators that never fill.
 */
    .set COM1_DATA, 0x3F8
    .set COM1_LSR, 0x3FD
    .set LSR_THR_EMPTY, 0x20

    .text

/* void putc(u8 c) */
    .globl putc
    .type putc, @function
putc:
    movw $COM1_LSR, %dx
1:  inb %dx, %al
    testb $LSR_THR_EMPTY, %al
    jz 1b
    movb 4(%esp), %al
    movw $COM1_DATA, %dx
    outb %al, %dx
    ret
    .size putc, . - putc

/* void puts(const char *s): bytes up to the NUL, no newline added. */
    .globl puts
    .type puts, @function
puts:
    pushl %esi
    movl 8(%esp), %esi
1:  movzbl (%esi), %eax
    testl %eax, %eax
    jz 2f
    pushl %eax
    call putc
    addl $4, %esp
    incl %esi
    jmp 1b
2:  popl %esi
    ret
    .size puts, . - puts

/* void put_u32(u32 v): unsigned decimal, no leading zeros. */
    .globl put_u32
    .type put_u32, @function
put_u32:
    pushl %ebx
    pushl %esi
    subl $12, %esp                  /* digits, least significant first; 10 suffice */
    movl 24(%esp), %eax
    xorl %esi, %esi                 /* digit count */
    movl $10, %ebx
1:  xorl %edx, %edx
    divl %ebx
    addb $'0', %dl
    movb %dl, (%esp,%esi)
    incl %esi
    testl %eax, %eax
    jnz 1b
2:  decl %esi
    movzbl (%esp,%esi), %eax
    pushl %eax
    call putc
    addl $4, %esp
    testl %esi, %esi
    jnz 2b
    addl $12, %esp
    popl %esi
    popl %ebx
    ret
    .size put_u32, . - put_u32

/* void put_i32(i32 v): signed decimal; -2147483648 prints as such (its magnitude fits u32). */
    .globl put_i32
    .type put_i32, @function
put_i32:
    movl 4(%esp), %eax
    testl %eax, %eax
    jns 1f
    pushl $'-'
    call putc
    addl $4, %esp
    movl 4(%esp), %eax
    negl %eax
1:  pushl %eax
    call put_u32
    addl $4, %esp
    ret
    .size put_i32, . - put_i32

/* void put_hex32(u32 v): exactly eight lowercase hex digits, no prefix. */
    .globl put_hex32
    .type put_hex32, @function
put_hex32:
    pushl %ebx
    pushl %esi
    movl 12(%esp), %ebx
    movl $8, %esi
1:  roll $4, %ebx
    movl %ebx, %eax
    andl $15, %eax
    movzbl hex_digits(%eax), %eax
    pushl %eax
    call putc
    addl $4, %esp
    decl %esi
    jnz 1b
    popl %esi
    popl %ebx
    ret
    .size put_hex32, . - put_hex32

    .section .rodata
hex_digits:
    .ascii "0123456789abcdef"
