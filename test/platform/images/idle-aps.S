/* The idle-cost workload: start every AP (they halt with interrupts off), then the BSP alone
   runs a fixed loop between two lines. Timing the loop with 4 CPUs and with 1 shows what
   halted CPUs cost the host. */
    .set WORK_ITERATIONS, 20000000
    .text
main:
    call madt_scan
    call start_aps
    movl $msg_start, %esi
    call serial_puts
    movl $WORK_ITERATIONS, %ecx
1:  addl %ecx, %eax
    decl %ecx
    jnz 1b
    movl $msg_done, %esi
    call serial_puts
    ret

ap_main:
    ret                         /* to halt_forever: cli; hlt */

    .data
msg_start: .asciz "work start\n"
msg_done:  .asciz "work done\n"
