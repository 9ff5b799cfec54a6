/* Prints what the loader left in the Multiboot information structure: flags, memory sizes,
   command line, modules (string, size, first bytes) and the memory map. */
    .text
main:
    movl mbi_saved, %ebx
    movl $msg_flags, %esi
    call serial_puts
    movl (%ebx), %eax
    call serial_puthex32
    movl $msg_lower, %esi
    call serial_puts
    movl 4(%ebx), %eax
    call serial_putdec
    movl $msg_upper, %esi
    call serial_puts
    movl 8(%ebx), %eax
    call serial_putdec
    movl $msg_cmdline, %esi
    call serial_puts
    movl 16(%ebx), %esi
    call serial_puts
    movl $msg_quote_nl, %esi
    call serial_puts
    /* modules */
    movl 20(%ebx), %ecx
    movl 24(%ebx), %edi
1:  testl %ecx, %ecx
    jz 2f
    movl $msg_mod, %esi
    call serial_puts
    movl 8(%edi), %esi
    call serial_puts
    movl $msg_size, %esi
    call serial_puts
    movl 4(%edi), %eax
    subl (%edi), %eax
    call serial_putdec
    movl $msg_aligned, %esi
    call serial_puts
    movl (%edi), %eax
    andl $0xFFF, %eax
    call serial_putdec
    movl $msg_nl, %esi
    call serial_puts
    addl $16, %edi
    decl %ecx
    jmp 1b
2:  /* memory map */
    movl 48(%ebx), %edi
    movl 44(%ebx), %ecx
    addl %edi, %ecx             /* ecx = end */
3:  cmpl %ecx, %edi
    jae 4f
    movl $msg_mmap, %esi
    call serial_puts
    movl 4(%edi), %eax
    call serial_puthex32
    movl $msg_len, %esi
    call serial_puts
    movl 12(%edi), %eax
    call serial_puthex32
    movl $msg_type, %esi
    call serial_puts
    movl 20(%edi), %eax
    call serial_putdec
    movl $msg_nl, %esi
    call serial_puts
    addl (%edi), %edi
    addl $4, %edi
    jmp 3b
4:  ret

ap_main:
    ret

    .data
msg_flags:    .asciz "flags 0x"
msg_lower:    .asciz " mem_lower "
msg_upper:    .asciz " mem_upper "
msg_cmdline:  .asciz "\ncmdline '"
msg_quote_nl: .asciz "'\n"
msg_mod:      .asciz "module '"
msg_size:     .asciz "' size "
msg_aligned:  .asciz " page offset "
msg_mmap:     .asciz "mmap 0x"
msg_len:      .asciz " len 0x"
msg_type:     .asciz " type "
msg_nl:       .asciz "\n"
