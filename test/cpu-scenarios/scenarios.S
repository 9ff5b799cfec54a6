/*
 * The scenarios run by framework.S (see there for the output format and the memory map),
 * one BEGIN name ... END name block each, in the order they run. Each block is self-contained
 * so that a judge that crashes on one can run an image without it.
 */
    /* Page faults in ring 0. */
    BEGIN pf_read_pde_not_present
    MARK pf_read_pde_not_present
    movl 0x500000, %eax
    END pf_read_pde_not_present

    BEGIN pf_write_pte_not_present
    MARK pf_write_pte_not_present
    movl %eax, 0x303010
    END pf_write_pte_not_present

    BEGIN pf_kernel_write_readonly_wp
    MARK pf_kernel_write_readonly_wp
    movl $1, 0x300020
    END pf_kernel_write_readonly_wp

    BEGIN pf_kernel_write_user_readonly_wp
    MARK pf_kernel_write_user_readonly_wp
    movl $1, 0x302040
    END pf_kernel_write_user_readonly_wp

    BEGIN kernel_write_readonly_without_wp
    movl %cr0, %eax
    andl $~CR0_WP, %eax
    movl %eax, %cr0
    movl $0x5a5a5a5a, 0x300024
    movl 0x300024, %eax
    PRINT value
    movl %cr0, %eax
    orl $CR0_WP, %eax
    movl %eax, %cr0
    MARK kernel_write_readonly_without_wp
    END kernel_write_readonly_without_wp

    BEGIN pf_fetch_not_present
    .set .Lmark_pf_fetch_not_present, 0x303000
    call 0x303000
    END pf_fetch_not_present

    BEGIN pse_4mb_page_alias
    movl $0x12345678, 0x1f0000
    movl 0x9f0000, %eax                 /* 0x800000 + 0x1f0000 through the 4 MiB page */
    PRINT value
    movl page_directory+8, %eax
    PRINT pde
    MARK pse_4mb_page_alias
    END pse_4mb_page_alias

    BEGIN accessed_and_dirty_bits
    movl page_table+0x308*4, %eax
    PRINT before
    movl 0x308000, %eax
    movl page_table+0x308*4, %eax
    PRINT after_read
    movl %eax, 0x308004
    movl page_table+0x308*4, %eax
    PRINT after_write
    movl page_directory, %eax
    andl $0x60, %eax                    /* A is set in a PDE on use; D is not (bit 6 ignored) */
    PRINT pde_a_d
    MARK accessed_and_dirty_bits
    END accessed_and_dirty_bits

    BEGIN segment_load_sets_accessed_bit
    andb $~1, gdt+SEL_SMALL+5           /* clear the descriptor's accessed bit */
    movzbl gdt+SEL_SMALL+5, %eax
    PRINT before
    movw $SEL_SMALL, %ax
    movw %ax, %gs
    movzbl gdt+SEL_SMALL+5, %eax
    PRINT after
    movw $SEL_DATA0, %ax
    movw %ax, %gs
    MARK segment_load_sets_accessed_bit
    END segment_load_sets_accessed_bit

    /* A fault in the middle of REP MOVSB: the completed iterations stay done, ECX/ESI/EDI
       say where to resume, and the saved EIP is the REP instruction (SDM vol. 2, REP). */
    BEGIN pf_in_rep_movsb
    cld
    movl $0x302ffa, %esi                /* 6 readable bytes, then the not-present page */
    movl $0x301000, %edi
    movl $16, %ecx
    MARK pf_in_rep_movsb
    rep movsb
    RECOVER pf_in_rep_movsb
    movl %ecx, saved_ecx
    movl %esi, saved_esi
    movl %edi, saved_edi
    movl saved_ecx, %eax
    PRINT ecx
    movl saved_esi, %eax
    PRINT esi
    movl saved_edi, %eax
    PRINT edi
    REPORT pf_in_rep_movsb

    /* Segment loads and far transfers with bad selectors. */
    BEGIN gp_selector_beyond_gdt_limit
    movw $0x1230, %ax
    MARK gp_selector_beyond_gdt_limit
    movw %ax, %es
    END gp_selector_beyond_gdt_limit

    BEGIN gp_ldt_selector_without_ldt
    movw $0x000c, %ax
    MARK gp_ldt_selector_without_ldt
    movw %ax, %es
    END gp_ldt_selector_without_ldt

    BEGIN gp_null_ss
    xorl %eax, %eax
    MARK gp_null_ss
    movw %ax, %ss
    END gp_null_ss

    BEGIN gp_ss_rpl_not_cpl
    movw $(SEL_DATA0 | 3), %ax
    MARK gp_ss_rpl_not_cpl
    movw %ax, %ss
    END gp_ss_rpl_not_cpl

    BEGIN gp_ss_dpl_not_cpl
    movw $(SEL_DATA3 & ~3), %ax
    MARK gp_ss_dpl_not_cpl
    movw %ax, %ss
    END gp_ss_dpl_not_cpl

    BEGIN np_segment_not_present
    movw $SEL_NOT_PRESENT, %ax
    MARK np_segment_not_present
    movw %ax, %fs
    END np_segment_not_present

    BEGIN gp_tss_selector_into_ds
    movw $SEL_TSS, %ax
    MARK gp_tss_selector_into_ds
    movw %ax, %ds
    END gp_tss_selector_into_ds

    BEGIN gp_far_jump_to_data_segment
    MARK gp_far_jump_to_data_segment
    ljmp $SEL_DATA0, $0
    END gp_far_jump_to_data_segment

    BEGIN gp_segment_limit
    movw $SEL_SMALL, %ax
    movw %ax, %fs
    movl %fs:0xffc, %eax                /* the last dword inside the 4 KiB limit */
    MARK gp_segment_limit
    movl %fs:0xffd, %eax                /* one byte past it */
    END gp_segment_limit
    movw $SEL_DATA0, %ax
    movw %ax, %fs

    /* Exceptions raised by ordinary instructions. */
    BEGIN de_divide_by_zero
    xorl %ecx, %ecx
    MARK de_divide_by_zero
    divl %ecx
    END de_divide_by_zero

    BEGIN ud_ud2
    MARK ud_ud2
    ud2
    END ud_ud2

    BEGIN bp_int3_is_a_trap
    MARK bp_int3_is_a_trap
    int3
    END bp_int3_is_a_trap

    BEGIN of_into_is_a_trap
    movb $0x7f, %al
    addb $1, %al                        /* OF = 1 */
    MARK of_into_is_a_trap
    into
    END of_into_is_a_trap

    BEGIN br_bound_out_of_range
    movl $5, %eax
    MARK br_bound_out_of_range
    bound %eax, bounds_10_20
    END br_bound_out_of_range

    BEGIN np_int_gate_not_present
    MARK np_int_gate_not_present
    int $0x90
    END np_int_gate_not_present

    BEGIN gp_int_gate_of_no_gate_type
    MARK gp_int_gate_of_no_gate_type
    int $0x91                           /* an all-zero IDT entry is not a gate */
    END gp_int_gate_of_no_gate_type

    BEGIN df_gp_while_delivering_gp
    lidt idt_descriptor_0_to_12         /* #GP's own gate is beyond the IDT limit */
    movw $0x1230, %ax
    MARK df_gp_while_delivering_gp
    movw %ax, %es
    END df_gp_while_delivering_gp

    /* Ring 3: privilege checks, and every exception switches to ESP0 from the TSS. */
    BEGIN user_int80_through_dpl3_gate
    ENTER_USER
    MARK user_int80_through_dpl3_gate
    int $0x80
    END user_int80_through_dpl3_gate

    BEGIN user_int81_through_dpl0_gate
    ENTER_USER
    MARK user_int81_through_dpl0_gate
    int $0x81
    END user_int81_through_dpl0_gate

    BEGIN user_cli
    ENTER_USER
    MARK user_cli
    cli
    END user_cli

    BEGIN user_hlt
    ENTER_USER
    MARK user_hlt
    hlt
    END user_hlt

    BEGIN user_read_cr0
    ENTER_USER
    MARK user_read_cr0
    movl %cr0, %eax
    END user_read_cr0

    BEGIN user_out_without_iopl
    ENTER_USER
    MARK user_out_without_iopl
    outb %al, $0x80
    END user_out_without_iopl

    BEGIN user_load_kernel_data_segment
    ENTER_USER
    movw $SEL_DATA0, %ax
    MARK user_load_kernel_data_segment
    movw %ax, %ds
    END user_load_kernel_data_segment

    BEGIN user_read_supervisor_page
    ENTER_USER
    MARK user_read_supervisor_page
    movl 0x304000, %eax
    END user_read_supervisor_page

    BEGIN user_write_supervisor_page
    ENTER_USER
    MARK user_write_supervisor_page
    movl %eax, 0x304008
    END user_write_supervisor_page

    BEGIN user_write_readonly_user_page
    ENTER_USER
    MARK user_write_readonly_user_page
    movl %eax, 0x302010
    END user_write_readonly_user_page

    BEGIN user_write_readonly_user_page_without_wp
    movl %cr0, %eax
    andl $~CR0_WP, %eax                 /* WP only relaxes supervisor writes */
    movl %eax, %cr0
    ENTER_USER
    MARK user_write_readonly_user_page_without_wp
    movl %eax, 0x302014
    END user_write_readonly_user_page_without_wp
    movl %cr0, %eax
    orl $CR0_WP, %eax
    movl %eax, %cr0

    /* A push below offset 0 of a 4 KiB stack segment wraps to 0xfffffffe, past the limit:
       #SS(0), delivered on the ring-0 stack from the TSS (SDM vol. 2, PUSH; vol. 3, 6.15). */
    BEGIN user_push_beyond_stack_limit
    pushl $SEL_SMALL3
    pushl $2
    pushl $0x002
    pushl $SEL_CODE3
    pushl $1f
    iret
1:  movw $SEL_DATA3, %ax
    movw %ax, %ds
    MARK user_push_beyond_stack_limit
    pushl %eax
    END user_push_beyond_stack_limit

    BEGIN user_read_not_present_page
    ENTER_USER
    MARK user_read_not_present_page
    movl 0x303000, %eax
    END user_read_not_present_page

    /* System registers and identification. */
    BEGIN cpuid_features
    movl $1, %eax
    cpuid
    movl %edx, %eax
    andl $0xa338, %eax                  /* PSE TSC MSR CX8 APIC PGE CMOV */
    PRINT edx_bits
    MARK cpuid_features
    END cpuid_features

    BEGIN rdmsr_apic_base
    movl $0x1b, %ecx
    rdmsr
    PRINT low
    MARK rdmsr_apic_base
    END rdmsr_apic_base

    BEGIN wrmsr_unknown_msr
    movl $0x00001337, %ecx              /* not an architectural MSR */
    xorl %eax, %eax
    xorl %edx, %edx
    MARK wrmsr_unknown_msr
    wrmsr
    END wrmsr_unknown_msr

    BEGIN sgdt_sidt_read_back
    sgdt descriptor_buffer
    movzwl descriptor_buffer, %eax
    PRINT gdt_limit
    movl descriptor_buffer+2, %eax
    subl $gdt, %eax
    PRINT gdt_base_minus_gdt
    sidt descriptor_buffer
    movzwl descriptor_buffer, %eax
    PRINT idt_limit
    MARK sgdt_sidt_read_back
    END sgdt_sidt_read_back

    BEGIN cr4_read_back
    movl %cr4, %eax
    andl $(CR4_PSE | CR4_PGE), %eax
    PRINT pse_pge
    movl %cr0, %eax
    andl $(CR0_PG | CR0_WP | 1), %eax
    PRINT cr0_pg_wp_pe
    MARK cr4_read_back
    END cr4_read_back

    /* Interrupt gates clear IF, trap gates leave it (SDM vol. 3, 6.12.1.3). The 8259s are
       masked so that IF = 1 lets nothing in. */
    BEGIN interrupt_gate_clears_if
    movb $0xff, %al
    outb %al, $0x21
    outb %al, $0xa1
    sti
    MARK interrupt_gate_clears_if
    int $0x82
    END interrupt_gate_clears_if

    BEGIN trap_gate_keeps_if
    sti
    MARK trap_gate_keeps_if
    int $0x83
    END trap_gate_keeps_if

    /* Real mode and back, as an AP trampoline does. */
    BEGIN real_mode_round_trip
    movw $0xcafe, 0x1235
    movl $tramp_start, %esi
    movl $TRAMP_BASE, %edi
    movl $(tramp_end - tramp_start), %ecx
    cld
    rep movsb
    movl %esp, saved_esp
    movl %cr0, %eax
    andl $~CR0_PG, %eax
    movl %eax, %cr0
    ljmp $SEL_CODE16, $TRAMP_BASE
tramp_back:
    movw $SEL_DATA0, %ax
    movw %ax, %ds
    movw %ax, %es
    movw %ax, %fs
    movw %ax, %gs
    movw %ax, %ss
    movl saved_esp, %esp
    movl %cr0, %eax
    orl $CR0_PG, %eax
    movl %eax, %cr0
    movzwl TRAMP_BASE + (tramp_segment_read - tramp_start), %eax
    PRINT segment_read
    movl TRAMP_BASE + (tramp_add32 - tramp_start), %eax
    PRINT add32
    movzwl TRAMP_BASE + (tramp_stack - tramp_start), %eax
    PRINT stack
    movzwl TRAMP_BASE + (tramp_sp - tramp_start), %eax
    PRINT sp
    MARK real_mode_round_trip
    END real_mode_round_trip
    jmp .Ltramp_skip                    /* the trampoline below only runs from its copy */

/* Copied to TRAMP_BASE and entered in 16-bit protected mode with paging off: drops to real
   mode, exercises segment:offset addressing, a 0x66-prefixed add and the stack, and returns
   to 32-bit protected mode at tramp_back. Results are stored inside the copy. */
    .code16
tramp_start:
    movw $SEL_DATA16, %ax
    movw %ax, %ds
    movw %ax, %es
    movw %ax, %ss
    movl %cr0, %eax
    andl $~1, %eax
    movl %eax, %cr0
    ljmp $(TRAMP_BASE >> 4), $(tramp_real - tramp_start)
tramp_real:
    xorw %ax, %ax
    movw %ax, %ss
    movw $0x0123, %ax
    movw %ax, %ds
    movw 0x0005, %bx                    /* DS:0005 = linear 0x1235 */
    movw $(TRAMP_BASE >> 4), %ax
    movw %ax, %es
    movw %bx, %es:(tramp_segment_read - tramp_start)
    movl $0x12345678, %eax
    addl $0x11111111, %eax
    movl %eax, %es:(tramp_add32 - tramp_start)
    movl $0x5000, %esp
    pushw $0xbeef
    pushw $0x1234
    popw %cx
    popw %dx
    movw %dx, %es:(tramp_stack - tramp_start)
    movw %sp, %es:(tramp_sp - tramp_start)
    movl %cr0, %eax
    orl $1, %eax
    movl %eax, %cr0
    ljmpl $SEL_CODE0, $tramp_back
tramp_segment_read: .word 0
tramp_sp: .word 0
tramp_stack: .word 0
    .align 4
tramp_add32: .long 0
tramp_end:
    .code32
.Ltramp_skip:

    /* TLB: a changed PTE is seen only after INVLPG or a CR3 load (global pages: only INVLPG
       or a CR4.PGE change). Whether a stale entry is still used is the CPU's choice on real
       hardware; expected.ts says which lines every judge must agree on. */
    BEGIN tlb_invlpg_and_cr3_reload
    movl 0x305000, %eax                 /* caches 0x305000 -> 0x306000 */
    movl $0x307007, page_table+0x305*4
    movl 0x305000, %eax
    PRINT without_flush
    invlpg 0x305000
    movl 0x305000, %eax
    PRINT after_invlpg
    movl $0x306007, page_table+0x305*4
    movl 0x305000, %eax
    PRINT stale_again
    movl %cr3, %eax
    movl %eax, %cr3
    movl 0x305000, %eax
    PRINT after_cr3_load
    MARK tlb_invlpg_and_cr3_reload
    END tlb_invlpg_and_cr3_reload

    BEGIN tlb_global_page
    movl %cr4, %eax
    orl $CR4_PGE, %eax
    movl %eax, %cr4
    movl $0x306107, page_table+0x305*4  /* global */
    invlpg 0x305000
    movl 0x305000, %eax                 /* caches a global entry -> 0x306000 */
    movl $0x307107, page_table+0x305*4
    movl %cr3, %eax
    movl %eax, %cr3                     /* does not flush global entries */
    movl 0x305000, %eax
    PRINT after_cr3_load
    invlpg 0x305000
    movl 0x305000, %eax
    PRINT after_invlpg
    movl $0x306107, page_table+0x305*4
    movl %cr4, %eax
    andl $~CR4_PGE, %eax
    movl %eax, %cr4                     /* a CR4.PGE change flushes everything */
    movl 0x305000, %eax
    PRINT after_pge_off
    MARK tlb_global_page
    END tlb_global_page

