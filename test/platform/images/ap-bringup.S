/* AP bring-up: find the CPUs in the MADT, start each AP with INIT/SIPI/SIPI, and have every
   CPU print its LAPIC ID. Expected: one "cpu N up" line per CPU (any order), then "all up". */
    .text
main:
    call madt_scan
    call console_lock
    movl $msg_bsp, %esi
    call serial_puts
    call lapic_id
    call serial_putdec
    movl $msg_up, %esi
    call serial_puts
    call console_unlock
    call start_aps
    movl madt_cpu_count, %eax   /* wait until every AP has printed, not just started */
    decl %eax
1:  cmpl aps_reported, %eax
    je 2f
    pause
    jmp 1b
2:  call console_lock
    movl $msg_all, %esi
    call serial_puts
    movl madt_cpu_count, %eax
    call serial_putdec
    movl $msg_nl, %esi
    call serial_puts
    call console_unlock
    ret

ap_main:
    call console_lock
    movl $msg_bsp, %esi
    call serial_puts
    call lapic_id
    call serial_putdec
    movl $msg_up, %esi
    call serial_puts
    call console_unlock
    lock incl aps_reported
    ret

    .data
    .align 4
aps_reported: .long 0
msg_bsp: .asciz "cpu "
msg_up:  .asciz " up\n"
msg_all: .asciz "all up: "
msg_nl:  .asciz "\n"
