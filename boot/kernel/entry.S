/*
 * entry.S: the kernel's first instructions (Multiboot v1 header, BSP entry) and the AP
 * real-mode trampoline. Everything after the first few instructions is KTS: the BSP calls
 * kernel_main(magic, mbinfo), every AP calls ap_main() on the stack the BSP gave it.
 *
 * No loader-provided state is trusted beyond EAX/EBX: v86 enters without a GDT loaded, so a
 * flat GDT of our own is loaded before any segment register is touched.
 */
    .set MB_MAGIC, 0x1BADB002
    .set MB_FLAGS, 0x00000003        /* modules page-aligned; mem_* and mmap wanted */
    .set KCODE, 0x08
    .set KDATA, 0x10
    .set CR0_PE, 0x00000001
    .set CR0_WP, 0x00010000
    .set CR0_PG, 0x80000000
    .set CR4_PSE, 0x00000010
    .set BOOT_STACK_SIZE, 16384

    .section .multiboot, "a"
    .balign 4
    .long MB_MAGIC, MB_FLAGS, -(MB_MAGIC + MB_FLAGS)

    .section .text.entry, "ax"
    .globl _start
    .type _start, @function
_start:
    cli
    cld
    movl %eax, %esi                  /* keep magic and info pointer across the bss clear */
    movl %ebx, %edx
    lgdt boot_gdt_desc
    ljmp $KCODE, $1f
1:  movw $KDATA, %ax
    movw %ax, %ds
    movw %ax, %es
    movw %ax, %ss
    movw %ax, %fs
    movw %ax, %gs
    /* A loader zero-fills .bss from the ELF headers, but nothing in Multiboot says so. */
    movl $__bss_start, %edi
    movl $__bss_end, %ecx
    subl %edi, %ecx
    xorl %eax, %eax
    rep stosb
    movl $boot_stack_top, %esp
    xorl %ebp, %ebp                  /* ends the backtrace walk */
    pushl %edx
    pushl %esi
    call kernel_main
    .globl halt_forever
halt_forever:
    cli
    hlt
    jmp halt_forever
    .size _start, . - _start

/*
 * The AP trampoline. smp.ts copies [ap_tramp_start, ap_tramp_end) to a page below 1 MiB and
 * sends SIPI with that page's number, so an AP starts here in real mode with CS = page << 8
 * and IP = 0: addresses inside the copy are offsets from ap_tramp_start. The far jump leaves
 * for the linked (not copied) 32-bit code.
 */
    .code16
    .globl ap_tramp_start, ap_tramp_end
ap_tramp_start:
    cli
    cld
    movw %cs, %ax
    movw %ax, %ds
    lgdtl (ap_tramp_gdt_desc - ap_tramp_start)
    movl %cr0, %eax
    orl $CR0_PE, %eax
    movl %eax, %cr0
    ljmpl $KCODE, $ap_entry32
    .balign 4
ap_tramp_gdt_desc:
    .word boot_gdt_end - boot_gdt - 1
    .long boot_gdt
ap_tramp_end:
    .code32

ap_entry32:
    movw $KDATA, %ax
    movw %ax, %ds
    movw %ax, %es
    movw %ax, %ss
    movw %ax, %fs
    movw %ax, %gs
    /* The same page tables as the BSP (set up in pmap_bootstrap before any AP starts). */
    movl %cr4, %eax
    orl $CR4_PSE, %eax
    movl %eax, %cr4
    movl ap_boot_cr3, %eax
    movl %eax, %cr3
    movl %cr0, %eax
    orl $(CR0_PG | CR0_WP), %eax
    movl %eax, %cr0
    movl ap_boot_stack, %esp
    xorl %ebp, %ebp
    call ap_main
    jmp halt_forever

    .section .rodata
    .balign 8
    .globl boot_gdt
boot_gdt:
    .quad 0
    .quad 0x00CF9A000000FFFF         /* 0x08: ring-0 code, flat 4 GiB */
    .quad 0x00CF92000000FFFF         /* 0x10: ring-0 data, flat 4 GiB */
boot_gdt_end:
    .balign 4
    .word 0
boot_gdt_desc:
    .word boot_gdt_end - boot_gdt - 1
    .long boot_gdt

    .data
    .balign 4
    /* Written by smp.ts before each SIPI: the AP's stack top and the page directory. */
    .globl ap_boot_stack, ap_boot_cr3
ap_boot_stack:
    .long 0
ap_boot_cr3:
    .long 0

    .bss
    .balign 4096
    .globl kernel_pgdir
kernel_pgdir:
    .skip 4096
    .balign 16
    .globl boot_stack_bottom, boot_stack_top
boot_stack_bottom:
    .skip BOOT_STACK_SIZE
boot_stack_top:
