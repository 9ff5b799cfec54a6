/* UART receive interrupt through the IOAPIC: COM1 IRQ4 on IOAPIC pin 4 -> vector 0x34 on the
   BSP. Prints "ready", then collects a line typed on the serial port from interrupts only, and
   echoes it back with the number of interrupts taken. */
    .set UART_VECTOR, 0x34
    .text
main:
    call madt_scan
    movl $UART_VECTOR, %ecx
    movl $uart_handler, %eax
    call idt_set_gate
    call lapic_id
    shll $24, %eax
    movl madt_ioapic_addr, %edx
    movl $0x19, (%edx)          /* pin 4, high dword: destination */
    movl %eax, 0x10(%edx)
    movl $0x18, (%edx)          /* pin 4, low dword: fixed, physical, edge, unmasked */
    movl $UART_VECTOR, 0x10(%edx)
    movw $COM1 + 2, %dx
    movb $0x07, %al             /* FIFO on and cleared, trigger at 1 byte */
    outb %al, %dx
    movw $COM1 + 4, %dx
    movb $0x0B, %al             /* DTR, RTS, OUT2 (the PC's IRQ enable) */
    outb %al, %dx
    movw $COM1 + 1, %dx
    movb $0x01, %al             /* IER: received data available */
    outb %al, %dx
    movl $msg_ready, %esi
    call serial_puts
    /* Test and halt with interrupts off, then "sti; hlt": STI's one-instruction shadow makes
       the pair atomic, so an interrupt landing after the test cannot be slept through. */
1:  cli
    cmpl $0, line_done
    jne 2f
    sti
    hlt
    jmp 1b
2:  cli
    movl $msg_got, %esi
    call serial_puts
    movl $line, %esi
    call serial_puts
    movl $msg_irqs, %esi
    call serial_puts
    cmpl $0, uart_irqs
    je 3f
    movl $msg_some, %esi
    call serial_puts
    ret
3:  movl $msg_none, %esi
    jmp fail

ap_main:
    ret

uart_handler:
    pushal
    incl uart_irqs
1:  movw $COM1 + 5, %dx
    inb %dx, %al
    testb $1, %al
    jz 3f
    movw $COM1, %dx
    inb %dx, %al
    cmpb $'\n', %al
    je 2f
    cmpb $'\r', %al
    je 2f
    movl line_len, %ecx
    cmpl $60, %ecx
    jae 1b
    movb %al, line(%ecx)
    incl line_len
    jmp 1b
2:  movl $1, line_done
    jmp 1b
3:  movl $0, LAPIC_EOI
    popal
    iret

    .data
msg_ready: .asciz "ready\n"
msg_got:   .asciz "got '"
msg_irqs:  .asciz "' through ioapic pin 4, "
msg_some:  .asciz "interrupt driven\n"
msg_none:  .asciz "FAIL: no interrupt\n"
    .align 4
uart_irqs: .long 0
line_done: .long 0
line_len:  .long 0
line:      .space 64
