/* Sleeps 1 s on a one-shot LAPIC timer while every AP spins: in the default (interactive)
   clock mode, guest time must keep up with the wall clock although the CPUs are busy. */
    .set TIMER_VECTOR, 0x50
    .text
main:
    call madt_scan
    movl $TIMER_VECTOR, %ecx
    movl $timer_handler, %eax
    call idt_set_gate
    call start_aps
    movl $msg_start, %esi
    call serial_puts
    movl $0xA, LAPIC_TIMER_DIV          /* divide by 128 */
    movl $TIMER_VECTOR, LAPIC_LVT_TIMER /* one-shot */
    movl $7812500, LAPIC_TIMER_INIT     /* 1 s at 1 GHz / 128 */
1:  cli
    cmpl $0, fired
    jne 2f
    sti
    hlt
    jmp 1b
2:  movl $msg_done, %esi
    call serial_puts
    ret

ap_main:
1:  pause
    jmp 1b

timer_handler:
    movl $1, fired
    movl $0, LAPIC_EOI
    iret

    .data
msg_start: .asciz "sleeping 1 s with busy APs\n"
msg_done:  .asciz "woke up\n"
    .align 4
fired: .long 0
