/* Sleeps 2 s on a one-shot LAPIC timer with every CPU halted, then exits. The count assumes
   the 1 GHz LAPIC timer input QEMU and Damselfly both model (lapic-timer.S measures it):
   divide by 128, 15625000 counts = 2 s. Used by the pacing test and the idle benchmark. */
    .set TIMER_VECTOR, 0x50
    .text
main:
    movl $TIMER_VECTOR, %ecx
    movl $timer_handler, %eax
    call idt_set_gate
    movl $msg_start, %esi
    call serial_puts
    movl $0xA, LAPIC_TIMER_DIV          /* divide by 128 */
    movl $TIMER_VECTOR, LAPIC_LVT_TIMER /* one-shot */
    movl $15625000, LAPIC_TIMER_INIT
    sti
1:  hlt
    cmpl $0, fired
    je 1b
    cli
    movl $msg_done, %esi
    call serial_puts
    ret

ap_main:
    ret

timer_handler:
    movl $1, fired
    movl $0, LAPIC_EOI
    iret

    .data
msg_start: .asciz "sleeping 2 s\n"
msg_done:  .asciz "woke up\n"
    .align 4
fired: .long 0
