/*
 * cpufunc.S: the few machine operations KTS has no intrinsic for (segment register loads,
 * the frame pointer, a far jump to reload CS, stopping the CPU for good).
 * cdecl: arguments at 4(%esp)...; %eax returns.
 */
    .set KCODE, 0x08
    .set KDATA, 0x10

    .text
/* void load_kernel_segments(void): CS=KCODE, DS/ES/SS/GS=KDATA after a new GDT is loaded. */
    .globl load_kernel_segments
    .type load_kernel_segments, @function
load_kernel_segments:
    ljmp $KCODE, $1f
1:  movw $KDATA, %ax
    movw %ax, %ds
    movw %ax, %es
    movw %ax, %ss
    movw %ax, %gs
    ret
    .size load_kernel_segments, . - load_kernel_segments

/* void load_fs(u32 selector): %fs points at this CPU's globaldata copy (the @percpu base). */
    .globl load_fs
    .type load_fs, @function
load_fs:
    movl 4(%esp), %eax
    movw %ax, %fs
    ret
    .size load_fs, . - load_fs

/* u32 read_fs(void) */
    .globl read_fs
    .type read_fs, @function
read_fs:
    xorl %eax, %eax
    movw %fs, %ax
    ret
    .size read_fs, . - read_fs

/* u32 read_ebp(void): the caller's frame pointer, where a backtrace starts. */
    .globl read_ebp
    .type read_ebp, @function
read_ebp:
    movl %ebp, %eax
    ret
    .size read_ebp, . - read_ebp

/* u32 read_esp(void) */
    .globl read_esp
    .type read_esp, @function
read_esp:
    leal 4(%esp), %eax
    ret
    .size read_esp, . - read_esp

/* void cpu_halt_forever(void): interrupts off, halt, never return. */
    .globl cpu_halt_forever
    .type cpu_halt_forever, @function
cpu_halt_forever:
    cli
1:  hlt
    jmp 1b
    .size cpu_halt_forever, . - cpu_halt_forever

/* void cpu_idle_wait(void): sti; hlt as one pair, so a wakeup interrupt cannot slip between. */
    .globl cpu_idle_wait
    .type cpu_idle_wait, @function
cpu_idle_wait:
    sti
    hlt
    ret
    .size cpu_idle_wait, . - cpu_idle_wait

/* void cpu_triple_fault(void): with an empty IDT loaded, any exception resets the machine. */
    .globl cpu_triple_fault
    .type cpu_triple_fault, @function
cpu_triple_fault:
    int3
    jmp cpu_halt_forever
    .size cpu_triple_fault, . - cpu_triple_fault

/* void cpu_int3(void): a breakpoint trap, for the trap-path selftest. */
    .globl cpu_int3, cpu_int3_end
    .type cpu_int3, @function
cpu_int3:
    int3
cpu_int3_end:
    ret
    .size cpu_int3, . - cpu_int3
