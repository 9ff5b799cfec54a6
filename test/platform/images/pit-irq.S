/* PIT channel 0 at 1 kHz delivered two ways: through IOAPIC pin 2 (the MADT's IRQ0 -> GSI 2
   override), then through the remapped 8259 as ExtINT on the BSP's LINT0. Counts 10 ticks
   each way. */
    .set IOAPIC_VECTOR, 0x30
    .set PIC_BASE, 0x20
    .text
main:
    call madt_scan
    movl $IOAPIC_VECTOR, %ecx
    movl $ioapic_tick, %eax
    call idt_set_gate
    movl $PIC_BASE, %ecx
    movl $pic_tick, %eax
    call idt_set_gate
    movb $0x34, %al             /* channel 0, lo/hi, mode 2 */
    outb %al, $0x43
    movb $(1193 & 0xFF), %al
    outb %al, $0x40
    movb $(1193 >> 8), %al
    outb %al, $0x40

    /* IOAPIC pin 2 -> vector 0x30 on this CPU */
    call lapic_id
    shll $24, %eax
    movl madt_ioapic_addr, %edx
    movl $0x15, (%edx)
    movl %eax, 0x10(%edx)
    movl $0x14, (%edx)
    movl $IOAPIC_VECTOR, 0x10(%edx)
1:  cli
    cmpl $10, ticks_ioapic
    jae 2f
    sti
    hlt
    jmp 1b
2:  movl $0x14, (%edx)
    movl $0x10000 + IOAPIC_VECTOR, 0x10(%edx) /* mask pin 2 again */
    movl $msg_ioapic, %esi
    call serial_puts

    /* 8259: remap to 0x20/0x28, only IRQ0 unmasked; LINT0 in ExtINT mode */
    movb $0x11, %al
    outb %al, $0x20
    outb %al, $0xA0
    movb $PIC_BASE, %al
    outb %al, $0x21
    movb $PIC_BASE + 8, %al
    outb %al, $0xA1
    movb $0x04, %al
    outb %al, $0x21
    movb $0x02, %al
    outb %al, $0xA1
    movb $0x01, %al
    outb %al, $0x21
    outb %al, $0xA1
    movb $0xFF, %al
    outb %al, $0xA1
    movb $0xFE, %al
    outb %al, $0x21
    movl $0x700, LAPIC + 0x350  /* LVT LINT0: ExtINT, unmasked */
3:  cli
    cmpl $10, ticks_pic
    jae 4f
    sti
    hlt
    jmp 3b
4:  movb $0xFF, %al
    outb %al, $0x21
    movl $msg_pic, %esi
    call serial_puts
    ret

ap_main:
    ret

ioapic_tick:
    incl ticks_ioapic
    movl $0, LAPIC_EOI
    iret

pic_tick:
    pushl %eax
    incl ticks_pic
    movb $0x20, %al             /* non-specific EOI to the master 8259 */
    outb %al, $0x20
    popl %eax
    iret

    .data
msg_ioapic: .asciz "pit irq0 via ioapic pin 2: 10 ticks\n"
msg_pic:    .asciz "pit irq0 via the 8259 (ExtINT on LINT0): 10 ticks\n"
    .align 4
ticks_ioapic: .long 0
ticks_pic:    .long 0
