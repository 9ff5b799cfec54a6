// lib.kts.d.ts — the only library a KTS program sees (the compiler runs with noLib). It
// declares the scalar types as branded aliases, so the checker keeps widths apart, the
// intrinsics, and the bare profile's runtime. `tsk` gives every name here its KTS meaning;
// the Node shim (tools/tsk/node) gives the JavaScript meaning of the ones that have one.

// ---- what the checker needs to exist at all under noLib
interface Array<T> { [n: number]: T; length: number }
interface Boolean {}
interface Function {}
interface CallableFunction {}
interface NewableFunction {}
interface IArguments {}
interface Number {}
interface BigInt {}
interface Object {}
interface RegExp {}
interface String {}
interface Symbol {}
interface TemplateStringsArray {}
// Named so that using them is a KTS error from tsk (with advice), not a global checker error.
interface Promise<T> {}
interface PromiseLike<T> {}
interface Iterator<T, TReturn = any, TNext = any> {}
interface Iterable<T, TReturn = any, TNext = any> {}
interface IterableIterator<T, TReturn = any, TNext = any> {}
interface Generator<T = unknown, TReturn = any, TNext = any> {}
interface TypedPropertyDescriptor<T> {}

// ---- scalars. The optional brand keeps widths apart for the checker while plain number
// literals still fit every one of them. A brand lists the types that convert into it
// without a call (the value always fits), so `u8` passes where `u32` is wanted but not the
// other way round; narrowing and changing sign are written `u8(x)`, `u32(x)`.
type i8 = number & { __w?: "i8" };
type u8 = number & { __w?: "u8" };
type i16 = number & { __w?: "i16" | "i8" | "u8" };
type u16 = number & { __w?: "u16" | "u8" };
type i32 = number & { __w?: "i32" | "i16" | "u16" | "i8" | "u8" };
type u32 = number & { __w?: "u32" | "u16" | "u8" };
/** Pointer-sized unsigned integer (32 bits). */
type usize = u32;
type bool = boolean;
/** 64-bit integers are bigints: literals are written `5n`, conversions `i64(x)`. */
type i64 = bigint & { __w?: "i64" };
type u64 = bigint & { __w?: "u64" };

/** A byte address of a T. Arithmetic on it is in bytes (as it reads); `load`/`store` use it. */
type Ptr<T> = number & { __ptr?: T };
/** A struct stored in place (embedded in a struct, or as FixedArray elements), not referenced. */
type Inline<T> = T;
/** N values of T stored in place: a field of a struct, a global, a local. */
interface FixedArray<T, N extends number> { [i: number]: T; readonly __length?: N }

// ---- conversions: truncate (wrap) to the target width, C-style
declare function i8(x: number | bigint | boolean): i8;
declare function u8(x: number | bigint | boolean): u8;
declare function i16(x: number | bigint | boolean): i16;
declare function u16(x: number | bigint | boolean): u16;
declare function i32(x: number | bigint | boolean): i32;
declare function u32(x: number | bigint | boolean): u32;
declare function i64(x: number | bigint | boolean): i64;
declare function u64(x: number | bigint | boolean): u64;

// ---- memory and layout
declare function load<T>(p: Ptr<T> | usize): T;
declare function store<T>(p: Ptr<T> | usize, value: T): void;
/** Exactly one access, in program order, never merged or moved (flags shared between CPUs). */
declare function volatile_load<T>(p: Ptr<T> | usize): T;
declare function volatile_store<T>(p: Ptr<T> | usize, value: T): void;
declare function sizeof<T>(): u32;
declare function offsetof<T>(field: keyof T): u32;
/** The address of a global, a struct field or an array element. */
declare function addressof<T>(place: T): Ptr<T>;
/** A struct reference as an address, and back. */
declare function addr(ref: object | string): usize;
declare function cast<T>(address: usize): T;

// ---- intrinsics: one machine instruction each (tools/tsk/kbc/intrinsics.ts)
declare function inb(port: u32): u32;
declare function inw(port: u32): u32;
declare function inl(port: u32): u32;
declare function outb(port: u32, value: u32): void;
declare function outw(port: u32, value: u32): void;
declare function outl(port: u32, value: u32): void;
declare function cli(): void;
declare function sti(): void;
declare function hlt(): void;
declare function pause(): void;
declare function read_eflags(): u32;
declare function write_eflags(value: u32): void;
declare function read_cr0(): u32;
declare function read_cr2(): u32;
declare function read_cr3(): u32;
declare function read_cr4(): u32;
declare function write_cr0(value: u32): void;
declare function write_cr3(value: u32): void;
declare function write_cr4(value: u32): void;
declare function invlpg(address: usize): void;
declare function lgdt(descriptor: usize): void;
declare function lidt(descriptor: usize): void;
declare function ltr(selector: u32): void;
declare function rdtsc(): u64;
declare function cpuid(leaf: u32, subleaf: u32, out: Ptr<u32>): void;
declare function rdmsr(msr: u32): u64;
declare function wrmsr(msr: u32, value: u64): void;
declare function xchg(p: Ptr<u32> | usize, value: u32): u32;
declare function cmpxchg(p: Ptr<u32> | usize, expected: u32, replacement: u32): u32;
declare function xadd(p: Ptr<u32> | usize, delta: u32): u32;
declare function barrier(): void;
declare function mmio_read8(address: usize): u32;
declare function mmio_read16(address: usize): u32;
declare function mmio_read32(address: usize): u32;
declare function mmio_write8(address: usize, value: u32): void;
declare function mmio_write16(address: usize, value: u32): void;
declare function mmio_write32(address: usize, value: u32): void;

/** Stops the program: reaching it is a bug (KBC `trap`; `ud2` on x86). */
declare function unreachable(): never;

// ---- the bare profile's runtime (COM1); `export function main(): i32` is the entry
declare function putc(c: u8): void;
declare function puts(s: string): void;
declare function put_i32(v: i32): void;
declare function put_u32(v: u32): void;
declare function put_hex32(v: u32): void;
