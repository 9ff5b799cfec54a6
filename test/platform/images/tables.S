/* Firmware tables: list the CPUs and the IOAPIC from the ACPI MADT and from the Intel MP
   table (found in the EBDA's first KiB, the last KiB of base memory, or 0xF0000-0xFFFFF). */
    .text
main:
    call madt_scan
    xorl %edi, %edi
1:  cmpl madt_cpu_count, %edi
    jae 2f
    movl $msg_madt_cpu, %esi
    call serial_puts
    movzbl madt_cpu_ids(%edi), %eax
    call serial_putdec
    movl $msg_nl, %esi
    call serial_puts
    incl %edi
    jmp 1b
2:  movl $msg_madt_ioapic, %esi
    call serial_puts
    movl madt_ioapic_id, %eax
    call serial_putdec
    movl $msg_addr, %esi
    call serial_puts
    movl madt_ioapic_addr, %eax
    call serial_puthex32
    movl $msg_nl, %esi
    call serial_puts

    /* MP floating pointer */
    movzwl 0x40E, %eax
    shll $4, %eax
    leal 1024(%eax), %edx
    call mp_search
    jnc 3f
    movl $0x9FC00, %eax
    movl $0xA0000, %edx
    call mp_search
    jnc 3f
    movl $0xF0000, %eax
    movl $0x100000, %edx
    call mp_search
    jnc 3f
    movl $msg_no_mp, %esi
    jmp fail
3:  movl 4(%eax), %ebx          /* config table */
    movzwl 34(%ebx), %ecx       /* entry count */
    leal 44(%ebx), %esi
4:  testl %ecx, %ecx
    jz 9f
    movzbl (%esi), %eax
    cmpb $0, %al
    je 5f
    cmpb $2, %al
    je 7f
    addl $8, %esi
    decl %ecx
    jmp 4b
5:  pushl %esi
    movzbl 1(%esi), %eax
    movzbl 3(%esi), %edx
    movl $msg_mp_cpu, %esi
    call serial_puts
    call serial_putdec
    testl $2, %edx
    jz 6f
    movl $msg_bsp, %esi
    call serial_puts
6:  movl $msg_nl, %esi
    call serial_puts
    popl %esi
    addl $20, %esi
    decl %ecx
    jmp 4b
7:  pushl %esi
    movzbl 1(%esi), %eax
    movl 4(%esi), %edx
    movl $msg_mp_ioapic, %esi
    call serial_puts
    call serial_putdec
    movl $msg_addr, %esi
    call serial_puts
    movl %edx, %eax
    call serial_puthex32
    movl $msg_nl, %esi
    call serial_puts
    popl %esi
    addl $8, %esi
    decl %ecx
    jmp 4b
9:  call fw_cfg_report
    movl $msg_lapic_ver, %esi   /* the controllers' version registers */
    call serial_puts
    movl LAPIC + 0x30, %eax
    call serial_puthex32
    movl $msg_ioapic_ver, %esi
    call serial_puts
    movl madt_ioapic_addr, %edx
    movl $1, (%edx)
    movl 0x10(%edx), %eax
    call serial_puthex32
    movl $msg_nl, %esi
    call serial_puts
    ret

/* fw_cfg (ports 0x510/0x511): signature, CPU count and RAM size. */
fw_cfg_report:
    movl $msg_fw_cfg, %esi
    call serial_puts
    movw $0x510, %dx
    movw $0x0000, %ax           /* signature */
    outw %ax, %dx
    incw %dx
    movl $4, %ecx
1:  inb %dx, %al
    call serial_putc
    loop 1b
    movl $msg_cpus, %esi
    call serial_puts
    decw %dx
    movw $0x0005, %ax           /* CPU count, 16-bit */
    outw %ax, %dx
    incw %dx
    inb %dx, %al
    movb %al, %bl
    inb %dx, %al
    movb %al, %bh
    movzwl %bx, %eax
    call serial_putdec
    movl $msg_ram, %esi
    call serial_puts
    decw %dx
    movw $0x0003, %ax           /* RAM size, 64-bit; print the low dword in MiB */
    outw %ax, %dx
    incw %dx
    xorl %ebx, %ebx
    movl $4, %ecx
2:  inb %dx, %al
    rorl $8, %ebx
    movb %al, %bl
    loop 2b
    rorl $8, %ebx
    shrl $20, %ebx
    movl %ebx, %eax
    call serial_putdec
    movl $msg_mib, %esi
    call serial_puts
    ret

/* Search [eax, edx) on 16-byte boundaries for "_MP_" with a valid checksum.
   CF clear and eax = address when found. */
mp_search:
    pushl %ecx
    pushl %ebx
1:  cmpl %edx, %eax
    jae 4f
    cmpl $0x5F504D5F, (%eax)
    jne 3f
    xorl %ecx, %ecx
    xorl %ebx, %ebx
2:  addb (%eax,%ecx), %bl
    incl %ecx
    cmpl $16, %ecx
    jb 2b
    testb %bl, %bl
    jz 5f
3:  addl $16, %eax
    jmp 1b
4:  popl %ebx
    popl %ecx
    stc
    ret
5:  popl %ebx
    popl %ecx
    clc
    ret

ap_main:
    ret

    .data
msg_madt_cpu:    .asciz "madt cpu "
msg_madt_ioapic: .asciz "madt ioapic "
msg_mp_cpu:      .asciz "mp cpu "
msg_mp_ioapic:   .asciz "mp ioapic "
msg_bsp:         .asciz " bsp"
msg_addr:        .asciz " at 0x"
msg_no_mp:       .asciz "FAIL: no MP floating pointer\n"
msg_nl:          .asciz "\n"
msg_fw_cfg:      .asciz "fw_cfg "
msg_lapic_ver:   .asciz "lapic version 0x"
msg_ioapic_ver:  .asciz " ioapic version 0x"
msg_cpus:        .asciz " cpus "
msg_ram:         .asciz " ram "
msg_mib:         .asciz " MiB\n"
