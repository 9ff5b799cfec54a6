/* CMOS: the memory-size and CPU-count bytes QEMU's PC keeps there, the status registers, and
   whether the RTC's time fields are valid BCD in 24-hour mode. */
    .text
main:
    movl $cmos_list, %edi
1:  movzbl (%edi), %ecx
    cmpl $0xFF, %ecx
    je 2f
    movl $msg_reg, %esi
    call serial_puts
    movl %ecx, %eax
    call serial_putdec
    movl $msg_eq, %esi
    call serial_puts
    movb %cl, %al
    outb %al, $0x70
    inb $0x71, %al
    movzbl %al, %eax
    call serial_putdec
    movl $msg_nl, %esi
    call serial_puts
    incl %edi
    jmp 1b
2:  /* time fields: seconds, minutes, hours, day, month, year must be BCD in range */
    movl $time_list, %edi
3:  movzbl (%edi), %ecx
    cmpl $0xFF, %ecx
    je 5f
    movb %cl, %al
    outb %al, $0x70
    inb $0x71, %al
    movb %al, %ah
    andb $0x0F, %ah
    cmpb $9, %ah
    ja 4f
    movb %al, %ah
    shrb $4, %ah
    cmpb 1(%edi), %ah           /* highest tens digit allowed */
    ja 4f
    addl $2, %edi
    jmp 3b
4:  movl $msg_bad_time, %esi
    jmp fail
5:  movl $msg_time_ok, %esi
    call serial_puts
    ret

ap_main:
    ret

    .data
/* base memory, extended memory (two copies), memory above 16 MiB, CPU count - 1, status B, D */
cmos_list: .byte 0x15, 0x16, 0x17, 0x18, 0x30, 0x31, 0x34, 0x35, 0x5F, 0x0B, 0x0D, 0xFF
/* register, largest tens digit */
time_list: .byte 0x00, 5, 0x02, 5, 0x04, 2, 0x07, 3, 0x08, 1, 0x09, 9, 0xFF
msg_reg:      .asciz "cmos "
msg_eq:       .asciz " = "
msg_nl:       .asciz "\n"
msg_time_ok:  .asciz "rtc time fields are BCD, 24-hour\n"
msg_bad_time: .asciz "FAIL: an RTC time field is not valid BCD\n"
