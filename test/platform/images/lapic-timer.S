/* LAPIC timer: calibrate it against PIT channel 2 over 10 ms, then run it periodic (1 ms for
   50 ms: about 50 interrupts) and one-shot (10 ms, then 30 ms of waiting: exactly one). */
    .set TIMER_VECTOR, 0x50
    .text
main:
    movl $TIMER_VECTOR, %ecx
    movl $timer_handler, %eax
    call idt_set_gate
    /* calibration: divide by 16, masked one-shot from 0xFFFFFFFF */
    movl $0x3, LAPIC_TIMER_DIV
    movl $0x10000 + TIMER_VECTOR, LAPIC_LVT_TIMER
    movl $0xFFFFFFFF, LAPIC_TIMER_INIT
    movl $11932, %eax           /* 10 ms of PIT */
    call pit_delay_ticks
    movl LAPIC_TIMER_CUR, %eax
    notl %eax                   /* elapsed = 0xFFFFFFFF - current */
    movl %eax, ticks_per_10ms
    /* bus clock in MHz, rounded to 100: elapsed * 16 / 10000, then to the nearest 100 */
    movl $msg_clock, %esi
    call serial_puts
    shll $4, %eax
    addl $50000000 / 100, %eax  /* + half of 100 MHz, in units of (cycles per 10 ms) */
    xorl %edx, %edx
    movl $1000000, %ecx         /* cycles per 10 ms -> units of 100 MHz */
    divl %ecx
    imull $100, %eax
    call serial_putdec
    movl $msg_mhz, %esi
    call serial_puts

    /* periodic, 1 ms */
    movl $0, timer_ticks
    movl ticks_per_10ms, %eax
    xorl %edx, %edx
    movl $10, %ecx
    divl %ecx
    movl $0x20000 + TIMER_VECTOR, LAPIC_LVT_TIMER
    movl %eax, LAPIC_TIMER_INIT
    sti
    movl $50, %eax
    call pit_delay_ms
    cli
    movl $0, LAPIC_TIMER_INIT
    movl timer_ticks, %eax
    cmpl $40, %eax
    jb bad_periodic
    cmpl $60, %eax
    ja bad_periodic
    movl $msg_periodic, %esi
    call serial_puts

    /* one-shot, 10 ms */
    movl $0, timer_ticks
    movl $TIMER_VECTOR, LAPIC_LVT_TIMER
    movl ticks_per_10ms, %eax
    movl %eax, LAPIC_TIMER_INIT
    sti
    movl $30, %eax
    call pit_delay_ms
    cli
    cmpl $1, timer_ticks
    jne bad_oneshot
    cmpl $0, LAPIC_TIMER_CUR
    jne bad_oneshot
    movl $msg_oneshot, %esi
    call serial_puts
    ret

bad_periodic:
    movl $msg_bad_periodic, %esi
    call serial_puts
    call serial_putdec
    movl $msg_nl, %esi
    jmp fail
bad_oneshot:
    movl $msg_bad_oneshot, %esi
    call serial_puts
    movl timer_ticks, %eax
    call serial_putdec
    movl $msg_nl, %esi
    jmp fail

ap_main:
    ret

timer_handler:
    lock incl timer_ticks
    movl $0, LAPIC_EOI
    iret

    .data
msg_clock:    .asciz "lapic timer input ~"
msg_mhz:      .asciz " MHz\n"
msg_periodic: .asciz "periodic: 50 ms gave 40-60 interrupts\n"
msg_oneshot:  .asciz "one-shot: fired once\n"
msg_bad_periodic: .asciz "FAIL: periodic interrupts in 50 ms: "
msg_bad_oneshot:  .asciz "FAIL: one-shot interrupts: "
msg_nl:       .asciz "\n"
    .align 4
ticks_per_10ms: .long 0
timer_ticks:    .long 0
