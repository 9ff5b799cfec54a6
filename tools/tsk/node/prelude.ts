// The JavaScript meaning of lib.kts.d.ts's names, for the Node shim. Output functions print
// the JS value as JavaScript has it (so 7/2 prints 3.5): where a program's JS meaning differs
// from its KTS meaning, the difference shows instead of being papered over.
export interface ShimOutput {
  bytes: number[];
}

function big(x: unknown): bigint {
  if (typeof x === "bigint") return x;
  if (typeof x === "boolean") return x ? 1n : 0n;
  if (typeof x === "number" && Number.isFinite(x)) return BigInt(Math.trunc(x));
  throw new TypeError(`cannot convert ${String(x)} to an integer`);
}

function text(out: ShimOutput, s: string): void {
  for (const b of new TextEncoder().encode(s)) out.bytes.push(b);
}

function notInJs(name: string): () => never {
  return () => {
    throw new Error(`${name} has no JavaScript meaning; this program cannot run in the Node shim`);
  };
}

/** The globals a KTS program sees when it runs as JavaScript. */
export function shimGlobals(out: ShimOutput): Record<string, unknown> {
  const g: Record<string, unknown> = {
    i8: (x: unknown) => Number(BigInt.asIntN(8, big(x))),
    u8: (x: unknown) => Number(BigInt.asUintN(8, big(x))),
    i16: (x: unknown) => Number(BigInt.asIntN(16, big(x))),
    u16: (x: unknown) => Number(BigInt.asUintN(16, big(x))),
    i32: (x: unknown) => Number(BigInt.asIntN(32, big(x))),
    u32: (x: unknown) => Number(BigInt.asUintN(32, big(x))),
    i64: (x: unknown) => BigInt.asIntN(64, big(x)),
    u64: (x: unknown) => BigInt.asUintN(64, big(x)),
    putc: (c: number) => { out.bytes.push(c & 0xff); },
    puts: (s: string) => text(out, s),
    put_i32: (v: number) => text(out, String(v)),
    put_u32: (v: number) => text(out, String(v)),
    put_hex32: (v: number) => text(out, v.toString(16).padStart(8, "0")),
  };
  g.unreachable = () => { throw new Error("unreachable() reached"); };
  for (const name of ["load", "store", "volatile_load", "volatile_store", "sizeof", "offsetof", "addressof", "addr", "cast", "inb", "inw", "inl", "outb", "outw", "outl",
    "cli", "sti", "hlt", "pause", "read_eflags", "write_eflags", "read_cr0", "read_cr2", "read_cr3", "read_cr4", "write_cr0",
    "write_cr3", "write_cr4", "invlpg", "lgdt", "lidt", "ltr", "rdtsc", "cpuid", "rdmsr", "wrmsr", "xchg", "cmpxchg", "xadd",
    "barrier", "mmio_read8", "mmio_read16", "mmio_read32", "mmio_write8", "mmio_write16", "mmio_write32"]) {
    g[name] = notInJs(name);
  }
  return g;
}
