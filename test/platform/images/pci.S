/* PCI configuration mechanism #1: list bus 0, device 0 and 1 (the i440FX host bridge and the
   PIIX3 ISA bridge every QEMU `pc` has), functions 0-7 where the header says multi-function. */
    .text
main:
    xorl %ebx, %ebx             /* ebx = device */
1:  cmpl $2, %ebx
    jae 9f
    xorl %edi, %edi             /* edi = function */
2:  cmpl $8, %edi
    jae 8f
    movl $0, %eax
    call cfg_read               /* vendor/device */
    cmpw $0xFFFF, %ax
    je 7f
    pushl %eax
    movl $msg_pci, %esi
    call serial_puts
    movl %ebx, %eax
    call serial_putdec
    movb $'.', %al
    call serial_putc
    movl %edi, %eax
    call serial_putdec
    movl $msg_id, %esi
    call serial_puts
    popl %eax
    call serial_puthex32        /* device << 16 | vendor */
    movl $msg_class, %esi
    call serial_puts
    movl $8, %eax
    call cfg_read
    shrl $8, %eax               /* class, subclass, prog-if */
    call serial_puthex32
    movl $msg_nl, %esi
    call serial_puts
    testl %edi, %edi
    jnz 7f
    movl $0x0C, %eax
    call cfg_read
    testl $0x00800000, %eax     /* header type bit 7: multi-function */
    jz 8f
7:  incl %edi
    jmp 2b
8:  incl %ebx
    jmp 1b
9:  ret

/* eax = register; ebx = device, edi = function (bus 0) -> eax = dword */
cfg_read:
    pushl %edx
    movl %ebx, %edx
    shll $11, %edx
    orl %edx, %eax
    movl %edi, %edx
    shll $8, %edx
    orl %edx, %eax
    orl $0x80000000, %eax
    movw $0xCF8, %dx
    outl %eax, %dx
    movw $0xCFC, %dx
    inl %dx, %eax
    popl %edx
    ret

ap_main:
    ret

    .data
msg_pci:   .asciz "pci 00:0"
msg_id:    .asciz " id "
msg_class: .asciz " class "
msg_nl:    .asciz "\n"
