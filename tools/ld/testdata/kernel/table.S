/* Data referring to other objects' data; absolute symbols; small relocations. */
    .globl table_checksum
    .set table_checksum, 0x21       /* kmain returns it: QEMU exit status 0x43 */
    .globl trampoline_data
    .set trampoline_data, 0x7000    /* fits R_386_16 */

    .section .rodata.strings, "a"
line1:
    .asciz "table: first line\n"
line2:
    .asciz "table: second line\n"

    .data
    .align 4
    .globl message_table
message_table:
    .long line1
    .long line2
    .long 0
    .long message_table             /* self reference */
    .word trampoline_data           /* R_386_16 */
    .byte table_checksum            /* R_386_8 */
    .byte 0
    .long kmain + 4                 /* symbol plus addend */

    .comm table_common, 24, 4
