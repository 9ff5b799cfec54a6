/* The demo `make run` boots until the kernel exists: every CPU greets, then the BSP echoes
   what is typed on the serial console (receive interrupts through the IOAPIC) while all CPUs
   halt between interrupts. Ctrl-D ends the run through isa-debug-exit. */
    .set UART_VECTOR, 0x34
    .text
main:
    call madt_scan
    movl $UART_VECTOR, %ecx
    movl $uart_handler, %eax
    call idt_set_gate
    call console_lock
    movl $msg_hello, %esi
    call serial_puts
    call lapic_id
    call serial_putdec
    movl $msg_bsp, %esi
    call serial_puts
    call console_unlock
    call start_aps
    movl madt_cpu_count, %eax
    decl %eax
1:  cmpl aps_greeted, %eax
    jne 1b
    call console_lock
    movl $msg_all, %esi
    call serial_puts
    movl madt_cpu_count, %eax
    call serial_putdec
    movl $msg_type, %esi
    call serial_puts
    call console_unlock
    /* COM1 IRQ4 -> IOAPIC pin 4 -> this CPU */
    call lapic_id
    shll $24, %eax
    movl madt_ioapic_addr, %edx
    movl $0x19, (%edx)
    movl %eax, 0x10(%edx)
    movl $0x18, (%edx)
    movl $UART_VECTOR, 0x10(%edx)
    movw $COM1 + 2, %dx
    movb $0x07, %al
    outb %al, %dx
    movw $COM1 + 4, %dx
    movb $0x0B, %al
    outb %al, %dx
    movw $COM1 + 1, %dx
    movb $0x01, %al
    outb %al, %dx
    sti
2:  hlt
    jmp 2b

ap_main:
    call console_lock
    movl $msg_hello, %esi
    call serial_puts
    call lapic_id
    call serial_putdec
    movl $msg_ap, %esi
    call serial_puts
    call console_unlock
    lock incl aps_greeted
    ret                         /* back to halt_forever: cli; hlt */

uart_handler:
    pushal
1:  movw $COM1 + 5, %dx
    inb %dx, %al
    testb $1, %al
    jz 3f
    movw $COM1, %dx
    inb %dx, %al
    cmpb $4, %al                /* Ctrl-D */
    je 4f
    cmpb $'\r', %al
    jne 2f
    call serial_putc
    movb $'\n', %al
2:  call serial_putc
    jmp 1b
3:  movl $0, LAPIC_EOI
    popal
    iret
4:  movl $msg_bye, %esi
    call serial_puts
    DEBUG_EXIT_WITH 0
    jmp halt_forever

    .data
msg_hello: .asciz "Hello from CPU "
msg_bsp:   .asciz " (bootstrap processor)\n"
msg_ap:    .asciz " (application processor, started by INIT/SIPI/SIPI)\n"
msg_all:   .asciz "All "
msg_type:  .asciz " CPUs are up. Type and the BSP echoes it through IOAPIC interrupts; Ctrl-D exits.\n"
msg_bye:   .asciz "\nbye\n"
    .align 4
aps_greeted: .long 0
