# Broad instruction coverage: the integer instruction set at every operand size, with every
# addressing mode (base, index, scale, disp8/disp32, absolute, symbol+offset, segment
# overrides), immediates around the imm8/imm32 boundaries, and all condition spellings.
	.text
	.globl coverage
coverage:
1:
	addb %cl, %bl
	add %al, %dh
	addb %dl, (%eax)
	addb (%eax), %ch
	addb $0x12, (%eax)
	addb %dl, 4(%ebx)
	addb 4(%ebx), %ch
	addb $0x12, 4(%ebx)
	addb %dl, -128(%ecx)
	addb -128(%ecx), %ch
	addb $0x12, -128(%ecx)
	addb %dl, 127(%edx)
	addb 127(%edx), %ch
	addb $0x12, 127(%edx)
	addb %dl, 0x1000(%edx)
	addb 0x1000(%edx), %ch
	addb $0x12, 0x1000(%edx)
	addb %dl, (%esp)
	addb (%esp), %ch
	addb $0x12, (%esp)
	addb %dl, 8(%esp)
	addb 8(%esp), %ch
	addb $0x12, 8(%esp)
	addb %dl, (%ebp)
	addb (%ebp), %ch
	addb $0x12, (%ebp)
	addb %dl, 4(%ebp)
	addb 4(%ebp), %ch
	addb $0x12, 4(%ebp)
	addb %dl, (%eax,%ebx)
	addb (%eax,%ebx), %ch
	addb $0x12, (%eax,%ebx)
	addb %dl, (%eax,%ecx,2)
	addb (%eax,%ecx,2), %ch
	addb $0x12, (%eax,%ecx,2)
	addb %dl, 16(%ebx,%esi,4)
	addb 16(%ebx,%esi,4), %ch
	addb $0x12, 16(%ebx,%esi,4)
	addb %dl, -8(%ebp,%edi,8)
	addb -8(%ebp,%edi,8), %ch
	addb $0x12, -8(%ebp,%edi,8)
	addb %dl, (,%eax,4)
	addb (,%eax,4), %ch
	addb $0x12, (,%eax,4)
	addb %dl, table(,%eax,4)
	addb table(,%eax,4), %ch
	addb $0x12, table(,%eax,4)
	addb %dl, table
	addb table, %ch
	addb $0x12, table
	addb %dl, table+4
	addb table+4, %ch
	addb $0x12, table+4
	addb %dl, %fs:4
	addb %fs:4, %ch
	addb $0x12, %fs:4
	addb %dl, %gs:(%eax)
	addb %gs:(%eax), %ch
	addb $0x12, %gs:(%eax)
	addb %dl, 0x12345678
	addb 0x12345678, %ch
	addb $0x12, 0x12345678
	addb %dl, data_item(%esi)
	addb data_item(%esi), %ch
	addb $0x12, data_item(%esi)
	addb %dl, -0x80000000(%eax)
	addb -0x80000000(%eax), %ch
	addb $0x12, -0x80000000(%eax)
	addb %dl, 0xffffffff(%ebx)
	addb 0xffffffff(%ebx), %ch
	addb $0x12, 0xffffffff(%ebx)
	addb %dl, (%esp,%eax,1)
	addb (%esp,%eax,1), %ch
	addb $0x12, (%esp,%eax,1)
	addb %dl, 4(%esp,%ebp,2)
	addb 4(%esp,%ebp,2), %ch
	addb $0x12, 4(%esp,%ebp,2)
	addb $1, %al
	addb $1, %bl
	addb $-1, %al
	addb $-1, %bl
	addb $127, %al
	addb $127, %bl
	addb $128, %al
	addb $128, %bl
	addb $-128, %al
	addb $-128, %bl
	addb $0x7f, %al
	addb $0x7f, %bl
	addb $0xff, %al
	addb $0xff, %bl
	addb $(k_const*2), %al
	addb $(k_const*2), %bl
	addb $'a, %al
	addb $'a, %bl
	addb $(k_const), %al
	addb $(k_const), %bl
	addb $-2, 4(%ebx)
1:
	addw %cx, %bx
	add %ax, %si
	addw %dx, (%eax)
	addw (%eax), %bp
	addw $0x12, (%eax)
	addw %dx, 4(%ebx)
	addw 4(%ebx), %bp
	addw $0x12, 4(%ebx)
	addw %dx, -128(%ecx)
	addw -128(%ecx), %bp
	addw $0x12, -128(%ecx)
	addw %dx, 127(%edx)
	addw 127(%edx), %bp
	addw $0x12, 127(%edx)
	addw %dx, 0x1000(%edx)
	addw 0x1000(%edx), %bp
	addw $0x12, 0x1000(%edx)
	addw %dx, (%esp)
	addw (%esp), %bp
	addw $0x12, (%esp)
	addw %dx, 8(%esp)
	addw 8(%esp), %bp
	addw $0x12, 8(%esp)
	addw %dx, (%ebp)
	addw (%ebp), %bp
	addw $0x12, (%ebp)
	addw %dx, 4(%ebp)
	addw 4(%ebp), %bp
	addw $0x12, 4(%ebp)
	addw %dx, (%eax,%ebx)
	addw (%eax,%ebx), %bp
	addw $0x12, (%eax,%ebx)
	addw %dx, (%eax,%ecx,2)
	addw (%eax,%ecx,2), %bp
	addw $0x12, (%eax,%ecx,2)
	addw %dx, 16(%ebx,%esi,4)
	addw 16(%ebx,%esi,4), %bp
	addw $0x12, 16(%ebx,%esi,4)
	addw %dx, -8(%ebp,%edi,8)
	addw -8(%ebp,%edi,8), %bp
	addw $0x12, -8(%ebp,%edi,8)
	addw %dx, (,%eax,4)
	addw (,%eax,4), %bp
	addw $0x12, (,%eax,4)
	addw %dx, table(,%eax,4)
	addw table(,%eax,4), %bp
	addw $0x12, table(,%eax,4)
	addw %dx, table
	addw table, %bp
	addw $0x12, table
	addw %dx, table+4
	addw table+4, %bp
	addw $0x12, table+4
	addw %dx, %fs:4
	addw %fs:4, %bp
	addw $0x12, %fs:4
	addw %dx, %gs:(%eax)
	addw %gs:(%eax), %bp
	addw $0x12, %gs:(%eax)
	addw %dx, 0x12345678
	addw 0x12345678, %bp
	addw $0x12, 0x12345678
	addw %dx, data_item(%esi)
	addw data_item(%esi), %bp
	addw $0x12, data_item(%esi)
	addw %dx, -0x80000000(%eax)
	addw -0x80000000(%eax), %bp
	addw $0x12, -0x80000000(%eax)
	addw %dx, 0xffffffff(%ebx)
	addw 0xffffffff(%ebx), %bp
	addw $0x12, 0xffffffff(%ebx)
	addw %dx, (%esp,%eax,1)
	addw (%esp,%eax,1), %bp
	addw $0x12, (%esp,%eax,1)
	addw %dx, 4(%esp,%ebp,2)
	addw 4(%esp,%ebp,2), %bp
	addw $0x12, 4(%esp,%ebp,2)
	addw $1, %ax
	addw $1, %bx
	addw $-1, %ax
	addw $-1, %bx
	addw $127, %ax
	addw $127, %bx
	addw $128, %ax
	addw $128, %bx
	addw $-128, %ax
	addw $-128, %bx
	addw $0x7f, %ax
	addw $0x7f, %bx
	addw $0xff, %ax
	addw $0xff, %bx
	addw $(k_const*2), %ax
	addw $(k_const*2), %bx
	addw $'a, %ax
	addw $'a, %bx
	addw $(k_const), %ax
	addw $(k_const), %bx
	addw $-129, %ax
	addw $-129, %bx
	addw $0x1234, %ax
	addw $0x1234, %bx
	addw $0xffff, %ax
	addw $0xffff, %bx
	addw $sym, %ax
	addw $sym, %bx
	addw $sym+4, %ax
	addw $sym+4, %bx
	addw $(fwd - coverage), %ax
	addw $(fwd - coverage), %bx
	addw $(fwd - 1b), %ax
	addw $(fwd - 1b), %bx
	addw $-2, 4(%ebx)
1:
	addl %ecx, %ebx
	add %eax, %esi
	addl %edx, (%eax)
	addl (%eax), %ebp
	addl $0x12, (%eax)
	addl %edx, 4(%ebx)
	addl 4(%ebx), %ebp
	addl $0x12, 4(%ebx)
	addl %edx, -128(%ecx)
	addl -128(%ecx), %ebp
	addl $0x12, -128(%ecx)
	addl %edx, 127(%edx)
	addl 127(%edx), %ebp
	addl $0x12, 127(%edx)
	addl %edx, 0x1000(%edx)
	addl 0x1000(%edx), %ebp
	addl $0x12, 0x1000(%edx)
	addl %edx, (%esp)
	addl (%esp), %ebp
	addl $0x12, (%esp)
	addl %edx, 8(%esp)
	addl 8(%esp), %ebp
	addl $0x12, 8(%esp)
	addl %edx, (%ebp)
	addl (%ebp), %ebp
	addl $0x12, (%ebp)
	addl %edx, 4(%ebp)
	addl 4(%ebp), %ebp
	addl $0x12, 4(%ebp)
	addl %edx, (%eax,%ebx)
	addl (%eax,%ebx), %ebp
	addl $0x12, (%eax,%ebx)
	addl %edx, (%eax,%ecx,2)
	addl (%eax,%ecx,2), %ebp
	addl $0x12, (%eax,%ecx,2)
	addl %edx, 16(%ebx,%esi,4)
	addl 16(%ebx,%esi,4), %ebp
	addl $0x12, 16(%ebx,%esi,4)
	addl %edx, -8(%ebp,%edi,8)
	addl -8(%ebp,%edi,8), %ebp
	addl $0x12, -8(%ebp,%edi,8)
	addl %edx, (,%eax,4)
	addl (,%eax,4), %ebp
	addl $0x12, (,%eax,4)
	addl %edx, table(,%eax,4)
	addl table(,%eax,4), %ebp
	addl $0x12, table(,%eax,4)
	addl %edx, table
	addl table, %ebp
	addl $0x12, table
	addl %edx, table+4
	addl table+4, %ebp
	addl $0x12, table+4
	addl %edx, %fs:4
	addl %fs:4, %ebp
	addl $0x12, %fs:4
	addl %edx, %gs:(%eax)
	addl %gs:(%eax), %ebp
	addl $0x12, %gs:(%eax)
	addl %edx, 0x12345678
	addl 0x12345678, %ebp
	addl $0x12, 0x12345678
	addl %edx, data_item(%esi)
	addl data_item(%esi), %ebp
	addl $0x12, data_item(%esi)
	addl %edx, -0x80000000(%eax)
	addl -0x80000000(%eax), %ebp
	addl $0x12, -0x80000000(%eax)
	addl %edx, 0xffffffff(%ebx)
	addl 0xffffffff(%ebx), %ebp
	addl $0x12, 0xffffffff(%ebx)
	addl %edx, (%esp,%eax,1)
	addl (%esp,%eax,1), %ebp
	addl $0x12, (%esp,%eax,1)
	addl %edx, 4(%esp,%ebp,2)
	addl 4(%esp,%ebp,2), %ebp
	addl $0x12, 4(%esp,%ebp,2)
	addl $1, %eax
	addl $1, %ebx
	addl $-1, %eax
	addl $-1, %ebx
	addl $127, %eax
	addl $127, %ebx
	addl $128, %eax
	addl $128, %ebx
	addl $-128, %eax
	addl $-128, %ebx
	addl $0x7f, %eax
	addl $0x7f, %ebx
	addl $0xff, %eax
	addl $0xff, %ebx
	addl $(k_const*2), %eax
	addl $(k_const*2), %ebx
	addl $'a, %eax
	addl $'a, %ebx
	addl $(k_const), %eax
	addl $(k_const), %ebx
	addl $-129, %eax
	addl $-129, %ebx
	addl $0x1234, %eax
	addl $0x1234, %ebx
	addl $0xffff, %eax
	addl $0xffff, %ebx
	addl $sym, %eax
	addl $sym, %ebx
	addl $sym+4, %eax
	addl $sym+4, %ebx
	addl $(fwd - coverage), %eax
	addl $(fwd - coverage), %ebx
	addl $(fwd - 1b), %eax
	addl $(fwd - 1b), %ebx
	addl $0x12345678, %eax
	addl $0x12345678, %ebx
	addl $0xffffffff, %eax
	addl $0xffffffff, %ebx
	addl $-2, 4(%ebx)
1:
	orb %cl, %bl
	or %al, %dh
	orb %dl, (%eax)
	orb (%eax), %ch
	orb $0x12, (%eax)
	orb %dl, 127(%edx)
	orb 127(%edx), %ch
	orb $0x12, 127(%edx)
	orb %dl, 8(%esp)
	orb 8(%esp), %ch
	orb $0x12, 8(%esp)
	orb %dl, (%eax,%ebx)
	orb (%eax,%ebx), %ch
	orb $0x12, (%eax,%ebx)
	orb %dl, -8(%ebp,%edi,8)
	orb -8(%ebp,%edi,8), %ch
	orb $0x12, -8(%ebp,%edi,8)
	orb %dl, table
	orb table, %ch
	orb $0x12, table
	orb %dl, %gs:(%eax)
	orb %gs:(%eax), %ch
	orb $0x12, %gs:(%eax)
	orb %dl, -0x80000000(%eax)
	orb -0x80000000(%eax), %ch
	orb $0x12, -0x80000000(%eax)
	orb %dl, 4(%esp,%ebp,2)
	orb 4(%esp,%ebp,2), %ch
	orb $0x12, 4(%esp,%ebp,2)
	orb $1, %al
	orb $1, %bl
	orb $-1, %al
	orb $-1, %bl
	orb $127, %al
	orb $127, %bl
	orb $128, %al
	orb $128, %bl
	orb $-128, %al
	orb $-128, %bl
	orb $0x7f, %al
	orb $0x7f, %bl
	orb $0xff, %al
	orb $0xff, %bl
	orb $(k_const*2), %al
	orb $(k_const*2), %bl
	orb $'a, %al
	orb $'a, %bl
	orb $(k_const), %al
	orb $(k_const), %bl
	orb $-2, 4(%ebx)
1:
	orw %cx, %bx
	or %ax, %si
	orw %dx, (%eax)
	orw (%eax), %bp
	orw $0x12, (%eax)
	orw %dx, 127(%edx)
	orw 127(%edx), %bp
	orw $0x12, 127(%edx)
	orw %dx, 8(%esp)
	orw 8(%esp), %bp
	orw $0x12, 8(%esp)
	orw %dx, (%eax,%ebx)
	orw (%eax,%ebx), %bp
	orw $0x12, (%eax,%ebx)
	orw %dx, -8(%ebp,%edi,8)
	orw -8(%ebp,%edi,8), %bp
	orw $0x12, -8(%ebp,%edi,8)
	orw %dx, table
	orw table, %bp
	orw $0x12, table
	orw %dx, %gs:(%eax)
	orw %gs:(%eax), %bp
	orw $0x12, %gs:(%eax)
	orw %dx, -0x80000000(%eax)
	orw -0x80000000(%eax), %bp
	orw $0x12, -0x80000000(%eax)
	orw %dx, 4(%esp,%ebp,2)
	orw 4(%esp,%ebp,2), %bp
	orw $0x12, 4(%esp,%ebp,2)
	orw $1, %ax
	orw $1, %bx
	orw $-1, %ax
	orw $-1, %bx
	orw $127, %ax
	orw $127, %bx
	orw $128, %ax
	orw $128, %bx
	orw $-128, %ax
	orw $-128, %bx
	orw $0x7f, %ax
	orw $0x7f, %bx
	orw $0xff, %ax
	orw $0xff, %bx
	orw $(k_const*2), %ax
	orw $(k_const*2), %bx
	orw $'a, %ax
	orw $'a, %bx
	orw $(k_const), %ax
	orw $(k_const), %bx
	orw $-129, %ax
	orw $-129, %bx
	orw $0x1234, %ax
	orw $0x1234, %bx
	orw $0xffff, %ax
	orw $0xffff, %bx
	orw $sym, %ax
	orw $sym, %bx
	orw $sym+4, %ax
	orw $sym+4, %bx
	orw $(fwd - coverage), %ax
	orw $(fwd - coverage), %bx
	orw $(fwd - 1b), %ax
	orw $(fwd - 1b), %bx
	orw $-2, 4(%ebx)
1:
	orl %ecx, %ebx
	or %eax, %esi
	orl %edx, (%eax)
	orl (%eax), %ebp
	orl $0x12, (%eax)
	orl %edx, 127(%edx)
	orl 127(%edx), %ebp
	orl $0x12, 127(%edx)
	orl %edx, 8(%esp)
	orl 8(%esp), %ebp
	orl $0x12, 8(%esp)
	orl %edx, (%eax,%ebx)
	orl (%eax,%ebx), %ebp
	orl $0x12, (%eax,%ebx)
	orl %edx, -8(%ebp,%edi,8)
	orl -8(%ebp,%edi,8), %ebp
	orl $0x12, -8(%ebp,%edi,8)
	orl %edx, table
	orl table, %ebp
	orl $0x12, table
	orl %edx, %gs:(%eax)
	orl %gs:(%eax), %ebp
	orl $0x12, %gs:(%eax)
	orl %edx, -0x80000000(%eax)
	orl -0x80000000(%eax), %ebp
	orl $0x12, -0x80000000(%eax)
	orl %edx, 4(%esp,%ebp,2)
	orl 4(%esp,%ebp,2), %ebp
	orl $0x12, 4(%esp,%ebp,2)
	orl $1, %eax
	orl $1, %ebx
	orl $-1, %eax
	orl $-1, %ebx
	orl $127, %eax
	orl $127, %ebx
	orl $128, %eax
	orl $128, %ebx
	orl $-128, %eax
	orl $-128, %ebx
	orl $0x7f, %eax
	orl $0x7f, %ebx
	orl $0xff, %eax
	orl $0xff, %ebx
	orl $(k_const*2), %eax
	orl $(k_const*2), %ebx
	orl $'a, %eax
	orl $'a, %ebx
	orl $(k_const), %eax
	orl $(k_const), %ebx
	orl $-129, %eax
	orl $-129, %ebx
	orl $0x1234, %eax
	orl $0x1234, %ebx
	orl $0xffff, %eax
	orl $0xffff, %ebx
	orl $sym, %eax
	orl $sym, %ebx
	orl $sym+4, %eax
	orl $sym+4, %ebx
	orl $(fwd - coverage), %eax
	orl $(fwd - coverage), %ebx
	orl $(fwd - 1b), %eax
	orl $(fwd - 1b), %ebx
	orl $0x12345678, %eax
	orl $0x12345678, %ebx
	orl $0xffffffff, %eax
	orl $0xffffffff, %ebx
	orl $-2, 4(%ebx)
1:
	adcb %cl, %bl
	adc %al, %dh
	adcb %dl, (%eax)
	adcb (%eax), %ch
	adcb $0x12, (%eax)
	adcb %dl, 127(%edx)
	adcb 127(%edx), %ch
	adcb $0x12, 127(%edx)
	adcb %dl, 8(%esp)
	adcb 8(%esp), %ch
	adcb $0x12, 8(%esp)
	adcb %dl, (%eax,%ebx)
	adcb (%eax,%ebx), %ch
	adcb $0x12, (%eax,%ebx)
	adcb %dl, -8(%ebp,%edi,8)
	adcb -8(%ebp,%edi,8), %ch
	adcb $0x12, -8(%ebp,%edi,8)
	adcb %dl, table
	adcb table, %ch
	adcb $0x12, table
	adcb %dl, %gs:(%eax)
	adcb %gs:(%eax), %ch
	adcb $0x12, %gs:(%eax)
	adcb %dl, -0x80000000(%eax)
	adcb -0x80000000(%eax), %ch
	adcb $0x12, -0x80000000(%eax)
	adcb %dl, 4(%esp,%ebp,2)
	adcb 4(%esp,%ebp,2), %ch
	adcb $0x12, 4(%esp,%ebp,2)
	adcb $1, %al
	adcb $1, %bl
	adcb $-1, %al
	adcb $-1, %bl
	adcb $127, %al
	adcb $127, %bl
	adcb $128, %al
	adcb $128, %bl
	adcb $-128, %al
	adcb $-128, %bl
	adcb $0x7f, %al
	adcb $0x7f, %bl
	adcb $0xff, %al
	adcb $0xff, %bl
	adcb $(k_const*2), %al
	adcb $(k_const*2), %bl
	adcb $'a, %al
	adcb $'a, %bl
	adcb $(k_const), %al
	adcb $(k_const), %bl
	adcb $-2, 4(%ebx)
1:
	adcw %cx, %bx
	adc %ax, %si
	adcw %dx, (%eax)
	adcw (%eax), %bp
	adcw $0x12, (%eax)
	adcw %dx, 127(%edx)
	adcw 127(%edx), %bp
	adcw $0x12, 127(%edx)
	adcw %dx, 8(%esp)
	adcw 8(%esp), %bp
	adcw $0x12, 8(%esp)
	adcw %dx, (%eax,%ebx)
	adcw (%eax,%ebx), %bp
	adcw $0x12, (%eax,%ebx)
	adcw %dx, -8(%ebp,%edi,8)
	adcw -8(%ebp,%edi,8), %bp
	adcw $0x12, -8(%ebp,%edi,8)
	adcw %dx, table
	adcw table, %bp
	adcw $0x12, table
	adcw %dx, %gs:(%eax)
	adcw %gs:(%eax), %bp
	adcw $0x12, %gs:(%eax)
	adcw %dx, -0x80000000(%eax)
	adcw -0x80000000(%eax), %bp
	adcw $0x12, -0x80000000(%eax)
	adcw %dx, 4(%esp,%ebp,2)
	adcw 4(%esp,%ebp,2), %bp
	adcw $0x12, 4(%esp,%ebp,2)
	adcw $1, %ax
	adcw $1, %bx
	adcw $-1, %ax
	adcw $-1, %bx
	adcw $127, %ax
	adcw $127, %bx
	adcw $128, %ax
	adcw $128, %bx
	adcw $-128, %ax
	adcw $-128, %bx
	adcw $0x7f, %ax
	adcw $0x7f, %bx
	adcw $0xff, %ax
	adcw $0xff, %bx
	adcw $(k_const*2), %ax
	adcw $(k_const*2), %bx
	adcw $'a, %ax
	adcw $'a, %bx
	adcw $(k_const), %ax
	adcw $(k_const), %bx
	adcw $-129, %ax
	adcw $-129, %bx
	adcw $0x1234, %ax
	adcw $0x1234, %bx
	adcw $0xffff, %ax
	adcw $0xffff, %bx
	adcw $sym, %ax
	adcw $sym, %bx
	adcw $sym+4, %ax
	adcw $sym+4, %bx
	adcw $(fwd - coverage), %ax
	adcw $(fwd - coverage), %bx
	adcw $(fwd - 1b), %ax
	adcw $(fwd - 1b), %bx
	adcw $-2, 4(%ebx)
1:
	adcl %ecx, %ebx
	adc %eax, %esi
	adcl %edx, (%eax)
	adcl (%eax), %ebp
	adcl $0x12, (%eax)
	adcl %edx, 127(%edx)
	adcl 127(%edx), %ebp
	adcl $0x12, 127(%edx)
	adcl %edx, 8(%esp)
	adcl 8(%esp), %ebp
	adcl $0x12, 8(%esp)
	adcl %edx, (%eax,%ebx)
	adcl (%eax,%ebx), %ebp
	adcl $0x12, (%eax,%ebx)
	adcl %edx, -8(%ebp,%edi,8)
	adcl -8(%ebp,%edi,8), %ebp
	adcl $0x12, -8(%ebp,%edi,8)
	adcl %edx, table
	adcl table, %ebp
	adcl $0x12, table
	adcl %edx, %gs:(%eax)
	adcl %gs:(%eax), %ebp
	adcl $0x12, %gs:(%eax)
	adcl %edx, -0x80000000(%eax)
	adcl -0x80000000(%eax), %ebp
	adcl $0x12, -0x80000000(%eax)
	adcl %edx, 4(%esp,%ebp,2)
	adcl 4(%esp,%ebp,2), %ebp
	adcl $0x12, 4(%esp,%ebp,2)
	adcl $1, %eax
	adcl $1, %ebx
	adcl $-1, %eax
	adcl $-1, %ebx
	adcl $127, %eax
	adcl $127, %ebx
	adcl $128, %eax
	adcl $128, %ebx
	adcl $-128, %eax
	adcl $-128, %ebx
	adcl $0x7f, %eax
	adcl $0x7f, %ebx
	adcl $0xff, %eax
	adcl $0xff, %ebx
	adcl $(k_const*2), %eax
	adcl $(k_const*2), %ebx
	adcl $'a, %eax
	adcl $'a, %ebx
	adcl $(k_const), %eax
	adcl $(k_const), %ebx
	adcl $-129, %eax
	adcl $-129, %ebx
	adcl $0x1234, %eax
	adcl $0x1234, %ebx
	adcl $0xffff, %eax
	adcl $0xffff, %ebx
	adcl $sym, %eax
	adcl $sym, %ebx
	adcl $sym+4, %eax
	adcl $sym+4, %ebx
	adcl $(fwd - coverage), %eax
	adcl $(fwd - coverage), %ebx
	adcl $(fwd - 1b), %eax
	adcl $(fwd - 1b), %ebx
	adcl $0x12345678, %eax
	adcl $0x12345678, %ebx
	adcl $0xffffffff, %eax
	adcl $0xffffffff, %ebx
	adcl $-2, 4(%ebx)
1:
	sbbb %cl, %bl
	sbb %al, %dh
	sbbb %dl, (%eax)
	sbbb (%eax), %ch
	sbbb $0x12, (%eax)
	sbbb %dl, 127(%edx)
	sbbb 127(%edx), %ch
	sbbb $0x12, 127(%edx)
	sbbb %dl, 8(%esp)
	sbbb 8(%esp), %ch
	sbbb $0x12, 8(%esp)
	sbbb %dl, (%eax,%ebx)
	sbbb (%eax,%ebx), %ch
	sbbb $0x12, (%eax,%ebx)
	sbbb %dl, -8(%ebp,%edi,8)
	sbbb -8(%ebp,%edi,8), %ch
	sbbb $0x12, -8(%ebp,%edi,8)
	sbbb %dl, table
	sbbb table, %ch
	sbbb $0x12, table
	sbbb %dl, %gs:(%eax)
	sbbb %gs:(%eax), %ch
	sbbb $0x12, %gs:(%eax)
	sbbb %dl, -0x80000000(%eax)
	sbbb -0x80000000(%eax), %ch
	sbbb $0x12, -0x80000000(%eax)
	sbbb %dl, 4(%esp,%ebp,2)
	sbbb 4(%esp,%ebp,2), %ch
	sbbb $0x12, 4(%esp,%ebp,2)
	sbbb $1, %al
	sbbb $1, %bl
	sbbb $-1, %al
	sbbb $-1, %bl
	sbbb $127, %al
	sbbb $127, %bl
	sbbb $128, %al
	sbbb $128, %bl
	sbbb $-128, %al
	sbbb $-128, %bl
	sbbb $0x7f, %al
	sbbb $0x7f, %bl
	sbbb $0xff, %al
	sbbb $0xff, %bl
	sbbb $(k_const*2), %al
	sbbb $(k_const*2), %bl
	sbbb $'a, %al
	sbbb $'a, %bl
	sbbb $(k_const), %al
	sbbb $(k_const), %bl
	sbbb $-2, 4(%ebx)
1:
	sbbw %cx, %bx
	sbb %ax, %si
	sbbw %dx, (%eax)
	sbbw (%eax), %bp
	sbbw $0x12, (%eax)
	sbbw %dx, 127(%edx)
	sbbw 127(%edx), %bp
	sbbw $0x12, 127(%edx)
	sbbw %dx, 8(%esp)
	sbbw 8(%esp), %bp
	sbbw $0x12, 8(%esp)
	sbbw %dx, (%eax,%ebx)
	sbbw (%eax,%ebx), %bp
	sbbw $0x12, (%eax,%ebx)
	sbbw %dx, -8(%ebp,%edi,8)
	sbbw -8(%ebp,%edi,8), %bp
	sbbw $0x12, -8(%ebp,%edi,8)
	sbbw %dx, table
	sbbw table, %bp
	sbbw $0x12, table
	sbbw %dx, %gs:(%eax)
	sbbw %gs:(%eax), %bp
	sbbw $0x12, %gs:(%eax)
	sbbw %dx, -0x80000000(%eax)
	sbbw -0x80000000(%eax), %bp
	sbbw $0x12, -0x80000000(%eax)
	sbbw %dx, 4(%esp,%ebp,2)
	sbbw 4(%esp,%ebp,2), %bp
	sbbw $0x12, 4(%esp,%ebp,2)
	sbbw $1, %ax
	sbbw $1, %bx
	sbbw $-1, %ax
	sbbw $-1, %bx
	sbbw $127, %ax
	sbbw $127, %bx
	sbbw $128, %ax
	sbbw $128, %bx
	sbbw $-128, %ax
	sbbw $-128, %bx
	sbbw $0x7f, %ax
	sbbw $0x7f, %bx
	sbbw $0xff, %ax
	sbbw $0xff, %bx
	sbbw $(k_const*2), %ax
	sbbw $(k_const*2), %bx
	sbbw $'a, %ax
	sbbw $'a, %bx
	sbbw $(k_const), %ax
	sbbw $(k_const), %bx
	sbbw $-129, %ax
	sbbw $-129, %bx
	sbbw $0x1234, %ax
	sbbw $0x1234, %bx
	sbbw $0xffff, %ax
	sbbw $0xffff, %bx
	sbbw $sym, %ax
	sbbw $sym, %bx
	sbbw $sym+4, %ax
	sbbw $sym+4, %bx
	sbbw $(fwd - coverage), %ax
	sbbw $(fwd - coverage), %bx
	sbbw $(fwd - 1b), %ax
	sbbw $(fwd - 1b), %bx
	sbbw $-2, 4(%ebx)
1:
	sbbl %ecx, %ebx
	sbb %eax, %esi
	sbbl %edx, (%eax)
	sbbl (%eax), %ebp
	sbbl $0x12, (%eax)
	sbbl %edx, 127(%edx)
	sbbl 127(%edx), %ebp
	sbbl $0x12, 127(%edx)
	sbbl %edx, 8(%esp)
	sbbl 8(%esp), %ebp
	sbbl $0x12, 8(%esp)
	sbbl %edx, (%eax,%ebx)
	sbbl (%eax,%ebx), %ebp
	sbbl $0x12, (%eax,%ebx)
	sbbl %edx, -8(%ebp,%edi,8)
	sbbl -8(%ebp,%edi,8), %ebp
	sbbl $0x12, -8(%ebp,%edi,8)
	sbbl %edx, table
	sbbl table, %ebp
	sbbl $0x12, table
	sbbl %edx, %gs:(%eax)
	sbbl %gs:(%eax), %ebp
	sbbl $0x12, %gs:(%eax)
	sbbl %edx, -0x80000000(%eax)
	sbbl -0x80000000(%eax), %ebp
	sbbl $0x12, -0x80000000(%eax)
	sbbl %edx, 4(%esp,%ebp,2)
	sbbl 4(%esp,%ebp,2), %ebp
	sbbl $0x12, 4(%esp,%ebp,2)
	sbbl $1, %eax
	sbbl $1, %ebx
	sbbl $-1, %eax
	sbbl $-1, %ebx
	sbbl $127, %eax
	sbbl $127, %ebx
	sbbl $128, %eax
	sbbl $128, %ebx
	sbbl $-128, %eax
	sbbl $-128, %ebx
	sbbl $0x7f, %eax
	sbbl $0x7f, %ebx
	sbbl $0xff, %eax
	sbbl $0xff, %ebx
	sbbl $(k_const*2), %eax
	sbbl $(k_const*2), %ebx
	sbbl $'a, %eax
	sbbl $'a, %ebx
	sbbl $(k_const), %eax
	sbbl $(k_const), %ebx
	sbbl $-129, %eax
	sbbl $-129, %ebx
	sbbl $0x1234, %eax
	sbbl $0x1234, %ebx
	sbbl $0xffff, %eax
	sbbl $0xffff, %ebx
	sbbl $sym, %eax
	sbbl $sym, %ebx
	sbbl $sym+4, %eax
	sbbl $sym+4, %ebx
	sbbl $(fwd - coverage), %eax
	sbbl $(fwd - coverage), %ebx
	sbbl $(fwd - 1b), %eax
	sbbl $(fwd - 1b), %ebx
	sbbl $0x12345678, %eax
	sbbl $0x12345678, %ebx
	sbbl $0xffffffff, %eax
	sbbl $0xffffffff, %ebx
	sbbl $-2, 4(%ebx)
1:
	andb %cl, %bl
	and %al, %dh
	andb %dl, (%eax)
	andb (%eax), %ch
	andb $0x12, (%eax)
	andb %dl, 127(%edx)
	andb 127(%edx), %ch
	andb $0x12, 127(%edx)
	andb %dl, 8(%esp)
	andb 8(%esp), %ch
	andb $0x12, 8(%esp)
	andb %dl, (%eax,%ebx)
	andb (%eax,%ebx), %ch
	andb $0x12, (%eax,%ebx)
	andb %dl, -8(%ebp,%edi,8)
	andb -8(%ebp,%edi,8), %ch
	andb $0x12, -8(%ebp,%edi,8)
	andb %dl, table
	andb table, %ch
	andb $0x12, table
	andb %dl, %gs:(%eax)
	andb %gs:(%eax), %ch
	andb $0x12, %gs:(%eax)
	andb %dl, -0x80000000(%eax)
	andb -0x80000000(%eax), %ch
	andb $0x12, -0x80000000(%eax)
	andb %dl, 4(%esp,%ebp,2)
	andb 4(%esp,%ebp,2), %ch
	andb $0x12, 4(%esp,%ebp,2)
	andb $1, %al
	andb $1, %bl
	andb $-1, %al
	andb $-1, %bl
	andb $127, %al
	andb $127, %bl
	andb $128, %al
	andb $128, %bl
	andb $-128, %al
	andb $-128, %bl
	andb $0x7f, %al
	andb $0x7f, %bl
	andb $0xff, %al
	andb $0xff, %bl
	andb $(k_const*2), %al
	andb $(k_const*2), %bl
	andb $'a, %al
	andb $'a, %bl
	andb $(k_const), %al
	andb $(k_const), %bl
	andb $-2, 4(%ebx)
1:
	andw %cx, %bx
	and %ax, %si
	andw %dx, (%eax)
	andw (%eax), %bp
	andw $0x12, (%eax)
	andw %dx, 127(%edx)
	andw 127(%edx), %bp
	andw $0x12, 127(%edx)
	andw %dx, 8(%esp)
	andw 8(%esp), %bp
	andw $0x12, 8(%esp)
	andw %dx, (%eax,%ebx)
	andw (%eax,%ebx), %bp
	andw $0x12, (%eax,%ebx)
	andw %dx, -8(%ebp,%edi,8)
	andw -8(%ebp,%edi,8), %bp
	andw $0x12, -8(%ebp,%edi,8)
	andw %dx, table
	andw table, %bp
	andw $0x12, table
	andw %dx, %gs:(%eax)
	andw %gs:(%eax), %bp
	andw $0x12, %gs:(%eax)
	andw %dx, -0x80000000(%eax)
	andw -0x80000000(%eax), %bp
	andw $0x12, -0x80000000(%eax)
	andw %dx, 4(%esp,%ebp,2)
	andw 4(%esp,%ebp,2), %bp
	andw $0x12, 4(%esp,%ebp,2)
	andw $1, %ax
	andw $1, %bx
	andw $-1, %ax
	andw $-1, %bx
	andw $127, %ax
	andw $127, %bx
	andw $128, %ax
	andw $128, %bx
	andw $-128, %ax
	andw $-128, %bx
	andw $0x7f, %ax
	andw $0x7f, %bx
	andw $0xff, %ax
	andw $0xff, %bx
	andw $(k_const*2), %ax
	andw $(k_const*2), %bx
	andw $'a, %ax
	andw $'a, %bx
	andw $(k_const), %ax
	andw $(k_const), %bx
	andw $-129, %ax
	andw $-129, %bx
	andw $0x1234, %ax
	andw $0x1234, %bx
	andw $0xffff, %ax
	andw $0xffff, %bx
	andw $sym, %ax
	andw $sym, %bx
	andw $sym+4, %ax
	andw $sym+4, %bx
	andw $(fwd - coverage), %ax
	andw $(fwd - coverage), %bx
	andw $(fwd - 1b), %ax
	andw $(fwd - 1b), %bx
	andw $-2, 4(%ebx)
1:
	andl %ecx, %ebx
	and %eax, %esi
	andl %edx, (%eax)
	andl (%eax), %ebp
	andl $0x12, (%eax)
	andl %edx, 127(%edx)
	andl 127(%edx), %ebp
	andl $0x12, 127(%edx)
	andl %edx, 8(%esp)
	andl 8(%esp), %ebp
	andl $0x12, 8(%esp)
	andl %edx, (%eax,%ebx)
	andl (%eax,%ebx), %ebp
	andl $0x12, (%eax,%ebx)
	andl %edx, -8(%ebp,%edi,8)
	andl -8(%ebp,%edi,8), %ebp
	andl $0x12, -8(%ebp,%edi,8)
	andl %edx, table
	andl table, %ebp
	andl $0x12, table
	andl %edx, %gs:(%eax)
	andl %gs:(%eax), %ebp
	andl $0x12, %gs:(%eax)
	andl %edx, -0x80000000(%eax)
	andl -0x80000000(%eax), %ebp
	andl $0x12, -0x80000000(%eax)
	andl %edx, 4(%esp,%ebp,2)
	andl 4(%esp,%ebp,2), %ebp
	andl $0x12, 4(%esp,%ebp,2)
	andl $1, %eax
	andl $1, %ebx
	andl $-1, %eax
	andl $-1, %ebx
	andl $127, %eax
	andl $127, %ebx
	andl $128, %eax
	andl $128, %ebx
	andl $-128, %eax
	andl $-128, %ebx
	andl $0x7f, %eax
	andl $0x7f, %ebx
	andl $0xff, %eax
	andl $0xff, %ebx
	andl $(k_const*2), %eax
	andl $(k_const*2), %ebx
	andl $'a, %eax
	andl $'a, %ebx
	andl $(k_const), %eax
	andl $(k_const), %ebx
	andl $-129, %eax
	andl $-129, %ebx
	andl $0x1234, %eax
	andl $0x1234, %ebx
	andl $0xffff, %eax
	andl $0xffff, %ebx
	andl $sym, %eax
	andl $sym, %ebx
	andl $sym+4, %eax
	andl $sym+4, %ebx
	andl $(fwd - coverage), %eax
	andl $(fwd - coverage), %ebx
	andl $(fwd - 1b), %eax
	andl $(fwd - 1b), %ebx
	andl $0x12345678, %eax
	andl $0x12345678, %ebx
	andl $0xffffffff, %eax
	andl $0xffffffff, %ebx
	andl $-2, 4(%ebx)
1:
	subb %cl, %bl
	sub %al, %dh
	subb %dl, (%eax)
	subb (%eax), %ch
	subb $0x12, (%eax)
	subb %dl, 127(%edx)
	subb 127(%edx), %ch
	subb $0x12, 127(%edx)
	subb %dl, 8(%esp)
	subb 8(%esp), %ch
	subb $0x12, 8(%esp)
	subb %dl, (%eax,%ebx)
	subb (%eax,%ebx), %ch
	subb $0x12, (%eax,%ebx)
	subb %dl, -8(%ebp,%edi,8)
	subb -8(%ebp,%edi,8), %ch
	subb $0x12, -8(%ebp,%edi,8)
	subb %dl, table
	subb table, %ch
	subb $0x12, table
	subb %dl, %gs:(%eax)
	subb %gs:(%eax), %ch
	subb $0x12, %gs:(%eax)
	subb %dl, -0x80000000(%eax)
	subb -0x80000000(%eax), %ch
	subb $0x12, -0x80000000(%eax)
	subb %dl, 4(%esp,%ebp,2)
	subb 4(%esp,%ebp,2), %ch
	subb $0x12, 4(%esp,%ebp,2)
	subb $1, %al
	subb $1, %bl
	subb $-1, %al
	subb $-1, %bl
	subb $127, %al
	subb $127, %bl
	subb $128, %al
	subb $128, %bl
	subb $-128, %al
	subb $-128, %bl
	subb $0x7f, %al
	subb $0x7f, %bl
	subb $0xff, %al
	subb $0xff, %bl
	subb $(k_const*2), %al
	subb $(k_const*2), %bl
	subb $'a, %al
	subb $'a, %bl
	subb $(k_const), %al
	subb $(k_const), %bl
	subb $-2, 4(%ebx)
1:
	subw %cx, %bx
	sub %ax, %si
	subw %dx, (%eax)
	subw (%eax), %bp
	subw $0x12, (%eax)
	subw %dx, 127(%edx)
	subw 127(%edx), %bp
	subw $0x12, 127(%edx)
	subw %dx, 8(%esp)
	subw 8(%esp), %bp
	subw $0x12, 8(%esp)
	subw %dx, (%eax,%ebx)
	subw (%eax,%ebx), %bp
	subw $0x12, (%eax,%ebx)
	subw %dx, -8(%ebp,%edi,8)
	subw -8(%ebp,%edi,8), %bp
	subw $0x12, -8(%ebp,%edi,8)
	subw %dx, table
	subw table, %bp
	subw $0x12, table
	subw %dx, %gs:(%eax)
	subw %gs:(%eax), %bp
	subw $0x12, %gs:(%eax)
	subw %dx, -0x80000000(%eax)
	subw -0x80000000(%eax), %bp
	subw $0x12, -0x80000000(%eax)
	subw %dx, 4(%esp,%ebp,2)
	subw 4(%esp,%ebp,2), %bp
	subw $0x12, 4(%esp,%ebp,2)
	subw $1, %ax
	subw $1, %bx
	subw $-1, %ax
	subw $-1, %bx
	subw $127, %ax
	subw $127, %bx
	subw $128, %ax
	subw $128, %bx
	subw $-128, %ax
	subw $-128, %bx
	subw $0x7f, %ax
	subw $0x7f, %bx
	subw $0xff, %ax
	subw $0xff, %bx
	subw $(k_const*2), %ax
	subw $(k_const*2), %bx
	subw $'a, %ax
	subw $'a, %bx
	subw $(k_const), %ax
	subw $(k_const), %bx
	subw $-129, %ax
	subw $-129, %bx
	subw $0x1234, %ax
	subw $0x1234, %bx
	subw $0xffff, %ax
	subw $0xffff, %bx
	subw $sym, %ax
	subw $sym, %bx
	subw $sym+4, %ax
	subw $sym+4, %bx
	subw $(fwd - coverage), %ax
	subw $(fwd - coverage), %bx
	subw $(fwd - 1b), %ax
	subw $(fwd - 1b), %bx
	subw $-2, 4(%ebx)
1:
	subl %ecx, %ebx
	sub %eax, %esi
	subl %edx, (%eax)
	subl (%eax), %ebp
	subl $0x12, (%eax)
	subl %edx, 127(%edx)
	subl 127(%edx), %ebp
	subl $0x12, 127(%edx)
	subl %edx, 8(%esp)
	subl 8(%esp), %ebp
	subl $0x12, 8(%esp)
	subl %edx, (%eax,%ebx)
	subl (%eax,%ebx), %ebp
	subl $0x12, (%eax,%ebx)
	subl %edx, -8(%ebp,%edi,8)
	subl -8(%ebp,%edi,8), %ebp
	subl $0x12, -8(%ebp,%edi,8)
	subl %edx, table
	subl table, %ebp
	subl $0x12, table
	subl %edx, %gs:(%eax)
	subl %gs:(%eax), %ebp
	subl $0x12, %gs:(%eax)
	subl %edx, -0x80000000(%eax)
	subl -0x80000000(%eax), %ebp
	subl $0x12, -0x80000000(%eax)
	subl %edx, 4(%esp,%ebp,2)
	subl 4(%esp,%ebp,2), %ebp
	subl $0x12, 4(%esp,%ebp,2)
	subl $1, %eax
	subl $1, %ebx
	subl $-1, %eax
	subl $-1, %ebx
	subl $127, %eax
	subl $127, %ebx
	subl $128, %eax
	subl $128, %ebx
	subl $-128, %eax
	subl $-128, %ebx
	subl $0x7f, %eax
	subl $0x7f, %ebx
	subl $0xff, %eax
	subl $0xff, %ebx
	subl $(k_const*2), %eax
	subl $(k_const*2), %ebx
	subl $'a, %eax
	subl $'a, %ebx
	subl $(k_const), %eax
	subl $(k_const), %ebx
	subl $-129, %eax
	subl $-129, %ebx
	subl $0x1234, %eax
	subl $0x1234, %ebx
	subl $0xffff, %eax
	subl $0xffff, %ebx
	subl $sym, %eax
	subl $sym, %ebx
	subl $sym+4, %eax
	subl $sym+4, %ebx
	subl $(fwd - coverage), %eax
	subl $(fwd - coverage), %ebx
	subl $(fwd - 1b), %eax
	subl $(fwd - 1b), %ebx
	subl $0x12345678, %eax
	subl $0x12345678, %ebx
	subl $0xffffffff, %eax
	subl $0xffffffff, %ebx
	subl $-2, 4(%ebx)
1:
	xorb %cl, %bl
	xor %al, %dh
	xorb %dl, (%eax)
	xorb (%eax), %ch
	xorb $0x12, (%eax)
	xorb %dl, 127(%edx)
	xorb 127(%edx), %ch
	xorb $0x12, 127(%edx)
	xorb %dl, 8(%esp)
	xorb 8(%esp), %ch
	xorb $0x12, 8(%esp)
	xorb %dl, (%eax,%ebx)
	xorb (%eax,%ebx), %ch
	xorb $0x12, (%eax,%ebx)
	xorb %dl, -8(%ebp,%edi,8)
	xorb -8(%ebp,%edi,8), %ch
	xorb $0x12, -8(%ebp,%edi,8)
	xorb %dl, table
	xorb table, %ch
	xorb $0x12, table
	xorb %dl, %gs:(%eax)
	xorb %gs:(%eax), %ch
	xorb $0x12, %gs:(%eax)
	xorb %dl, -0x80000000(%eax)
	xorb -0x80000000(%eax), %ch
	xorb $0x12, -0x80000000(%eax)
	xorb %dl, 4(%esp,%ebp,2)
	xorb 4(%esp,%ebp,2), %ch
	xorb $0x12, 4(%esp,%ebp,2)
	xorb $1, %al
	xorb $1, %bl
	xorb $-1, %al
	xorb $-1, %bl
	xorb $127, %al
	xorb $127, %bl
	xorb $128, %al
	xorb $128, %bl
	xorb $-128, %al
	xorb $-128, %bl
	xorb $0x7f, %al
	xorb $0x7f, %bl
	xorb $0xff, %al
	xorb $0xff, %bl
	xorb $(k_const*2), %al
	xorb $(k_const*2), %bl
	xorb $'a, %al
	xorb $'a, %bl
	xorb $(k_const), %al
	xorb $(k_const), %bl
	xorb $-2, 4(%ebx)
1:
	xorw %cx, %bx
	xor %ax, %si
	xorw %dx, (%eax)
	xorw (%eax), %bp
	xorw $0x12, (%eax)
	xorw %dx, 127(%edx)
	xorw 127(%edx), %bp
	xorw $0x12, 127(%edx)
	xorw %dx, 8(%esp)
	xorw 8(%esp), %bp
	xorw $0x12, 8(%esp)
	xorw %dx, (%eax,%ebx)
	xorw (%eax,%ebx), %bp
	xorw $0x12, (%eax,%ebx)
	xorw %dx, -8(%ebp,%edi,8)
	xorw -8(%ebp,%edi,8), %bp
	xorw $0x12, -8(%ebp,%edi,8)
	xorw %dx, table
	xorw table, %bp
	xorw $0x12, table
	xorw %dx, %gs:(%eax)
	xorw %gs:(%eax), %bp
	xorw $0x12, %gs:(%eax)
	xorw %dx, -0x80000000(%eax)
	xorw -0x80000000(%eax), %bp
	xorw $0x12, -0x80000000(%eax)
	xorw %dx, 4(%esp,%ebp,2)
	xorw 4(%esp,%ebp,2), %bp
	xorw $0x12, 4(%esp,%ebp,2)
	xorw $1, %ax
	xorw $1, %bx
	xorw $-1, %ax
	xorw $-1, %bx
	xorw $127, %ax
	xorw $127, %bx
	xorw $128, %ax
	xorw $128, %bx
	xorw $-128, %ax
	xorw $-128, %bx
	xorw $0x7f, %ax
	xorw $0x7f, %bx
	xorw $0xff, %ax
	xorw $0xff, %bx
	xorw $(k_const*2), %ax
	xorw $(k_const*2), %bx
	xorw $'a, %ax
	xorw $'a, %bx
	xorw $(k_const), %ax
	xorw $(k_const), %bx
	xorw $-129, %ax
	xorw $-129, %bx
	xorw $0x1234, %ax
	xorw $0x1234, %bx
	xorw $0xffff, %ax
	xorw $0xffff, %bx
	xorw $sym, %ax
	xorw $sym, %bx
	xorw $sym+4, %ax
	xorw $sym+4, %bx
	xorw $(fwd - coverage), %ax
	xorw $(fwd - coverage), %bx
	xorw $(fwd - 1b), %ax
	xorw $(fwd - 1b), %bx
	xorw $-2, 4(%ebx)
1:
	xorl %ecx, %ebx
	xor %eax, %esi
	xorl %edx, (%eax)
	xorl (%eax), %ebp
	xorl $0x12, (%eax)
	xorl %edx, 127(%edx)
	xorl 127(%edx), %ebp
	xorl $0x12, 127(%edx)
	xorl %edx, 8(%esp)
	xorl 8(%esp), %ebp
	xorl $0x12, 8(%esp)
	xorl %edx, (%eax,%ebx)
	xorl (%eax,%ebx), %ebp
	xorl $0x12, (%eax,%ebx)
	xorl %edx, -8(%ebp,%edi,8)
	xorl -8(%ebp,%edi,8), %ebp
	xorl $0x12, -8(%ebp,%edi,8)
	xorl %edx, table
	xorl table, %ebp
	xorl $0x12, table
	xorl %edx, %gs:(%eax)
	xorl %gs:(%eax), %ebp
	xorl $0x12, %gs:(%eax)
	xorl %edx, -0x80000000(%eax)
	xorl -0x80000000(%eax), %ebp
	xorl $0x12, -0x80000000(%eax)
	xorl %edx, 4(%esp,%ebp,2)
	xorl 4(%esp,%ebp,2), %ebp
	xorl $0x12, 4(%esp,%ebp,2)
	xorl $1, %eax
	xorl $1, %ebx
	xorl $-1, %eax
	xorl $-1, %ebx
	xorl $127, %eax
	xorl $127, %ebx
	xorl $128, %eax
	xorl $128, %ebx
	xorl $-128, %eax
	xorl $-128, %ebx
	xorl $0x7f, %eax
	xorl $0x7f, %ebx
	xorl $0xff, %eax
	xorl $0xff, %ebx
	xorl $(k_const*2), %eax
	xorl $(k_const*2), %ebx
	xorl $'a, %eax
	xorl $'a, %ebx
	xorl $(k_const), %eax
	xorl $(k_const), %ebx
	xorl $-129, %eax
	xorl $-129, %ebx
	xorl $0x1234, %eax
	xorl $0x1234, %ebx
	xorl $0xffff, %eax
	xorl $0xffff, %ebx
	xorl $sym, %eax
	xorl $sym, %ebx
	xorl $sym+4, %eax
	xorl $sym+4, %ebx
	xorl $(fwd - coverage), %eax
	xorl $(fwd - coverage), %ebx
	xorl $(fwd - 1b), %eax
	xorl $(fwd - 1b), %ebx
	xorl $0x12345678, %eax
	xorl $0x12345678, %ebx
	xorl $0xffffffff, %eax
	xorl $0xffffffff, %ebx
	xorl $-2, 4(%ebx)
1:
	cmpb %cl, %bl
	cmp %al, %dh
	cmpb %dl, (%eax)
	cmpb (%eax), %ch
	cmpb $0x12, (%eax)
	cmpb %dl, 127(%edx)
	cmpb 127(%edx), %ch
	cmpb $0x12, 127(%edx)
	cmpb %dl, 8(%esp)
	cmpb 8(%esp), %ch
	cmpb $0x12, 8(%esp)
	cmpb %dl, (%eax,%ebx)
	cmpb (%eax,%ebx), %ch
	cmpb $0x12, (%eax,%ebx)
	cmpb %dl, -8(%ebp,%edi,8)
	cmpb -8(%ebp,%edi,8), %ch
	cmpb $0x12, -8(%ebp,%edi,8)
	cmpb %dl, table
	cmpb table, %ch
	cmpb $0x12, table
	cmpb %dl, %gs:(%eax)
	cmpb %gs:(%eax), %ch
	cmpb $0x12, %gs:(%eax)
	cmpb %dl, -0x80000000(%eax)
	cmpb -0x80000000(%eax), %ch
	cmpb $0x12, -0x80000000(%eax)
	cmpb %dl, 4(%esp,%ebp,2)
	cmpb 4(%esp,%ebp,2), %ch
	cmpb $0x12, 4(%esp,%ebp,2)
	cmpb $1, %al
	cmpb $1, %bl
	cmpb $-1, %al
	cmpb $-1, %bl
	cmpb $127, %al
	cmpb $127, %bl
	cmpb $128, %al
	cmpb $128, %bl
	cmpb $-128, %al
	cmpb $-128, %bl
	cmpb $0x7f, %al
	cmpb $0x7f, %bl
	cmpb $0xff, %al
	cmpb $0xff, %bl
	cmpb $(k_const*2), %al
	cmpb $(k_const*2), %bl
	cmpb $'a, %al
	cmpb $'a, %bl
	cmpb $(k_const), %al
	cmpb $(k_const), %bl
	cmpb $-2, 4(%ebx)
1:
	cmpw %cx, %bx
	cmp %ax, %si
	cmpw %dx, (%eax)
	cmpw (%eax), %bp
	cmpw $0x12, (%eax)
	cmpw %dx, 127(%edx)
	cmpw 127(%edx), %bp
	cmpw $0x12, 127(%edx)
	cmpw %dx, 8(%esp)
	cmpw 8(%esp), %bp
	cmpw $0x12, 8(%esp)
	cmpw %dx, (%eax,%ebx)
	cmpw (%eax,%ebx), %bp
	cmpw $0x12, (%eax,%ebx)
	cmpw %dx, -8(%ebp,%edi,8)
	cmpw -8(%ebp,%edi,8), %bp
	cmpw $0x12, -8(%ebp,%edi,8)
	cmpw %dx, table
	cmpw table, %bp
	cmpw $0x12, table
	cmpw %dx, %gs:(%eax)
	cmpw %gs:(%eax), %bp
	cmpw $0x12, %gs:(%eax)
	cmpw %dx, -0x80000000(%eax)
	cmpw -0x80000000(%eax), %bp
	cmpw $0x12, -0x80000000(%eax)
	cmpw %dx, 4(%esp,%ebp,2)
	cmpw 4(%esp,%ebp,2), %bp
	cmpw $0x12, 4(%esp,%ebp,2)
	cmpw $1, %ax
	cmpw $1, %bx
	cmpw $-1, %ax
	cmpw $-1, %bx
	cmpw $127, %ax
	cmpw $127, %bx
	cmpw $128, %ax
	cmpw $128, %bx
	cmpw $-128, %ax
	cmpw $-128, %bx
	cmpw $0x7f, %ax
	cmpw $0x7f, %bx
	cmpw $0xff, %ax
	cmpw $0xff, %bx
	cmpw $(k_const*2), %ax
	cmpw $(k_const*2), %bx
	cmpw $'a, %ax
	cmpw $'a, %bx
	cmpw $(k_const), %ax
	cmpw $(k_const), %bx
	cmpw $-129, %ax
	cmpw $-129, %bx
	cmpw $0x1234, %ax
	cmpw $0x1234, %bx
	cmpw $0xffff, %ax
	cmpw $0xffff, %bx
	cmpw $sym, %ax
	cmpw $sym, %bx
	cmpw $sym+4, %ax
	cmpw $sym+4, %bx
	cmpw $(fwd - coverage), %ax
	cmpw $(fwd - coverage), %bx
	cmpw $(fwd - 1b), %ax
	cmpw $(fwd - 1b), %bx
	cmpw $-2, 4(%ebx)
1:
	cmpl %ecx, %ebx
	cmp %eax, %esi
	cmpl %edx, (%eax)
	cmpl (%eax), %ebp
	cmpl $0x12, (%eax)
	cmpl %edx, 127(%edx)
	cmpl 127(%edx), %ebp
	cmpl $0x12, 127(%edx)
	cmpl %edx, 8(%esp)
	cmpl 8(%esp), %ebp
	cmpl $0x12, 8(%esp)
	cmpl %edx, (%eax,%ebx)
	cmpl (%eax,%ebx), %ebp
	cmpl $0x12, (%eax,%ebx)
	cmpl %edx, -8(%ebp,%edi,8)
	cmpl -8(%ebp,%edi,8), %ebp
	cmpl $0x12, -8(%ebp,%edi,8)
	cmpl %edx, table
	cmpl table, %ebp
	cmpl $0x12, table
	cmpl %edx, %gs:(%eax)
	cmpl %gs:(%eax), %ebp
	cmpl $0x12, %gs:(%eax)
	cmpl %edx, -0x80000000(%eax)
	cmpl -0x80000000(%eax), %ebp
	cmpl $0x12, -0x80000000(%eax)
	cmpl %edx, 4(%esp,%ebp,2)
	cmpl 4(%esp,%ebp,2), %ebp
	cmpl $0x12, 4(%esp,%ebp,2)
	cmpl $1, %eax
	cmpl $1, %ebx
	cmpl $-1, %eax
	cmpl $-1, %ebx
	cmpl $127, %eax
	cmpl $127, %ebx
	cmpl $128, %eax
	cmpl $128, %ebx
	cmpl $-128, %eax
	cmpl $-128, %ebx
	cmpl $0x7f, %eax
	cmpl $0x7f, %ebx
	cmpl $0xff, %eax
	cmpl $0xff, %ebx
	cmpl $(k_const*2), %eax
	cmpl $(k_const*2), %ebx
	cmpl $'a, %eax
	cmpl $'a, %ebx
	cmpl $(k_const), %eax
	cmpl $(k_const), %ebx
	cmpl $-129, %eax
	cmpl $-129, %ebx
	cmpl $0x1234, %eax
	cmpl $0x1234, %ebx
	cmpl $0xffff, %eax
	cmpl $0xffff, %ebx
	cmpl $sym, %eax
	cmpl $sym, %ebx
	cmpl $sym+4, %eax
	cmpl $sym+4, %ebx
	cmpl $(fwd - coverage), %eax
	cmpl $(fwd - coverage), %ebx
	cmpl $(fwd - 1b), %eax
	cmpl $(fwd - 1b), %ebx
	cmpl $0x12345678, %eax
	cmpl $0x12345678, %ebx
	cmpl $0xffffffff, %eax
	cmpl $0xffffffff, %ebx
	cmpl $-2, 4(%ebx)
1:
	movb %cl, %bl
	mov %al, %dh
	movb %dl, (%eax)
	movb (%eax), %ch
	movb $0x12, (%eax)
	movb %dl, 4(%ebx)
	movb 4(%ebx), %ch
	movb $0x12, 4(%ebx)
	movb %dl, -128(%ecx)
	movb -128(%ecx), %ch
	movb $0x12, -128(%ecx)
	movb %dl, 127(%edx)
	movb 127(%edx), %ch
	movb $0x12, 127(%edx)
	movb %dl, 0x1000(%edx)
	movb 0x1000(%edx), %ch
	movb $0x12, 0x1000(%edx)
	movb %dl, (%esp)
	movb (%esp), %ch
	movb $0x12, (%esp)
	movb %dl, 8(%esp)
	movb 8(%esp), %ch
	movb $0x12, 8(%esp)
	movb %dl, (%ebp)
	movb (%ebp), %ch
	movb $0x12, (%ebp)
	movb %dl, 4(%ebp)
	movb 4(%ebp), %ch
	movb $0x12, 4(%ebp)
	movb %dl, (%eax,%ebx)
	movb (%eax,%ebx), %ch
	movb $0x12, (%eax,%ebx)
	movb %dl, (%eax,%ecx,2)
	movb (%eax,%ecx,2), %ch
	movb $0x12, (%eax,%ecx,2)
	movb %dl, 16(%ebx,%esi,4)
	movb 16(%ebx,%esi,4), %ch
	movb $0x12, 16(%ebx,%esi,4)
	movb %dl, -8(%ebp,%edi,8)
	movb -8(%ebp,%edi,8), %ch
	movb $0x12, -8(%ebp,%edi,8)
	movb %dl, (,%eax,4)
	movb (,%eax,4), %ch
	movb $0x12, (,%eax,4)
	movb %dl, table(,%eax,4)
	movb table(,%eax,4), %ch
	movb $0x12, table(,%eax,4)
	movb %dl, table
	movb table, %ch
	movb $0x12, table
	movb %dl, table+4
	movb table+4, %ch
	movb $0x12, table+4
	movb %dl, %fs:4
	movb %fs:4, %ch
	movb $0x12, %fs:4
	movb %dl, %gs:(%eax)
	movb %gs:(%eax), %ch
	movb $0x12, %gs:(%eax)
	movb %dl, 0x12345678
	movb 0x12345678, %ch
	movb $0x12, 0x12345678
	movb %dl, data_item(%esi)
	movb data_item(%esi), %ch
	movb $0x12, data_item(%esi)
	movb %dl, -0x80000000(%eax)
	movb -0x80000000(%eax), %ch
	movb $0x12, -0x80000000(%eax)
	movb %dl, 0xffffffff(%ebx)
	movb 0xffffffff(%ebx), %ch
	movb $0x12, 0xffffffff(%ebx)
	movb %dl, (%esp,%eax,1)
	movb (%esp,%eax,1), %ch
	movb $0x12, (%esp,%eax,1)
	movb %dl, 4(%esp,%ebp,2)
	movb 4(%esp,%ebp,2), %ch
	movb $0x12, 4(%esp,%ebp,2)
	movb $1, %al
	movb $1, %bl
	movb $-1, %al
	movb $-1, %bl
	movb $127, %al
	movb $127, %bl
	movb $128, %al
	movb $128, %bl
	movb $-128, %al
	movb $-128, %bl
	movb $0x7f, %al
	movb $0x7f, %bl
	movb $0xff, %al
	movb $0xff, %bl
	movb $(k_const*2), %al
	movb $(k_const*2), %bl
	movb $'a, %al
	movb $'a, %bl
	movb $(k_const), %al
	movb $(k_const), %bl
	movb $-2, 4(%ebx)
1:
	movw %cx, %bx
	mov %ax, %si
	movw %dx, (%eax)
	movw (%eax), %bp
	movw $0x12, (%eax)
	movw %dx, 4(%ebx)
	movw 4(%ebx), %bp
	movw $0x12, 4(%ebx)
	movw %dx, -128(%ecx)
	movw -128(%ecx), %bp
	movw $0x12, -128(%ecx)
	movw %dx, 127(%edx)
	movw 127(%edx), %bp
	movw $0x12, 127(%edx)
	movw %dx, 0x1000(%edx)
	movw 0x1000(%edx), %bp
	movw $0x12, 0x1000(%edx)
	movw %dx, (%esp)
	movw (%esp), %bp
	movw $0x12, (%esp)
	movw %dx, 8(%esp)
	movw 8(%esp), %bp
	movw $0x12, 8(%esp)
	movw %dx, (%ebp)
	movw (%ebp), %bp
	movw $0x12, (%ebp)
	movw %dx, 4(%ebp)
	movw 4(%ebp), %bp
	movw $0x12, 4(%ebp)
	movw %dx, (%eax,%ebx)
	movw (%eax,%ebx), %bp
	movw $0x12, (%eax,%ebx)
	movw %dx, (%eax,%ecx,2)
	movw (%eax,%ecx,2), %bp
	movw $0x12, (%eax,%ecx,2)
	movw %dx, 16(%ebx,%esi,4)
	movw 16(%ebx,%esi,4), %bp
	movw $0x12, 16(%ebx,%esi,4)
	movw %dx, -8(%ebp,%edi,8)
	movw -8(%ebp,%edi,8), %bp
	movw $0x12, -8(%ebp,%edi,8)
	movw %dx, (,%eax,4)
	movw (,%eax,4), %bp
	movw $0x12, (,%eax,4)
	movw %dx, table(,%eax,4)
	movw table(,%eax,4), %bp
	movw $0x12, table(,%eax,4)
	movw %dx, table
	movw table, %bp
	movw $0x12, table
	movw %dx, table+4
	movw table+4, %bp
	movw $0x12, table+4
	movw %dx, %fs:4
	movw %fs:4, %bp
	movw $0x12, %fs:4
	movw %dx, %gs:(%eax)
	movw %gs:(%eax), %bp
	movw $0x12, %gs:(%eax)
	movw %dx, 0x12345678
	movw 0x12345678, %bp
	movw $0x12, 0x12345678
	movw %dx, data_item(%esi)
	movw data_item(%esi), %bp
	movw $0x12, data_item(%esi)
	movw %dx, -0x80000000(%eax)
	movw -0x80000000(%eax), %bp
	movw $0x12, -0x80000000(%eax)
	movw %dx, 0xffffffff(%ebx)
	movw 0xffffffff(%ebx), %bp
	movw $0x12, 0xffffffff(%ebx)
	movw %dx, (%esp,%eax,1)
	movw (%esp,%eax,1), %bp
	movw $0x12, (%esp,%eax,1)
	movw %dx, 4(%esp,%ebp,2)
	movw 4(%esp,%ebp,2), %bp
	movw $0x12, 4(%esp,%ebp,2)
	movw $1, %ax
	movw $1, %bx
	movw $-1, %ax
	movw $-1, %bx
	movw $127, %ax
	movw $127, %bx
	movw $128, %ax
	movw $128, %bx
	movw $-128, %ax
	movw $-128, %bx
	movw $0x7f, %ax
	movw $0x7f, %bx
	movw $0xff, %ax
	movw $0xff, %bx
	movw $(k_const*2), %ax
	movw $(k_const*2), %bx
	movw $'a, %ax
	movw $'a, %bx
	movw $(k_const), %ax
	movw $(k_const), %bx
	movw $-129, %ax
	movw $-129, %bx
	movw $0x1234, %ax
	movw $0x1234, %bx
	movw $0xffff, %ax
	movw $0xffff, %bx
	movw $sym, %ax
	movw $sym, %bx
	movw $sym+4, %ax
	movw $sym+4, %bx
	movw $(fwd - coverage), %ax
	movw $(fwd - coverage), %bx
	movw $(fwd - 1b), %ax
	movw $(fwd - 1b), %bx
	movw $-2, 4(%ebx)
1:
	movl %ecx, %ebx
	mov %eax, %esi
	movl %edx, (%eax)
	movl (%eax), %ebp
	movl $0x12, (%eax)
	movl %edx, 4(%ebx)
	movl 4(%ebx), %ebp
	movl $0x12, 4(%ebx)
	movl %edx, -128(%ecx)
	movl -128(%ecx), %ebp
	movl $0x12, -128(%ecx)
	movl %edx, 127(%edx)
	movl 127(%edx), %ebp
	movl $0x12, 127(%edx)
	movl %edx, 0x1000(%edx)
	movl 0x1000(%edx), %ebp
	movl $0x12, 0x1000(%edx)
	movl %edx, (%esp)
	movl (%esp), %ebp
	movl $0x12, (%esp)
	movl %edx, 8(%esp)
	movl 8(%esp), %ebp
	movl $0x12, 8(%esp)
	movl %edx, (%ebp)
	movl (%ebp), %ebp
	movl $0x12, (%ebp)
	movl %edx, 4(%ebp)
	movl 4(%ebp), %ebp
	movl $0x12, 4(%ebp)
	movl %edx, (%eax,%ebx)
	movl (%eax,%ebx), %ebp
	movl $0x12, (%eax,%ebx)
	movl %edx, (%eax,%ecx,2)
	movl (%eax,%ecx,2), %ebp
	movl $0x12, (%eax,%ecx,2)
	movl %edx, 16(%ebx,%esi,4)
	movl 16(%ebx,%esi,4), %ebp
	movl $0x12, 16(%ebx,%esi,4)
	movl %edx, -8(%ebp,%edi,8)
	movl -8(%ebp,%edi,8), %ebp
	movl $0x12, -8(%ebp,%edi,8)
	movl %edx, (,%eax,4)
	movl (,%eax,4), %ebp
	movl $0x12, (,%eax,4)
	movl %edx, table(,%eax,4)
	movl table(,%eax,4), %ebp
	movl $0x12, table(,%eax,4)
	movl %edx, table
	movl table, %ebp
	movl $0x12, table
	movl %edx, table+4
	movl table+4, %ebp
	movl $0x12, table+4
	movl %edx, %fs:4
	movl %fs:4, %ebp
	movl $0x12, %fs:4
	movl %edx, %gs:(%eax)
	movl %gs:(%eax), %ebp
	movl $0x12, %gs:(%eax)
	movl %edx, 0x12345678
	movl 0x12345678, %ebp
	movl $0x12, 0x12345678
	movl %edx, data_item(%esi)
	movl data_item(%esi), %ebp
	movl $0x12, data_item(%esi)
	movl %edx, -0x80000000(%eax)
	movl -0x80000000(%eax), %ebp
	movl $0x12, -0x80000000(%eax)
	movl %edx, 0xffffffff(%ebx)
	movl 0xffffffff(%ebx), %ebp
	movl $0x12, 0xffffffff(%ebx)
	movl %edx, (%esp,%eax,1)
	movl (%esp,%eax,1), %ebp
	movl $0x12, (%esp,%eax,1)
	movl %edx, 4(%esp,%ebp,2)
	movl 4(%esp,%ebp,2), %ebp
	movl $0x12, 4(%esp,%ebp,2)
	movl $1, %eax
	movl $1, %ebx
	movl $-1, %eax
	movl $-1, %ebx
	movl $127, %eax
	movl $127, %ebx
	movl $128, %eax
	movl $128, %ebx
	movl $-128, %eax
	movl $-128, %ebx
	movl $0x7f, %eax
	movl $0x7f, %ebx
	movl $0xff, %eax
	movl $0xff, %ebx
	movl $(k_const*2), %eax
	movl $(k_const*2), %ebx
	movl $'a, %eax
	movl $'a, %ebx
	movl $(k_const), %eax
	movl $(k_const), %ebx
	movl $-129, %eax
	movl $-129, %ebx
	movl $0x1234, %eax
	movl $0x1234, %ebx
	movl $0xffff, %eax
	movl $0xffff, %ebx
	movl $sym, %eax
	movl $sym, %ebx
	movl $sym+4, %eax
	movl $sym+4, %ebx
	movl $(fwd - coverage), %eax
	movl $(fwd - coverage), %ebx
	movl $(fwd - 1b), %eax
	movl $(fwd - 1b), %ebx
	movl $0x12345678, %eax
	movl $0x12345678, %ebx
	movl $0xffffffff, %eax
	movl $0xffffffff, %ebx
	movl $-2, 4(%ebx)
1:
	testb %cl, %bl
	test %al, %dh
	testb %dl, (%eax)
	testb $0x12, (%eax)
	testb %dl, 127(%edx)
	testb $0x12, 127(%edx)
	testb %dl, 8(%esp)
	testb $0x12, 8(%esp)
	testb %dl, (%eax,%ebx)
	testb $0x12, (%eax,%ebx)
	testb %dl, -8(%ebp,%edi,8)
	testb $0x12, -8(%ebp,%edi,8)
	testb %dl, table
	testb $0x12, table
	testb %dl, %gs:(%eax)
	testb $0x12, %gs:(%eax)
	testb %dl, -0x80000000(%eax)
	testb $0x12, -0x80000000(%eax)
	testb %dl, 4(%esp,%ebp,2)
	testb $0x12, 4(%esp,%ebp,2)
	testb $1, %al
	testb $1, %bl
	testb $-1, %al
	testb $-1, %bl
	testb $127, %al
	testb $127, %bl
	testb $128, %al
	testb $128, %bl
	testb $-128, %al
	testb $-128, %bl
	testb $0x7f, %al
	testb $0x7f, %bl
	testb $0xff, %al
	testb $0xff, %bl
	testb $(k_const*2), %al
	testb $(k_const*2), %bl
	testb $'a, %al
	testb $'a, %bl
	testb $(k_const), %al
	testb $(k_const), %bl
	testb $-2, 4(%ebx)
1:
	testw %cx, %bx
	test %ax, %si
	testw %dx, (%eax)
	testw $0x12, (%eax)
	testw %dx, 127(%edx)
	testw $0x12, 127(%edx)
	testw %dx, 8(%esp)
	testw $0x12, 8(%esp)
	testw %dx, (%eax,%ebx)
	testw $0x12, (%eax,%ebx)
	testw %dx, -8(%ebp,%edi,8)
	testw $0x12, -8(%ebp,%edi,8)
	testw %dx, table
	testw $0x12, table
	testw %dx, %gs:(%eax)
	testw $0x12, %gs:(%eax)
	testw %dx, -0x80000000(%eax)
	testw $0x12, -0x80000000(%eax)
	testw %dx, 4(%esp,%ebp,2)
	testw $0x12, 4(%esp,%ebp,2)
	testw $1, %ax
	testw $1, %bx
	testw $-1, %ax
	testw $-1, %bx
	testw $127, %ax
	testw $127, %bx
	testw $128, %ax
	testw $128, %bx
	testw $-128, %ax
	testw $-128, %bx
	testw $0x7f, %ax
	testw $0x7f, %bx
	testw $0xff, %ax
	testw $0xff, %bx
	testw $(k_const*2), %ax
	testw $(k_const*2), %bx
	testw $'a, %ax
	testw $'a, %bx
	testw $(k_const), %ax
	testw $(k_const), %bx
	testw $-129, %ax
	testw $-129, %bx
	testw $0x1234, %ax
	testw $0x1234, %bx
	testw $0xffff, %ax
	testw $0xffff, %bx
	testw $sym, %ax
	testw $sym, %bx
	testw $sym+4, %ax
	testw $sym+4, %bx
	testw $(fwd - coverage), %ax
	testw $(fwd - coverage), %bx
	testw $(fwd - 1b), %ax
	testw $(fwd - 1b), %bx
	testw $-2, 4(%ebx)
1:
	testl %ecx, %ebx
	test %eax, %esi
	testl %edx, (%eax)
	testl $0x12, (%eax)
	testl %edx, 127(%edx)
	testl $0x12, 127(%edx)
	testl %edx, 8(%esp)
	testl $0x12, 8(%esp)
	testl %edx, (%eax,%ebx)
	testl $0x12, (%eax,%ebx)
	testl %edx, -8(%ebp,%edi,8)
	testl $0x12, -8(%ebp,%edi,8)
	testl %edx, table
	testl $0x12, table
	testl %edx, %gs:(%eax)
	testl $0x12, %gs:(%eax)
	testl %edx, -0x80000000(%eax)
	testl $0x12, -0x80000000(%eax)
	testl %edx, 4(%esp,%ebp,2)
	testl $0x12, 4(%esp,%ebp,2)
	testl $1, %eax
	testl $1, %ebx
	testl $-1, %eax
	testl $-1, %ebx
	testl $127, %eax
	testl $127, %ebx
	testl $128, %eax
	testl $128, %ebx
	testl $-128, %eax
	testl $-128, %ebx
	testl $0x7f, %eax
	testl $0x7f, %ebx
	testl $0xff, %eax
	testl $0xff, %ebx
	testl $(k_const*2), %eax
	testl $(k_const*2), %ebx
	testl $'a, %eax
	testl $'a, %ebx
	testl $(k_const), %eax
	testl $(k_const), %ebx
	testl $-129, %eax
	testl $-129, %ebx
	testl $0x1234, %eax
	testl $0x1234, %ebx
	testl $0xffff, %eax
	testl $0xffff, %ebx
	testl $sym, %eax
	testl $sym, %ebx
	testl $sym+4, %eax
	testl $sym+4, %ebx
	testl $(fwd - coverage), %eax
	testl $(fwd - coverage), %ebx
	testl $(fwd - 1b), %eax
	testl $(fwd - 1b), %ebx
	testl $0x12345678, %eax
	testl $0x12345678, %ebx
	testl $0xffffffff, %eax
	testl $0xffffffff, %ebx
	testl $-2, 4(%ebx)
	rolb %bl
	rolb $1, %bl
	rolb $5, %dl
	rolb %cl, %dh
	rolb $3, 8(%ebp)
	rolb %cl, (%eax,%ebx,4)
	rolb (%ecx)
	rolw %bx
	rolw $1, %bx
	rolw $5, %dx
	rolw %cl, %si
	rolw $3, 8(%ebp)
	rolw %cl, (%eax,%ebx,4)
	rolw (%ecx)
	roll %ebx
	roll $1, %ebx
	roll $5, %edx
	roll %cl, %esi
	roll $3, 8(%ebp)
	roll %cl, (%eax,%ebx,4)
	roll (%ecx)
	rorb %bl
	rorb $1, %bl
	rorb $5, %dl
	rorb %cl, %dh
	rorb $3, 8(%ebp)
	rorb %cl, (%eax,%ebx,4)
	rorb (%ecx)
	rorw %bx
	rorw $1, %bx
	rorw $5, %dx
	rorw %cl, %si
	rorw $3, 8(%ebp)
	rorw %cl, (%eax,%ebx,4)
	rorw (%ecx)
	rorl %ebx
	rorl $1, %ebx
	rorl $5, %edx
	rorl %cl, %esi
	rorl $3, 8(%ebp)
	rorl %cl, (%eax,%ebx,4)
	rorl (%ecx)
	rclb %bl
	rclb $1, %bl
	rclb $5, %dl
	rclb %cl, %dh
	rclb $3, 8(%ebp)
	rclb %cl, (%eax,%ebx,4)
	rclb (%ecx)
	rclw %bx
	rclw $1, %bx
	rclw $5, %dx
	rclw %cl, %si
	rclw $3, 8(%ebp)
	rclw %cl, (%eax,%ebx,4)
	rclw (%ecx)
	rcll %ebx
	rcll $1, %ebx
	rcll $5, %edx
	rcll %cl, %esi
	rcll $3, 8(%ebp)
	rcll %cl, (%eax,%ebx,4)
	rcll (%ecx)
	rcrb %bl
	rcrb $1, %bl
	rcrb $5, %dl
	rcrb %cl, %dh
	rcrb $3, 8(%ebp)
	rcrb %cl, (%eax,%ebx,4)
	rcrb (%ecx)
	rcrw %bx
	rcrw $1, %bx
	rcrw $5, %dx
	rcrw %cl, %si
	rcrw $3, 8(%ebp)
	rcrw %cl, (%eax,%ebx,4)
	rcrw (%ecx)
	rcrl %ebx
	rcrl $1, %ebx
	rcrl $5, %edx
	rcrl %cl, %esi
	rcrl $3, 8(%ebp)
	rcrl %cl, (%eax,%ebx,4)
	rcrl (%ecx)
	shlb %bl
	shlb $1, %bl
	shlb $5, %dl
	shlb %cl, %dh
	shlb $3, 8(%ebp)
	shlb %cl, (%eax,%ebx,4)
	shlb (%ecx)
	shlw %bx
	shlw $1, %bx
	shlw $5, %dx
	shlw %cl, %si
	shlw $3, 8(%ebp)
	shlw %cl, (%eax,%ebx,4)
	shlw (%ecx)
	shll %ebx
	shll $1, %ebx
	shll $5, %edx
	shll %cl, %esi
	shll $3, 8(%ebp)
	shll %cl, (%eax,%ebx,4)
	shll (%ecx)
	shrb %bl
	shrb $1, %bl
	shrb $5, %dl
	shrb %cl, %dh
	shrb $3, 8(%ebp)
	shrb %cl, (%eax,%ebx,4)
	shrb (%ecx)
	shrw %bx
	shrw $1, %bx
	shrw $5, %dx
	shrw %cl, %si
	shrw $3, 8(%ebp)
	shrw %cl, (%eax,%ebx,4)
	shrw (%ecx)
	shrl %ebx
	shrl $1, %ebx
	shrl $5, %edx
	shrl %cl, %esi
	shrl $3, 8(%ebp)
	shrl %cl, (%eax,%ebx,4)
	shrl (%ecx)
	salb %bl
	salb $1, %bl
	salb $5, %dl
	salb %cl, %dh
	salb $3, 8(%ebp)
	salb %cl, (%eax,%ebx,4)
	salb (%ecx)
	salw %bx
	salw $1, %bx
	salw $5, %dx
	salw %cl, %si
	salw $3, 8(%ebp)
	salw %cl, (%eax,%ebx,4)
	salw (%ecx)
	sall %ebx
	sall $1, %ebx
	sall $5, %edx
	sall %cl, %esi
	sall $3, 8(%ebp)
	sall %cl, (%eax,%ebx,4)
	sall (%ecx)
	sarb %bl
	sarb $1, %bl
	sarb $5, %dl
	sarb %cl, %dh
	sarb $3, 8(%ebp)
	sarb %cl, (%eax,%ebx,4)
	sarb (%ecx)
	sarw %bx
	sarw $1, %bx
	sarw $5, %dx
	sarw %cl, %si
	sarw $3, 8(%ebp)
	sarw %cl, (%eax,%ebx,4)
	sarw (%ecx)
	sarl %ebx
	sarl $1, %ebx
	sarl $5, %edx
	sarl %cl, %esi
	sarl $3, 8(%ebp)
	sarl %cl, (%eax,%ebx,4)
	sarl (%ecx)
	notb %cl
	not %bh
	notb 12(%esp)
	notb table(,%ecx,4)
	notw %cx
	not %di
	notw 12(%esp)
	notw table(,%ecx,4)
	notl %ecx
	not %edi
	notl 12(%esp)
	notl table(,%ecx,4)
	negb %cl
	neg %bh
	negb 12(%esp)
	negb table(,%ecx,4)
	negw %cx
	neg %di
	negw 12(%esp)
	negw table(,%ecx,4)
	negl %ecx
	neg %edi
	negl 12(%esp)
	negl table(,%ecx,4)
	mulb %cl
	mul %bh
	mulb 12(%esp)
	mulb table(,%ecx,4)
	mulw %cx
	mul %di
	mulw 12(%esp)
	mulw table(,%ecx,4)
	mull %ecx
	mul %edi
	mull 12(%esp)
	mull table(,%ecx,4)
	imulb %cl
	imul %bh
	imulb 12(%esp)
	imulb table(,%ecx,4)
	imulw %cx
	imul %di
	imulw 12(%esp)
	imulw table(,%ecx,4)
	imull %ecx
	imul %edi
	imull 12(%esp)
	imull table(,%ecx,4)
	divb %cl
	div %bh
	divb 12(%esp)
	divb table(,%ecx,4)
	divw %cx
	div %di
	divw 12(%esp)
	divw table(,%ecx,4)
	divl %ecx
	div %edi
	divl 12(%esp)
	divl table(,%ecx,4)
	idivb %cl
	idiv %bh
	idivb 12(%esp)
	idivb table(,%ecx,4)
	idivw %cx
	idiv %di
	idivw 12(%esp)
	idivw table(,%ecx,4)
	idivl %ecx
	idiv %edi
	idivl 12(%esp)
	idivl table(,%ecx,4)
	incb %cl
	inc %bh
	incb 12(%esp)
	incb table(,%ecx,4)
	incw %cx
	inc %di
	incw 12(%esp)
	incw table(,%ecx,4)
	incl %ecx
	inc %edi
	incl 12(%esp)
	incl table(,%ecx,4)
	decb %cl
	dec %bh
	decb 12(%esp)
	decb table(,%ecx,4)
	decw %cx
	dec %di
	decw 12(%esp)
	decw table(,%ecx,4)
	decl %ecx
	dec %edi
	decl 12(%esp)
	decl table(,%ecx,4)
	imulw %cx, %dx
	imulw 8(%ebp), %dx
	imulw $3, %cx, %dx
	imulw $300, %cx, %dx
	imulw $-5, (%eax), %dx
	imulw $7, %bx
	imulw $1000, %bx
	btw %cx, %dx
	btw %cx, (%eax)
	btw $5, %dx
	btw $31, 4(%esi)
	btsw %cx, %dx
	btsw %cx, (%eax)
	btsw $5, %dx
	btsw $31, 4(%esi)
	btrw %cx, %dx
	btrw %cx, (%eax)
	btrw $5, %dx
	btrw $31, 4(%esi)
	btcw %cx, %dx
	btcw %cx, (%eax)
	btcw $5, %dx
	btcw $31, 4(%esi)
	bsfw %cx, %dx
	bsfw (%ebx), %dx
	bsrw %cx, %dx
	bsrw (%ebx), %dx
	shldw $4, %cx, %dx
	shldw %cl, %cx, (%eax)
	shrdw $4, %cx, %dx
	shrdw %cl, %cx, 8(%ebp)
	leaw 8(%ebx,%ecx,4), %ax
	xchgw %ax, %bx
	xchgw %bx, %ax
	xchgw %cx, %dx
	xchgw %cx, (%eax)
	xchgw (%eax), %cx
	xaddw %cx, (%edx)
	lock xaddw %cx, (%edx)
	cmpxchgw %cx, (%edx)
	lock cmpxchgw %cx, 4(%edx)
	cmovow %cx, %dx
	cmovnow %cx, %dx
	cmovbw %cx, %dx
	cmovcw %cx, %dx
	cmovnaew %cx, %dx
	cmovaew %cx, %dx
	cmovnbw %cx, %dx
	cmovncw %cx, %dx
	cmovew %cx, %dx
	cmovzw %cx, %dx
	cmovnew %cx, %dx
	cmovnzw %cx, %dx
	cmovbew %cx, %dx
	cmovnaw %cx, %dx
	cmovaw %cx, %dx
	cmovnbew %cx, %dx
	cmovsw %cx, %dx
	cmovnsw %cx, %dx
	cmovpw %cx, %dx
	cmovpew %cx, %dx
	cmovnpw %cx, %dx
	cmovpow %cx, %dx
	cmovlw %cx, %dx
	cmovngew %cx, %dx
	cmovgew %cx, %dx
	cmovnlw %cx, %dx
	cmovlew %cx, %dx
	cmovngw %cx, %dx
	cmovgw %cx, %dx
	cmovnlew %cx, %dx
	cmovew 8(%ebp), %dx
	pushw %bx
	popw %bx
	pushw (%eax)
	popw 4(%eax)
	pushw $5
	pushw $500
	imull %ecx, %edx
	imull 8(%ebp), %edx
	imull $3, %ecx, %edx
	imull $300, %ecx, %edx
	imull $-5, (%eax), %edx
	imull $7, %ebx
	imull $1000, %ebx
	btl %ecx, %edx
	btl %ecx, (%eax)
	btl $5, %edx
	btl $31, 4(%esi)
	btsl %ecx, %edx
	btsl %ecx, (%eax)
	btsl $5, %edx
	btsl $31, 4(%esi)
	btrl %ecx, %edx
	btrl %ecx, (%eax)
	btrl $5, %edx
	btrl $31, 4(%esi)
	btcl %ecx, %edx
	btcl %ecx, (%eax)
	btcl $5, %edx
	btcl $31, 4(%esi)
	bsfl %ecx, %edx
	bsfl (%ebx), %edx
	bsrl %ecx, %edx
	bsrl (%ebx), %edx
	shldl $4, %ecx, %edx
	shldl %cl, %ecx, (%eax)
	shrdl $4, %ecx, %edx
	shrdl %cl, %ecx, 8(%ebp)
	leal 8(%ebx,%ecx,4), %eax
	xchgl %eax, %ebx
	xchgl %ebx, %eax
	xchgl %ecx, %edx
	xchgl %ecx, (%eax)
	xchgl (%eax), %ecx
	xaddl %ecx, (%edx)
	lock xaddl %ecx, (%edx)
	cmpxchgl %ecx, (%edx)
	lock cmpxchgl %ecx, 4(%edx)
	cmovol %ecx, %edx
	cmovnol %ecx, %edx
	cmovbl %ecx, %edx
	cmovcl %ecx, %edx
	cmovnael %ecx, %edx
	cmovael %ecx, %edx
	cmovnbl %ecx, %edx
	cmovncl %ecx, %edx
	cmovel %ecx, %edx
	cmovzl %ecx, %edx
	cmovnel %ecx, %edx
	cmovnzl %ecx, %edx
	cmovbel %ecx, %edx
	cmovnal %ecx, %edx
	cmoval %ecx, %edx
	cmovnbel %ecx, %edx
	cmovsl %ecx, %edx
	cmovnsl %ecx, %edx
	cmovpl %ecx, %edx
	cmovpel %ecx, %edx
	cmovnpl %ecx, %edx
	cmovpol %ecx, %edx
	cmovll %ecx, %edx
	cmovngel %ecx, %edx
	cmovgel %ecx, %edx
	cmovnll %ecx, %edx
	cmovlel %ecx, %edx
	cmovngl %ecx, %edx
	cmovgl %ecx, %edx
	cmovnlel %ecx, %edx
	cmovel 8(%ebp), %edx
	pushl %ebx
	popl %ebx
	pushl (%eax)
	popl 4(%eax)
	pushl $5
	pushl $500
	xchgb %al, %bl
	xchgb %bl, (%ecx)
	xaddb %al, (%ecx)
	cmpxchgb %cl, (%ecx)
	cmpxchg8b (%esi)
	lock cmpxchg8b 8(%esi)
	bswap %eax
	bswap %ecx
	bswap %edx
	bswap %ebx
	bswap %esp
	bswap %ebp
	bswap %esi
	bswap %edi
	seto %al
	seto (%ebx)
	setno %al
	setno (%ebx)
	setb %al
	setb (%ebx)
	setc %al
	setc (%ebx)
	setnae %al
	setnae (%ebx)
	setae %al
	setae (%ebx)
	setnb %al
	setnb (%ebx)
	setnc %al
	setnc (%ebx)
	sete %al
	sete (%ebx)
	setz %al
	setz (%ebx)
	setne %al
	setne (%ebx)
	setnz %al
	setnz (%ebx)
	setbe %al
	setbe (%ebx)
	setna %al
	setna (%ebx)
	seta %al
	seta (%ebx)
	setnbe %al
	setnbe (%ebx)
	sets %al
	sets (%ebx)
	setns %al
	setns (%ebx)
	setp %al
	setp (%ebx)
	setpe %al
	setpe (%ebx)
	setnp %al
	setnp (%ebx)
	setpo %al
	setpo (%ebx)
	setl %al
	setl (%ebx)
	setnge %al
	setnge (%ebx)
	setge %al
	setge (%ebx)
	setnl %al
	setnl (%ebx)
	setle %al
	setle (%ebx)
	setng %al
	setng (%ebx)
	setg %al
	setg (%ebx)
	setnle %al
	setnle (%ebx)
	movzbl %al, %eax
	movzbl (%eax), %ecx
	movzwl %ax, %edx
	movzwl 2(%esi), %edx
	movzbw %bl, %cx
	movsbl %al, %eax
	movsbl -1(%ebp), %eax
	movswl %cx, %ebx
	movswl (%ecx), %ebx
	movsbw %dl, %ax
	movzb %al, %eax
	movzw %ax, %eax
	movsb %al, %eax
	movsw %ax, %ecx
	cbtw
	cwtl
	cwtd
	cltd
	cbw
	cwde
	cwd
	cdq
	movsb
	rep movsb
	repne movsb
	movsw
	rep movsw
	repne movsw
	movsl
	rep movsl
	repne movsl
	cmpsb
	repe cmpsb
	repne cmpsb
	cmpsw
	repe cmpsw
	repne cmpsw
	cmpsl
	repe cmpsl
	repne cmpsl
	stosb
	rep stosb
	repne stosb
	stosw
	rep stosw
	repne stosw
	stosl
	rep stosl
	repne stosl
	lodsb
	rep lodsb
	repne lodsb
	lodsw
	rep lodsw
	repne lodsw
	lodsl
	rep lodsl
	repne lodsl
	scasb
	repe scasb
	repne scasb
	scasw
	repe scasw
	repne scasw
	scasl
	repe scasl
	repne scasl
	insb
	rep insb
	repne insb
	insw
	rep insw
	repne insw
	insl
	rep insl
	repne insl
	outsb
	rep outsb
	repne outsb
	outsw
	rep outsw
	repne outsw
	outsl
	rep outsl
	repne outsl
	movsl (%esi), (%edi)
	movsb %fs:(%esi), %es:(%edi)
	stosl %eax, %es:(%edi)
	rep; movsl
	lock; incl (%eax)
	pushl %ds
	pushl %es
	pushl %fs
	pushl %gs
	pushl %ss
	pushl %cs
	popl %ds
	popl %es
	popl %fs
	popl %gs
	popl %ss
	pushw %fs
	popw %gs
	pushal
	popal
	pushaw
	popaw
	pusha
	popa
	pushfl
	popfl
	pushfw
	popfw
	pushf
	popf
	movw %ax, %ds
	movl %eax, %es
	mov %bx, %fs
	mov %ds, %eax
	movw %ds, %ax
	mov %gs, (%eax)
	movw %ss, 4(%ebx)
	mov (%eax), %ss
	movw 2(%eax), %gs
	movl %cr0, %eax
	movl %ebx, %cr0
	mov %cr0, %edx
	movl %cr2, %eax
	movl %ebx, %cr2
	mov %cr2, %edx
	movl %cr3, %eax
	movl %ebx, %cr3
	mov %cr3, %edx
	movl %cr4, %eax
	movl %ebx, %cr4
	mov %cr4, %edx
	movl %dr0, %eax
	movl %ecx, %dr0
	movl %dr3, %eax
	movl %ecx, %dr3
	movl %dr6, %eax
	movl %ecx, %dr6
	movl %dr7, %eax
	movl %ecx, %dr7
	lgdt gdtr
	lidt idtr
	lgdtl (%eax)
	lidtl 6(%ebx)
	sgdt (%eax)
	sidtl (%ecx)
	ltr %ax
	ltr (%eax)
	lldt %cx
	str %ax
	sldt %dx
	lmsw %ax
	smsw %ax
	invlpg (%eax)
	invlpg 0x1000
	invlpg table(,%ebx,4)
	inb $0x60, %al
	inw $0x60, %ax
	inl $0xfc, %eax
	inb %dx, %al
	inw %dx, %ax
	inl %dx, %eax
	in (%dx), %al
	outb %al, $0x80
	outw %ax, $0x80
	outl %eax, $0x80
	outb %al, %dx
	outw %ax, %dx
	outl %eax, %dx
	out %al, (%dx)
	inb $0x21
	outb $0x21
	nop
	hlt
	cli
	sti
	cld
	std
	clc
	stc
	cmc
	sahf
	lahf
	pause
	cpuid
	rdtsc
	rdmsr
	wrmsr
	rdpmc
	wbinvd
	invd
	clts
	ud2
	int3
	into
	leave
	ret
	lret
	iret
	iretl
	iretw
	lretl
	lretw
	retl
	retw
	xlat
	wait
	fwait
	ret $8
	lret $4
	int $0x80
	int $3
	enter $16, $0
	enter $0x1000, $1
	call *%eax
	call *(%eax)
	call *table(,%eax,4)
	calll *%ecx
	jmp *%eax
	jmp *8(%ebp)
	jmpl *table
	ljmp *(%eax)
	lcall *4(%ebx)
	ljmp $0x08, $coverage
	lcall $0x18, $0x12345
	ljmpw $0x08, $0x1234
	jmp $0x10, $0x2000
	call coverage
	call ext_func
	call ext_func+8
	call fwd
	1: loop 1b
	loope 1b
	loopne 1b
	loopz 1b
	loopnz 1b
	jecxz 1b
	jcxz 1b
	jo 1b
	jo fwd
	jo ext_func
	jno 1b
	jno fwd
	jno ext_func
	jb 1b
	jb fwd
	jb ext_func
	jc 1b
	jc fwd
	jc ext_func
	jnae 1b
	jnae fwd
	jnae ext_func
	jae 1b
	jae fwd
	jae ext_func
	jnb 1b
	jnb fwd
	jnb ext_func
	jnc 1b
	jnc fwd
	jnc ext_func
	je 1b
	je fwd
	je ext_func
	jz 1b
	jz fwd
	jz ext_func
	jne 1b
	jne fwd
	jne ext_func
	jnz 1b
	jnz fwd
	jnz ext_func
	jbe 1b
	jbe fwd
	jbe ext_func
	jna 1b
	jna fwd
	jna ext_func
	ja 1b
	ja fwd
	ja ext_func
	jnbe 1b
	jnbe fwd
	jnbe ext_func
	js 1b
	js fwd
	js ext_func
	jns 1b
	jns fwd
	jns ext_func
	jp 1b
	jp fwd
	jp ext_func
	jpe 1b
	jpe fwd
	jpe ext_func
	jnp 1b
	jnp fwd
	jnp ext_func
	jpo 1b
	jpo fwd
	jpo ext_func
	jl 1b
	jl fwd
	jl ext_func
	jnge 1b
	jnge fwd
	jnge ext_func
	jge 1b
	jge fwd
	jge ext_func
	jnl 1b
	jnl fwd
	jnl ext_func
	jle 1b
	jle fwd
	jle ext_func
	jng 1b
	jng fwd
	jng ext_func
	jg 1b
	jg fwd
	jg ext_func
	jnle 1b
	jnle fwd
	jnle ext_func
	jmp 1b
	jmp fwd
	jmp ext_func
fwd:
	ret
	.set k_const, 21
	.data
table: .long 1, 2, 3, 4
data_item: .byte 1, 2, 3
gdtr: .word 0
	.long 0
idtr: .word 0
	.long 0
