# A backward jump that fits its short form only once an alignment has shrunk: GNU as keeps it
# short because of the order in which it relaxes, so must we.
	.text
L0:
	call L48
	.skip 1, 0x90
	movl $(L32 - L40), %eax
	.long L56 - L40
L1:
	.skip 33, 0x90
	movl $(L16 - L0), %eax
	.long L56 - L40
L2:
	jl L6
	.skip 17, 0x90
	movl $(L56 - L32), %eax
	.long L64 - L40
L3:
	jl L1
	.skip 17, 0x90
	movl $(L48 - L16), %eax
	.long L56 - L40
L4:
	call L32
	.skip 25, 0x90
	movl $(L32 - L64), %eax
	.long L16 - L24
L5:
	.skip 9, 0x90
	movl $(L40 - L56), %eax
	.long L24 - L40
L6:
	jl L3
	.skip 33, 0x90
	movl $(L8 - L8), %eax
	.long L48 - L24
L7:
	jmp L4
	.skip 25, 0x90
	movl $(L0 - L64), %eax
	.long L64 - L16
L8:
	.skip 25, 0x90
	movl $(L0 - L8), %eax
	.long L8 - L64
L9:
	jne L12
	.skip 33, 0x90
	movl $(L8 - L56), %eax
	.long L8 - L40
L10:
	je L14
	.skip 25, 0x90
	movl $(L32 - L64), %eax
	.long L32 - L40
L11:
	.skip 1, 0x90
	movl $(L16 - L64), %eax
	.long L24 - L8
L12:
	jne L8
	.skip 25, 0x90
	movl $(L56 - L56), %eax
	.long L48 - L64
L13:
	jg L13
	.skip 25, 0x90
	movl $(L0 - L0), %eax
	.long L8 - L32
L14:
	call L8
	.skip 33, 0x90
	movl $(L8 - L64), %eax
	.long L24 - L8
L15:
	je L12
	.skip 33, 0x90
	movl $(L8 - L48), %eax
	.long L24 - L0
L16:
	call L56
	.skip 33, 0x90
	movl $(L64 - L64), %eax
	.long L64 - L56
L17:
	jl L21
	.skip 9, 0x90
	movl $(L24 - L56), %eax
	.long L56 - L48
L18:
	jne L17
	.skip 1, 0x90
	movl $(L40 - L40), %eax
	.long L8 - L32
L19:
	jne L22
	.skip 9, 0x90
	movl $(L8 - L40), %eax
	.long L24 - L8
L20:
	jne L17
	.skip 1, 0x90
	movl $(L48 - L64), %eax
	.long L64 - L16
L21:
	jne L17
	.skip 17, 0x90
	movl $(L24 - L64), %eax
	.long L56 - L32
L22:
	jg L22
	.skip 25, 0x90
	movl $(L16 - L8), %eax
	.long L40 - L48
L23:
	jne L21
	.skip 17, 0x90
	movl $(L8 - L16), %eax
	.long L48 - L0
L24:
	je L24
	.skip 17, 0x90
	movl $(L56 - L32), %eax
	.long L8 - L48
L25:
	jl L27
	.skip 17, 0x90
	movl $(L24 - L32), %eax
	.long L40 - L8
L26:
	jne L29
	.skip 33, 0x90
	movl $(L64 - L16), %eax
	.long L8 - L0
L27:
	je L28
	.skip 25, 0x90
	movl $(L56 - L16), %eax
	.long L0 - L64
L28:
	call L48
	.skip 33, 0x90
	movl $(L48 - L0), %eax
	.long L8 - L8
L29:
	jmp L25
	.skip 25, 0x90
	movl $(L48 - L64), %eax
	.long L40 - L24
L30:
	jne L28
	.skip 33, 0x90
	movl $(L48 - L8), %eax
	.long L40 - L64
L31:
	.p2align 4
	.skip 1, 0x90
	movl $(L8 - L16), %eax
	.long L40 - L32
L32:
	je L30
	.skip 25, 0x90
	movl $(L32 - L0), %eax
	.long L40 - L56
L33:
	call L40
	.skip 25, 0x90
	movl $(L40 - L40), %eax
	.long L24 - L56
L34:
	call L0
	.skip 25, 0x90
	movl $(L48 - L32), %eax
	.long L64 - L24
L35:
	jl L31
	.skip 9, 0x90
	movl $(L32 - L32), %eax
	.long L0 - L48
L36:
	jg L40
	.skip 17, 0x90
	movl $(L0 - L32), %eax
	.long L56 - L0
L37:
	jne L39
	.skip 25, 0x90
	movl $(L32 - L48), %eax
	.long L56 - L8
L38:
	call L0
	.skip 33, 0x90
	movl $(L48 - L64), %eax
	.long L56 - L16
L39:
	je L35
	.skip 25, 0x90
	movl $(L64 - L0), %eax
	.long L48 - L24
L40:
	.skip 17, 0x90
	movl $(L0 - L40), %eax
	.long L64 - L40
L41:
	jg L37
	.skip 33, 0x90
	movl $(L64 - L0), %eax
	.long L16 - L48
L42:
	.skip 33, 0x90
	movl $(L8 - L16), %eax
	.long L64 - L64
L43:
	je L43
	.skip 17, 0x90
	movl $(L32 - L56), %eax
	.long L32 - L40
L44:
	call L0
	.skip 9, 0x90
	movl $(L24 - L16), %eax
	.long L40 - L16
L45:
	je L42
	.skip 9, 0x90
	movl $(L0 - L24), %eax
	.long L0 - L56
L46:
	jg L43
	.skip 9, 0x90
	movl $(L0 - L16), %eax
	.long L64 - L24
L47:
	.skip 1, 0x90
	movl $(L8 - L0), %eax
	.long L16 - L56
L48:
	.skip 25, 0x90
	movl $(L56 - L64), %eax
	.long L16 - L24
L49:
	.skip 25, 0x90
	movl $(L40 - L56), %eax
	.long L24 - L0
L50:
	call L24
	.skip 1, 0x90
	movl $(L64 - L48), %eax
	.long L8 - L64
L51:
	je L55
	.skip 17, 0x90
	movl $(L32 - L16), %eax
	.long L32 - L0
L52:
	jg L51
	.skip 9, 0x90
	movl $(L48 - L40), %eax
	.long L24 - L24
L53:
	jne L55
	.skip 9, 0x90
	movl $(L24 - L8), %eax
	.long L0 - L8
L54:
	call L32
	.skip 33, 0x90
	movl $(L8 - L8), %eax
	.long L16 - L64
L55:
	jl L55
	.skip 1, 0x90
	movl $(L32 - L56), %eax
	.long L64 - L48
L56:
	call L40
	.skip 25, 0x90
	movl $(L0 - L16), %eax
	.long L0 - L64
L57:
	.skip 17, 0x90
	movl $(L24 - L56), %eax
	.long L32 - L16
L58:
	jne L55
	.skip 17, 0x90
	movl $(L64 - L16), %eax
	.long L48 - L40
L59:
	jl L61
	.skip 25, 0x90
	movl $(L32 - L8), %eax
	.long L8 - L48
L60:
	.skip 33, 0x90
	movl $(L24 - L64), %eax
	.long L32 - L48
L61:
	call L40
	.skip 25, 0x90
	movl $(L48 - L32), %eax
	.long L8 - L16
L62:
	jg L58
	.skip 25, 0x90
	movl $(L16 - L48), %eax
	.long L40 - L40
L63:
	.skip 33, 0x90
	movl $(L0 - L32), %eax
	.long L32 - L0
L64:
	call L0
	.skip 25, 0x90
	movl $(L24 - L0), %eax
	.long L40 - L0
L65:
	jne L67
	.skip 25, 0x90
	movl $(L48 - L40), %eax
	.long L32 - L16
L66:
	jl L64
	.skip 33, 0x90
	movl $(L64 - L64), %eax
	.long L56 - L48
L67:
	jmp L70
	.skip 9, 0x90
	movl $(L0 - L64), %eax
	.long L16 - L8
L68:
	call L40
	.skip 9, 0x90
	movl $(L40 - L24), %eax
	.long L56 - L48
L69:
	jl L65
	.skip 25, 0x90
	movl $(L24 - L8), %eax
	.long L48 - L0
L70:
	jg L67
	.skip 17, 0x90
	movl $(L8 - L56), %eax
	.long L56 - L64
L71:
	.skip 33, 0x90
	movl $(L56 - L8), %eax
	.long L0 - L48
