// cpufunc.ts: the KTS names of what boot/kernel/*.S and the linker define: machine operations
// without an intrinsic (cpufunc.S), memcpy/memset (the compiler's runtime), and image symbols.
// Declared once here (tsk wants one declaration per name in the program) and imported.

/** cpufunc.S */
export declare function load_kernel_segments(): void;
export declare function load_fs(selector: u32): void;
export declare function read_fs(): u32;
export declare function read_ebp(): u32;
export declare function cpu_halt_forever(): void;
/** sti; hlt back to back: returns after the next interrupt. */
export declare function cpu_idle_wait(): void;
export declare function cpu_triple_fault(): void;
export declare function cpu_int3(): void;
export declare const cpu_int3_end: FixedArray<u8, 1>;

/** memory.S (tools/tsk/runtime): byte copies and fills. */
export declare function memcpy(dst: usize, src: usize, n: u32): usize;
export declare function memset(dst: usize, value: u32, n: u32): usize;

/** Linker (tsk-ld --kernel) symbols. */
export declare const __kernel_start: FixedArray<u8, 1>;
export declare const __kernel_end: FixedArray<u8, 1>;
export declare const __percpu_start: FixedArray<u8, 1>;
export declare const __percpu_end: FixedArray<u8, 1>;

/** entry.S */
export declare const boot_stack_top: FixedArray<u8, 1>;
export declare const kernel_pgdir: FixedArray<u32, 1024>;
export declare const ap_tramp_start: FixedArray<u8, 1>;
export declare const ap_tramp_end: FixedArray<u8, 1>;
export declare const ap_boot_stack: FixedArray<u32, 1>;
export declare const ap_boot_cr3: FixedArray<u32, 1>;

/** vectors.S: 256 stubs of 16 bytes. */
export declare const trap_vectors: FixedArray<u8, 4096>;
