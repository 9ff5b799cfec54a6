# Less common system and legacy instructions (bound keeps Intel operand order in AT&T),
# multi-byte nops, fences, branches to absolute addresses (relocations against no symbol).
bound %eax, (%ebx)
bound %ax, 4(%ebx)
lds (%eax), %ebx
lss 4(%esp), %esp
lar %ax, %bx
lsl (%eax), %ecx
verr %ax
verw (%eax)
arpl %ax, %bx
aam
aad
aam $12
sysenter
sysexit
rsm
mfence
lfence
sfence
clflush (%eax)
nopl (%eax)
nopw 0(%eax,%eax,1)
nopl 0(%eax,%eax,1)
rdtscp
xchg %eax,%eax
movsx %al, %eax
movzx %al, %eax
movzx %ax, %ecx
movzwl %ax,%eax
hlt
ud1 %eax,%ebx
lock addl $1, (%eax)
smsw (%eax)
retl $4
call 0x1000
jmp 0x2000
je 0x10
.code16
call 0x1000
jmp 0x20

# x87/SSE state handling, monitor/mwait, random numbers, bit counts, prefetch.
	xlatb
	xlat
	fninit
	finit
	fnclex
	fclex
	fxsave (%eax)
	fxrstor 512(%esp)
	fnsave (%ebx)
	fsave (%ebx)
	frstor (%ebx)
	fnstcw 2(%esp)
	fstcw 2(%esp)
	fldcw 2(%esp)
	fnstsw %ax
	fstsw %ax
	fnstsw (%eax)
	monitor
	mwait
	xgetbv
	xsetbv
	rdrand %eax
	rdrand %cx
	rdseed %edx
	popcnt %eax, %ebx
	popcntw (%eax), %bx
	lzcnt %ecx, %edx
	tzcnt (%eax), %esi
	int1
	invlpg (%ecx)
	cmpxchg8b (%eax)
	ud0 %eax, %ecx
	wbinvd
	lock orl $0, (%esp)
	fnop
	emms
	clflush 64(%eax)
	prefetcht0 (%eax)
	prefetchnta (%eax)
	movnti %eax, (%ebx)
	bswapl %eax
	nopw %ax
	nopl %eax
	.code32
	xlatb
	xlat
	fninit
	finit
	fnclex
	fclex
	fxsave (%eax)
	fxrstor 512(%esp)
	fnsave (%ebx)
	fsave (%ebx)
	frstor (%ebx)
	fnstcw 2(%esp)
	fstcw 2(%esp)
	fldcw 2(%esp)
	fnstsw %ax
	fstsw %ax
	fnstsw (%eax)
	monitor
	mwait
	xgetbv
	xsetbv
	rdrand %eax
	rdrand %cx
	rdseed %edx
	popcnt %eax, %ebx
	popcntw (%eax), %bx
	lzcnt %ecx, %edx
	tzcnt (%eax), %esi
	int1
	invlpg (%ecx)
	cmpxchg8b (%eax)
	ud0 %eax, %ecx
	wbinvd
	lock orl $0, (%esp)
	fnop
	emms
	clflush 64(%eax)
	prefetcht0 (%eax)
	prefetchnta (%eax)
	movnti %eax, (%ebx)
	bswapl %eax
	nopw %ax
	nopl %eax
