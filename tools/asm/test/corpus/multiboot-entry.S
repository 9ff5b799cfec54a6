# Multiboot v1 header and kernel entry: load our own GDT, far jump to reload %cs,
# reload the data segments, set up a stack and call into the kernel.
	.set MB_MAGIC,    0x1BADB002
	.set MB_FLAGS,    (1 << 0) | (1 << 1)       /* page-align modules, memory map */
	.set MB_CHECKSUM, -(MB_MAGIC + MB_FLAGS)
	.equ KERNEL_CS, 0x08
	.equ KERNEL_DS, 0x10
	STACK_SIZE = 16384

	.section .multiboot, "a"
	.p2align 2
	.long MB_MAGIC
	.long MB_FLAGS
	.long MB_CHECKSUM

	.text
	.globl _start
	.type _start, @function
_start:
	cli
	cld
	movl $stack_top, %esp
	pushl %ebx                      # multiboot info
	pushl %eax                      # magic
	lgdt gdt_descriptor
	ljmp $KERNEL_CS, $1f
1:	movw $KERNEL_DS, %ax
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %ss
	movw %ax, %fs
	movw %ax, %gs
	xorl %ebp, %ebp
	call kernel_main
	addl $8, %esp
2:	cli
	hlt
	jmp 2b
	.size _start, . - _start

	.section .rodata
	.p2align 3
gdt:
	.quad 0
	.quad 0x00cf9a000000ffff        # kernel code
	.quad 0x00cf92000000ffff        # kernel data
	.quad 0x00cffa000000ffff        # user code
	.quad 0x00cff2000000ffff        # user data
gdt_end:
gdt_descriptor:
	.word gdt_end - gdt - 1
	.long gdt

	.bss
	.p2align 4
stack_bottom:
	.skip STACK_SIZE
stack_top:
	.comm boot_info, 4, 4
	.lcomm scratch, 64
