/* Fixed IPIs between CPUs: the BSP sends 10 physical-destination IPIs to each AP (waiting for
   each to be counted), one all-excluding-self broadcast, one logical (flat model) IPI to all
   APs; then each AP in turn sends one IPI to the next AP; last, the BSP sends itself one.
   Expected: "cpu N ipis 13" for each AP, "cpu 0 ipis 1" for the BSP. The flat logical model
   has 8 bits of logical ID, so this image wants at most 8 CPUs. */
    .set IPI_VECTOR, 0x40
    .set RELAY_VECTOR, 0x41
    .text
main:
    call madt_scan
    movl $IPI_VECTOR, %ecx
    movl $ipi_handler, %eax
    call idt_set_gate
    movl $RELAY_VECTOR, %ecx
    movl $relay_handler, %eax
    call idt_set_gate
    call start_aps
    movl madt_cpu_count, %eax
    decl %eax
1:  cmpl aps_ready, %eax
    jne 1b
    call lapic_id
    movl %eax, %ebx             /* ebx = BSP id */
    /* 10 physical IPIs to each AP */
    xorl %edi, %edi
2:  cmpl madt_cpu_count, %edi
    jae 5f
    movzbl madt_cpu_ids(%edi), %edx
    cmpl %ebx, %edx
    je 4f
    movl $10, %ecx
3:  movl ipi_count(,%edx,4), %esi
    movl %edx, %eax
    shll $24, %eax
    movl %eax, LAPIC_ICR_HI
    movl $IPI_VECTOR, LAPIC_ICR_LO
    call icr_wait
31: cmpl ipi_count(,%edx,4), %esi
    je 31b
    loop 3b
4:  incl %edi
    jmp 2b
5:  /* all excluding self */
    movl $0x000C0000 + IPI_VECTOR, LAPIC_ICR_LO
    call icr_wait
    movl $11, %eax
    call wait_aps_count
    /* logical, flat model: every AP set LDR bit (1 << id) */
    movl all_ap_mask, %eax
    shll $24, %eax
    movl %eax, LAPIC_ICR_HI
    movl $0x00000800 + IPI_VECTOR, LAPIC_ICR_LO
    call icr_wait
    movl $12, %eax
    call wait_aps_count
    /* AP to AP: ask each AP in turn (vector 0x41) to send one IPI to the next AP */
    xorl %edi, %edi
21: cmpl madt_cpu_count, %edi
    jae 23f
    movzbl madt_cpu_ids(%edi), %edx
    cmpl %ebx, %edx
    je 22f
    movl %edx, %eax
    call next_ap
    movl %eax, %ecx             /* ecx = the AP that will be hit */
    movl ipi_count(,%ecx,4), %esi
    movl %edx, %eax
    shll $24, %eax
    movl %eax, LAPIC_ICR_HI
    movl $RELAY_VECTOR, LAPIC_ICR_LO
    call icr_wait
211: cmpl ipi_count(,%ecx,4), %esi
    je 211b
22: incl %edi
    jmp 21b
23: /* self */
    sti
    movl $0x00040000 + IPI_VECTOR, LAPIC_ICR_LO
6:  cmpl $0, ipi_count(,%ebx,4)
    je 6b
    cli
    /* report, in APIC ID order */
    xorl %edi, %edi
7:  cmpl madt_cpu_count, %edi
    jae 8f
    movzbl madt_cpu_ids(%edi), %edx
    movl $msg_cpu, %esi
    call serial_puts
    movl %edx, %eax
    call serial_putdec
    movl $msg_ipis, %esi
    call serial_puts
    movl ipi_count(,%edx,4), %eax
    call serial_putdec
    movl $msg_nl, %esi
    call serial_puts
    incl %edi
    jmp 7b
8:  ret

/* eax = an AP's APIC ID -> the next AP's (IDs 1..count-1 wrap around, skipping the BSP's 0). */
next_ap:
    pushl %ecx
    pushl %edx
    movl madt_cpu_count, %ecx
    decl %ecx                   /* number of APs */
    xorl %edx, %edx
    divl %ecx                   /* edx = id % APs */
    leal 1(%edx), %eax
    popl %edx
    popl %ecx
    ret

/* Wait until every AP's counter reaches eax. */
wait_aps_count:
    pushl %edi
    pushl %edx
    xorl %edi, %edi
1:  cmpl madt_cpu_count, %edi
    jae 3f
    movzbl madt_cpu_ids(%edi), %edx
    cmpl %ebx, %edx
    je 2f
11: cmpl %eax, ipi_count(,%edx,4)
    jb 11b
2:  incl %edi
    jmp 1b
3:  popl %edx
    popl %edi
    ret

ap_main:
    call lapic_id
    movl %eax, %ecx
    movl $1, %eax
    shll %cl, %eax
    lock orl %eax, all_ap_mask
    shll $24, %eax
    movl %eax, LAPIC + 0xD0     /* LDR: logical ID bit (1 << apic id) */
    movl $0xFFFFFFFF, LAPIC + 0xE0 /* DFR: flat model */
    lock incl aps_ready
    sti
1:  hlt
    jmp 1b

relay_handler:                  /* an AP passes one fixed IPI on to the next AP */
    pushal
    call lapic_id
    call next_ap
    shll $24, %eax
    movl %eax, LAPIC_ICR_HI
    movl $IPI_VECTOR, LAPIC_ICR_LO
    call icr_wait
    movl $0, LAPIC_EOI
    popal
    iret

ipi_handler:
    pushl %eax
    call lapic_id
    lock incl ipi_count(,%eax,4)
    movl $0, LAPIC_EOI
    popl %eax
    iret

    .data
msg_cpu:  .asciz "cpu "
msg_ipis: .asciz " ipis "
msg_nl:   .asciz "\n"
    .align 4
aps_ready:   .long 0
all_ap_mask: .long 0
ipi_count:   .space 4 * 256
