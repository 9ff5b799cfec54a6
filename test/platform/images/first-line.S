/* Prints one line and exits at once: for timing boot-to-first-serial-line on every judge
   (needs nothing but COM1, so v86 without SMP runs it too). */
    .text
main:
    movl $msg, %esi
    call serial_puts
    ret

ap_main:
    ret

    .data
msg: .asciz "first line\n"
