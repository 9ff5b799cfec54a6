# Section names BFD gives a type or flags of their own (init/fini arrays, TLS, .init/.fini,
# notes) and names with characters outside identifiers (.note.GNU-stack).
	.section .init_array
	.long 0
	.section .fini_array
	.long 0
	.section .preinit_array
	.long 0
	.section .ctors
	.long 0
	.section .note.GNU-stack,"",@progbits
	.section .note.foo
	.long 1
	.section .eh_frame
	.long 2
	.section .tdata
	.long 3
	.section .tbss
	.skip 4
	.section .debug_foo
	.long 4
	.section .stack,"aw",@nobits
	.skip 16
	.section .user,"awx"
	nop
	.section .init
	nop
	.section .fini
	nop
	.section .gnu.linkonce.t.x
	nop
	.section .data.rel.ro
	.long 5
	.section .bss.page_aligned,"aw",@nobits
	.p2align 12
	.skip 4096
	.section .lbss
	.section .sbss
	.section .sdata
