/* Triple fault: an empty IDT, then a breakpoint exception: #BP -> #GP -> #DF -> shutdown.
   With -no-reboot QEMU exits 0; Damselfly reports the CPU state and exits 0 too. */
    .text
main:
    movl $msg, %esi
    call serial_puts
    lidt empty_idt
    int3
    ret

ap_main:
    ret

    .data
msg: .asciz "about to triple fault\n"
    .align 8
empty_idt:
    .word 0
    .long 0
