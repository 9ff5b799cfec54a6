/*
 * Shared by the platform test images: entry, AP trampoline, serial output under a lock,
 * IDT setup, LAPIC helpers, PIT delays, and the ACPI MADT walk. Each image defines
 * `main` (BSP, after entry) and `ap_main` (every AP, on its own stack, IF=0).
 * Prepended after gnu-image.ts's COMMON_MACROS; FLAT_GDT_DATA and SERIAL_ROUTINES follow.
 */
    .set LAPIC, 0xFEE00000
    .set LAPIC_ID, LAPIC + 0x20
    .set LAPIC_EOI, LAPIC + 0xB0
    .set LAPIC_SVR, LAPIC + 0xF0
    .set LAPIC_ESR, LAPIC + 0x280
    .set LAPIC_ICR_LO, LAPIC + 0x300
    .set LAPIC_ICR_HI, LAPIC + 0x310
    .set LAPIC_LVT_TIMER, LAPIC + 0x320
    .set LAPIC_TIMER_INIT, LAPIC + 0x380
    .set LAPIC_TIMER_CUR, LAPIC + 0x390
    .set LAPIC_TIMER_DIV, LAPIC + 0x3E0
    .set IOAPIC, 0xFEC00000
    .set TRAMPOLINE, 0x8000
    .set EXIT_PASS, 0x10          /* status 0x21 */
    .set EXIT_FAIL, 0x11          /* status 0x23 */
    .set MAX_CPUS, 16

    .text
    .globl _start
_start:
    movl %ebx, mbi_saved        /* the Multiboot information, for images that read it */
    LOAD_FLAT_GDT
    movl $bsp_stack_top, %esp
    movb $0xFF, %al             /* mask both 8259s: interrupts come through the APICs */
    outb %al, $0x21
    outb %al, $0xA1
    call lapic_enable
    call idt_init
    call main
    DEBUG_EXIT_WITH EXIT_PASS
halt_forever:
    cli
    hlt
    jmp halt_forever

fail:                           /* esi = message */
    call serial_puts
    DEBUG_EXIT_WITH EXIT_FAIL
    jmp halt_forever

/* ---- AP bring-up ------------------------------------------------------------------- */

    .code16
trampoline_start:
    cli
    cld
    movw %cs, %ax
    movw %ax, %ds
    lgdtl (tramp_gdt_desc - trampoline_start)
    movl %cr0, %eax
    orl $1, %eax
    movl %eax, %cr0
    ljmpl $0x08, $ap_start32
    .align 4
tramp_gdt_desc:
    .word gdt_end - gdt - 1
    .long gdt
trampoline_end:
    .code32

ap_start32:
    movw $0x10, %ax
    movw %ax, %ds
    movw %ax, %es
    movw %ax, %ss
    movw %ax, %fs
    movw %ax, %gs
    movl $1, %eax
    lock xaddl %eax, next_stack
    incl %eax
    shll $12, %eax
    addl $ap_stacks, %eax
    movl %eax, %esp
    lidt idt_descriptor
    call lapic_enable
    lock incl aps_started
    call ap_main
    jmp halt_forever

/* Copy the trampoline to 0x8000 and start every CPU the MADT lists except this one with the
   MP spec's INIT, 10 ms, SIPI, 200 us, SIPI sequence (each step sent to all APs in turn, so
   the 10 ms wait is paid once), then wait until every AP has checked in. */
start_aps:
    pushal
    movl $trampoline_start, %esi
    movl $TRAMPOLINE, %edi
    movl $(trampoline_end - trampoline_start), %ecx
    rep movsb
    movl $0x0000C500, %eax      /* INIT, level, assert */
    call send_to_aps
    movl $0x00008500, %eax      /* INIT de-assert */
    call send_to_aps
    movl $10, %eax
    call pit_delay_ms
    movl $0x00000600 + (TRAMPOLINE >> 12), %eax
    call send_to_aps
    movl $239, %eax             /* 200 us */
    call pit_delay_ticks
    movl $0x00000600 + (TRAMPOLINE >> 12), %eax
    call send_to_aps
    movl madt_cpu_count, %eax
    decl %eax
1:  cmpl aps_started, %eax
    je 2f
    pause
    jmp 1b
2:  popal
    ret

/* Write ICR low = eax for every CPU in the MADT except this one (physical destination). */
send_to_aps:
    pushal
    movl %eax, %ebp
    call lapic_id
    movl %eax, %ebx             /* ebx = own id */
    xorl %edi, %edi
1:  cmpl madt_cpu_count, %edi
    jae 3f
    movzbl madt_cpu_ids(%edi), %eax
    cmpl %ebx, %eax
    je 2f
    shll $24, %eax
    movl %eax, LAPIC_ICR_HI
    movl %ebp, LAPIC_ICR_LO
    call icr_wait
2:  incl %edi
    jmp 1b
3:  popal
    ret

icr_wait:
    testl $0x1000, LAPIC_ICR_LO
    jz 1f
    pause
    jmp icr_wait
1:  ret

/* ---- LAPIC ------------------------------------------------------------------------- */

lapic_id:                       /* eax = this CPU's APIC ID */
    movl LAPIC_ID, %eax
    shrl $24, %eax
    ret

lapic_enable:
    movl $0x1FF, LAPIC_SVR      /* software-enable, spurious vector 0xFF */
    ret

lapic_eoi:
    movl $0, LAPIC_EOI
    ret

/* ---- PIT channel 2 delays ---------------------------------------------------------- */

/* Busy-wait eax ticks of the 1.193182 MHz PIT (eax < 65536) using channel 2, mode 0. */
pit_delay_ticks:
    pushl %eax
    pushl %ecx
    movl %eax, %ecx
    inb $0x61, %al
    andb $0xFC, %al
    orb $0x01, %al              /* gate on, speaker off */
    outb %al, $0x61
    movb $0xB0, %al             /* channel 2, lo/hi, mode 0 */
    outb %al, $0x43
    movb %cl, %al
    outb %al, $0x42
    movb %ch, %al
    outb %al, $0x42
1:  inb $0x61, %al
    testb $0x20, %al
    jz 1b
    popl %ecx
    popl %eax
    ret

pit_delay_ms:                   /* eax = milliseconds */
    pushl %ecx
    movl %eax, %ecx
1:  movl $1193, %eax
    call pit_delay_ticks
    loop 1b
    popl %ecx
    ret

/* ---- serial output shared by all CPUs ---------------------------------------------- */

console_lock:
    pushl %eax
1:  movl $1, %eax
    xchgl %eax, console_lock_word
    testl %eax, %eax
    jz 2f
    pause
    jmp 1b
2:  popl %eax
    ret

console_unlock:
    movl $0, console_lock_word
    ret

serial_putdec:                  /* eax = unsigned value, printed in decimal */
    pushal
    movl $10, %ebx
    xorl %ecx, %ecx
1:  xorl %edx, %edx
    divl %ebx
    pushl %edx
    incl %ecx
    testl %eax, %eax
    jnz 1b
2:  popl %eax
    addb $'0', %al
    call serial_putc
    loop 2b
    popal
    ret

/* ---- interrupts -------------------------------------------------------------------- */

/* Point every IDT gate at `unexpected_interrupt`, then load the IDT. */
idt_init:
    pushal
    xorl %ecx, %ecx
1:  movl $unexpected_interrupt, %eax
    call idt_set_gate
    incl %ecx
    cmpl $256, %ecx
    jb 1b
    movl $ignore_spurious, %eax
    movl $0xFF, %ecx
    call idt_set_gate
    lidt idt_descriptor
    popal
    ret

idt_set_gate:                   /* ecx = vector, eax = handler */
    pushl %edx
    movl %eax, %edx
    andl $0xFFFF, %edx
    orl $0x00080000, %edx
    movl %edx, idt(,%ecx,8)
    movl %eax, %edx
    andl $0xFFFF0000, %edx
    orl $0x8E00, %edx
    movl %edx, idt+4(,%ecx,8)
    popl %edx
    ret

unexpected_interrupt:
    movl $msg_unexpected, %esi
    jmp fail

ignore_spurious:
    iret

/* ---- ACPI: find the MADT, list the CPUs' APIC IDs and the IOAPIC -------------------- */

/* Fills madt_cpu_ids/madt_cpu_count/madt_ioapic_id/madt_ioapic_addr; eax = MADT address. */
madt_scan:
    pushl %ebx
    pushl %ecx
    pushl %edx
    pushl %esi
    movl $0xE0000, %esi
1:  cmpl $0x100000, %esi
    jae 9f
    cmpl $0x20445352, (%esi)    /* "RSD " */
    jne 2f
    cmpl $0x20525450, 4(%esi)   /* "PTR " */
    je 3f
2:  addl $16, %esi
    jmp 1b
3:  movl 16(%esi), %ebx         /* RSDT */
    movl 4(%ebx), %ecx
    subl $36, %ecx
    shrl $2, %ecx
    leal 36(%ebx), %edx
4:  testl %ecx, %ecx
    jz 9f
    movl (%edx), %eax
    cmpl $0x43495041, (%eax)    /* "APIC" */
    je 5f
    addl $4, %edx
    decl %ecx
    jmp 4b
5:  movl %eax, madt_address
    movl 4(%eax), %ecx
    leal (%eax,%ecx), %edx      /* edx = end */
    leal 44(%eax), %esi
6:  cmpl %edx, %esi
    jae 8f
    movzbl (%esi), %eax
    cmpb $0, %al
    jne 7f
    testl $1, 4(%esi)
    jz 7f
    movl madt_cpu_count, %ecx
    movb 3(%esi), %al
    movb %al, madt_cpu_ids(%ecx)
    incl madt_cpu_count
    movzbl (%esi), %eax
7:  cmpb $1, %al
    jne 71f
    movzbl 2(%esi), %ecx
    movl %ecx, madt_ioapic_id
    movl 4(%esi), %ecx
    movl %ecx, madt_ioapic_addr
71: movzbl 1(%esi), %eax
    addl %eax, %esi
    jmp 6b
8:  movl madt_address, %eax
    popl %esi
    popl %edx
    popl %ecx
    popl %ebx
    ret
9:  movl $msg_no_madt, %esi
    jmp fail

    .data
msg_unexpected: .asciz "FAIL: unexpected interrupt or exception\n"
msg_no_madt:    .asciz "FAIL: no ACPI MADT found\n"
    .align 4
console_lock_word: .long 0
mbi_saved:      .long 0
next_stack:     .long 0
aps_started:    .long 0
madt_address:   .long 0
madt_cpu_count: .long 0
madt_ioapic_id: .long 0
madt_ioapic_addr: .long 0
madt_cpu_ids:   .space MAX_CPUS
    .align 8
idt_descriptor:
    .word 256 * 8 - 1
    .long idt

    .bss
    .align 4096
idt:            .space 256 * 8
bsp_stack:      .space 8192
bsp_stack_top:
ap_stacks:      .space 4096 * (MAX_CPUS + 1)
