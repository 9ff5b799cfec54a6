/* A 64 KiB firmware ROM for -bios: the CPU starts at F000:FFF0 in real mode (the ROM's last
   16 bytes, seen just below 4 GiB), jumps into the copy below 1 MiB, prints a line on COM1
   and leaves through isa-debug-exit. Built as a flat binary (ld --oformat binary). */
    .code16
    .text
start:
    cli
    movw %cs, %ax
    movw %ax, %ds
    movw $0x3F8, %dx
    movw $msg, %si
1:  lodsb
    testb %al, %al
    jz 2f
    outb %al, %dx
    jmp 1b
2:  movb $0x10, %al
    outb %al, $0xF4
3:  hlt
    jmp 3b
msg: .asciz "hello from the reset vector\n"

    .org 0xFFF0
reset_vector:
    ljmp $0xF000, $start
    .org 0x10000
