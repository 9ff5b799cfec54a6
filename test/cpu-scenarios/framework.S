/*
 * The frame around the paging and exception scenarios of scenarios.S (GNU as, AT&T syntax):
 * set-up, exception entry, reporting. Assembled at test time after
 * COMMON_MACROS and run on QEMU, v86 and our machine; each scenario prints one line:
 *
 *   name [key=value ...] -> ok
 *   name [key=value ...] -> #vv err=eeeeeeee at=aaaaaaaa cs=cccc [cr2=...] [user ss=.. esp=.. kesp=..]
 *
 * "at" is the saved EIP minus the scenario's MARK (0 for a fault, the instruction length for a
 * trap); "kesp" is ESP after the handler popped the frame minus the TSS's ESP0 (0 when the
 * stack switch used ESP0). Expected lines are in expected.ts, taken from the Intel SDM.
 *
 * Memory (identity mapped 0-4 MiB by one page table, user-accessible unless listed):
 *   0x300000 supervisor read-only     0x301000 user read/write (user stack)
 *   0x302000 user read-only           0x303000 not present
 *   0x304000 supervisor read/write    0x305000 TLB test page -> 0x306000 or 0x307000
 *   0x306000 holds 0x11111111         0x307000 holds 0x22222222
 *   0x308000 A/D test page (PTE starts with A = D = 0)
 *   0x400000-0x7fffff not present (PDE 1)   0x800000-0xbfffff 4 MiB PSE page -> 0
 *   0x006000 real-mode trampoline (copied there by real_mode_round_trip)
 */

    .set USER_STACK_TOP, 0x302000
    .set SEL_CODE0, 0x08
    .set SEL_DATA0, 0x10
    .set SEL_CODE3, 0x1B
    .set SEL_DATA3, 0x23
    .set SEL_TSS, 0x28
    .set SEL_NOT_PRESENT, 0x30
    .set SEL_SMALL, 0x38
    .set SEL_CODE16, 0x40
    .set SEL_DATA16, 0x48
    .set SEL_SMALL3, 0x53               /* ring-3 data with a 4 KiB limit, RPL 3 */
    .set TRAMP_BASE, 0x6000             /* where the real-mode round trip code is copied */
    .set CR0_WP, 0x00010000
    .set CR0_PG, 0x80000000
    .set CR4_PSE, 0x10
    .set CR4_PGE, 0x80

/* ---- scenario framework ------------------------------------------------------------ */

    .macro BEGIN name
    .pushsection .rodata
.Lstr_\name: .asciz "\name"
    .popsection
    movl $.Lstr_\name, %esi
    call scenario_begin
    movl $.Lrecover_\name, recover_eip
    movl %esp, scenario_esp
    .endm

    .macro MARK name
.Lmark_\name:
    .endm

    .macro END name
.Lrecover_\name:
    movl $.Lmark_\name, %eax
    call scenario_end
    .endm

    /* END in two halves, for scenarios that print register state after the exception. */
    .macro RECOVER name
.Lrecover_\name:
    .endm
    .macro REPORT name
    movl $.Lmark_\name, %eax
    call scenario_end
    .endm

    /* Print " key=value" (value in eax, 8 hex digits); ring 0 only. */
    .macro PRINT key
    .pushsection .rodata
.Lkey\@: .asciz " \key="
    .popsection
    pushl %eax
    movl $.Lkey\@, %esi
    call serial_puts
    popl %eax
    movl $8, %ecx
    call puthex
    .endm

    /* iret to ring 3 at the next instruction, on the user stack; then load user data segments. */
    .macro ENTER_USER
    pushl $SEL_DATA3
    pushl $USER_STACK_TOP
    pushl $0x002
    pushl $SEL_CODE3
    pushl $1f
    iret
1:  movw $SEL_DATA3, %ax
    movw %ax, %ds
    movw %ax, %es
    movw %ax, %fs
    movw %ax, %gs
    .endm

    .text
    .globl _start
_start:
    movl $kstack_main_top, %esp
    lgdt gdt_descriptor
    ljmp $SEL_CODE0, $1f
1:  movw $SEL_DATA0, %ax
    movw %ax, %ds
    movw %ax, %es
    movw %ax, %fs
    movw %ax, %gs
    movw %ax, %ss
    call build_idt
    call build_tss
    call build_paging
    movl $SEL_TSS, %eax
    ltr %ax
    xorl %eax, %eax
    lldt %ax                            /* no LDT: the loader may leave LDTR anything */
    jmp scenarios

build_idt:
    xorl %ecx, %ecx
1:  movl idt_stub_table(,%ecx,4), %eax
    testl %eax, %eax
    jz 2f                               /* no stub: the gate stays not present */
    movw %ax, idt(,%ecx,8)
    movw $SEL_CODE0, idt+2(,%ecx,8)
    movw $0x8E00, idt+4(,%ecx,8)        /* present, DPL 0, 32-bit interrupt gate */
    shrl $16, %eax
    movw %ax, idt+6(,%ecx,8)
2:  incl %ecx
    cmpl $256, %ecx
    jne 1b
    movb $0xEE, idt+0x80*8+5            /* INT 0x80: DPL 3, callable from ring 3 */
    movw $0x0E00, idt+0x90*8+4          /* INT 0x90: an interrupt gate marked not present */
    movb $0x8F, idt+0x83*8+5            /* INT 0x83: a trap gate (IF stays as it was) */
    ret

build_tss:
    movl $kstack_top, tss+4             /* ESP0 */
    movl $SEL_DATA0, tss+8              /* SS0 */
    movw $104, tss+102                  /* I/O map base past the limit: no I/O bitmap */
    movl $tss, %eax
    movw $103, gdt_tss+0                /* limit */
    movw %ax, gdt_tss+2                 /* base 15:0 */
    shrl $16, %eax
    movb %al, gdt_tss+4                 /* base 23:16 */
    movb $0x89, gdt_tss+5               /* present, 32-bit TSS (available) */
    movb $0x00, gdt_tss+6
    movb %ah, gdt_tss+7                 /* base 31:24 */
    ret

build_paging:
    xorl %ecx, %ecx                     /* identity map 0-4 MiB, user read/write */
1:  movl %ecx, %eax
    shll $12, %eax
    orl $7, %eax
    movl %eax, page_table(,%ecx,4)
    incl %ecx
    cmpl $1024, %ecx
    jne 1b
    movl $0x300001, page_table+0x300*4  /* supervisor read-only */
    movl $0x302005, page_table+0x302*4  /* user read-only */
    movl $0, page_table+0x303*4         /* not present */
    movl $0x304003, page_table+0x304*4  /* supervisor read/write */
    movl $0x306007, page_table+0x305*4  /* TLB test page */
    movl $0x11111111, 0x306000
    movl $0x22222222, 0x307000
    movl $page_table, %eax
    orl $7, %eax
    movl %eax, page_directory
    movl $0x00000087, page_directory+8  /* 0x800000: 4 MiB page at 0, user read/write */
    movl $page_directory, %eax
    movl %eax, %cr3
    movl %cr4, %eax
    orl $CR4_PSE, %eax
    movl %eax, %cr4
    movl %cr0, %eax
    orl $(CR0_PG | CR0_WP), %eax
    movl %eax, %cr0
    ret

/* ---- exception entry: record, then resume at the scenario's recovery point in ring 0 ---- */

exc_common:                             /* stack: vector, error code, EIP, CS, EFLAGS[, ESP, SS] */
    popl %ss:exc_vector
    popl %ss:exc_errcode
    popl %ss:exc_eip
    popl %ss:exc_cs
    popl %ss:exc_eflags
    movl $0, %ss:exc_user_esp
    movl $0, %ss:exc_user_ss
    testl $3, %ss:exc_cs
    jz 1f
    popl %ss:exc_user_esp
    popl %ss:exc_user_ss
1:  movl %esp, %ss:exc_kernel_esp
    movw $SEL_DATA0, %ax
    movw %ax, %ds
    movw %ax, %es
    movw %ax, %fs
    movw %ax, %gs
    movl %cr2, %eax
    movl %eax, exc_cr2
    incl exc_count
    cmpl $1, exc_count
    jne nested
    movl scenario_esp, %esp
    jmp *recover_eip

nested:
    movl $kstack_main_top, %esp
    movl $nested_msg, %esi
    call serial_puts
    movl exc_vector, %eax
    movl $2, %ecx
    call puthex
    movb $'\n', %al
    call serial_putc
    DEBUG_EXIT_WITH 0x43
    cli
2:  hlt
    jmp 2b

scenario_begin:                         /* esi = name */
    cli
    call serial_puts
    movl $0xffffffff, exc_vector
    movl $0, exc_count
    lidt idt_descriptor
    ret

scenario_end:                           /* eax = the scenario's MARK address */
    movl %eax, %ebx
    movl $arrow_msg, %esi
    call serial_puts
    cmpl $0xffffffff, exc_vector
    jne 1f
    movl $ok_msg, %esi
    call serial_puts
    jmp 9f
1:  movb $'#', %al
    call serial_putc
    movl exc_vector, %eax
    movl $2, %ecx
    call puthex
    movl $err_msg, %esi
    call serial_puts
    movl exc_errcode, %eax
    movl $8, %ecx
    call puthex
    cmpl $8, exc_vector                 /* #DF: the saved CS:EIP are undefined (SDM 6.15) */
    je 2f
    movl $at_msg, %esi
    call serial_puts
    movl exc_eip, %eax
    subl %ebx, %eax
    movl $8, %ecx
    call puthex
    movl $cs_msg, %esi
    call serial_puts
    movl exc_cs, %eax
    movl $4, %ecx
    call puthex
2:  cmpl $14, exc_vector
    jne 3f
    movl $cr2_msg, %esi
    call serial_puts
    movl exc_cr2, %eax
    movl $8, %ecx
    call puthex
3:  cmpl $0x82, exc_vector              /* the IF scenarios: IF inside the handler, IF saved */
    jb 4f
    movl $if_msg, %esi
    call serial_puts
    movl handler_eflags, %eax
    shrl $9, %eax
    andl $1, %eax
    movl $1, %ecx
    call puthex
    movl $saved_if_msg, %esi
    call serial_puts
    movl exc_eflags, %eax
    shrl $9, %eax
    andl $1, %eax
    movl $1, %ecx
    call puthex
4:  testl $3, exc_cs
    jz 9f
    movl $user_msg, %esi
    call serial_puts
    movl exc_user_ss, %eax
    movl $4, %ecx
    call puthex
    movl $esp_msg, %esi
    call serial_puts
    movl exc_user_esp, %eax
    movl $8, %ecx
    call puthex
    movl $kesp_msg, %esi
    call serial_puts
    movl exc_kernel_esp, %eax
    subl $kstack_top, %eax
    movl $8, %ecx
    call puthex
9:  movb $'\n', %al
    jmp serial_putc

puthex:                                 /* eax = value, ecx = number of low hex digits */
    pushl %ebx
    movl %eax, %ebx
    movl $8, %eax
    subl %ecx, %eax
    shll $2, %eax
    xchgl %eax, %ecx
    roll %cl, %ebx                      /* drop the digits not printed */
    movl %eax, %ecx
1:  roll $4, %ebx
    movl %ebx, %eax
    andl $15, %eax
    movb hex_digits(%eax), %al
    call serial_putc
    loop 1b
    popl %ebx
    ret

/* ---- the scenarios ------------------------------------------------------------------ */

scenarios:
    /* @SCENARIOS@ — the blocks of scenarios.S are inserted here */
/* ---- end of scenarios ---- */
    movl $done_msg, %esi
    call serial_puts
    DEBUG_EXIT_WITH 0x42
    cli
1:  hlt
    jmp 1b

/* ---- exception stubs ------------------------------------------------------------------ */

    .macro STUB vector, has_error_code=0, record_flags=0
stub_\vector:
    .if \record_flags
    pushfl
    popl %ss:handler_eflags
    .endif
    .if \has_error_code == 0
    pushl $0
    .endif
    pushl $\vector
    jmp exc_common
    .endm

    STUB 0
    STUB 1
    STUB 2
    STUB 3
    STUB 4
    STUB 5
    STUB 6
    STUB 7
    STUB 8, 1
    STUB 9
    STUB 10, 1
    STUB 11, 1
    STUB 12, 1
    STUB 13, 1
    STUB 14, 1
    STUB 15
    STUB 16
    STUB 17, 1
    STUB 18
    STUB 19
    STUB 0x80
    STUB 0x81
    STUB 0x82, 0, 1
    STUB 0x83, 0, 1

    .data
    .align 4
idt_stub_table:
    .long stub_0, stub_1, stub_2, stub_3, stub_4, stub_5, stub_6, stub_7
    .long stub_8, stub_9, stub_10, stub_11, stub_12, stub_13, stub_14, stub_15
    .long stub_16, stub_17, stub_18, stub_19
    .fill 0x80 - 20, 4, 0
    .long stub_0x80, stub_0x81, stub_0x82, stub_0x83
    .fill 256 - 0x84, 4, 0

    .align 8
gdt:
    .quad 0
    .quad 0x00CF9A000000FFFF            /* 0x08 ring-0 code */
    .quad 0x00CF92000000FFFF            /* 0x10 ring-0 data */
    .quad 0x00CFFA000000FFFF            /* 0x18 ring-3 code */
    .quad 0x00CFF2000000FFFF            /* 0x20 ring-3 data */
gdt_tss:
    .quad 0                             /* 0x28 TSS, filled by build_tss */
    .quad 0x00CF12000000FFFF            /* 0x30 data, not present */
    .quad 0x0040920000000FFF            /* 0x38 data, base 0, limit 0xfff bytes */
    .quad 0x00009A000000FFFF            /* 0x40 16-bit code, base 0, limit 0xffff */
    .quad 0x000092000000FFFF            /* 0x48 16-bit data, base 0, limit 0xffff */
    .quad 0x0040F20000000FFF            /* 0x50 ring-3 data, base 0, limit 0xfff bytes */
gdt_end:
gdt_descriptor:
    .word gdt_end - gdt - 1
    .long gdt
idt_descriptor:
    .word 256 * 8 - 1
    .long idt
idt_descriptor_0_to_12:
    .word 13 * 8 - 1
    .long idt
bounds_10_20:
    .long 10, 20

recover_eip: .long 0
scenario_esp: .long 0
exc_vector: .long 0
exc_errcode: .long 0
exc_eip: .long 0
exc_cs: .long 0
exc_eflags: .long 0
exc_user_esp: .long 0
exc_user_ss: .long 0
exc_kernel_esp: .long 0
exc_cr2: .long 0
exc_count: .long 0
handler_eflags: .long 0
saved_esp: .long 0
descriptor_buffer: .skip 8
saved_ecx: .long 0
saved_esi: .long 0
saved_edi: .long 0

hex_digits: .ascii "0123456789abcdef"
arrow_msg: .asciz " -> "
ok_msg: .asciz "ok"
err_msg: .asciz " err="
at_msg: .asciz " at="
cs_msg: .asciz " cs="
cr2_msg: .asciz " cr2="
user_msg: .asciz " user ss="
esp_msg: .asciz " esp="
kesp_msg: .asciz " kesp="
if_msg: .asciz " if_in_handler="
saved_if_msg: .asciz " saved_if="
nested_msg: .asciz "NESTED exception "
done_msg: .asciz "DONE\n"

    .bss
    .align 4096
page_directory: .skip 4096
page_table: .skip 4096
idt: .skip 256 * 8
tss: .skip 104
    .align 16
kstack: .skip 4096
kstack_top:
kstack_main: .skip 8192
kstack_main_top:
