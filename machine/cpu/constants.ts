// Architectural constants shared by the CPU's files: EFLAGS and control-register bits,
// exception vectors, segment register numbering, and the bits of a TLB entry.

// ---- EFLAGS (Intel SDM vol. 1, 3.4.3) ----
export const CF = 1 << 0;
export const PF = 1 << 2;
export const AF = 1 << 4;
export const ZF = 1 << 6;
export const SF = 1 << 7;
export const TF = 1 << 8;
export const IF = 1 << 9;
export const DF = 1 << 10;
export const OF = 1 << 11;
export const IOPL = 3 << 12;
export const NT = 1 << 14;
export const RF = 1 << 16;
export const VM = 1 << 17;
export const AC = 1 << 18;
export const VIF = 1 << 19;
export const VIP = 1 << 20;
export const ID = 1 << 21;
/** The six status flags the lazy-flags machinery computes on demand. */
export const ARITH_FLAGS = CF | PF | AF | ZF | SF | OF;
/** Bit 1 of EFLAGS always reads 1. */
export const FLAGS_FIXED = 1 << 1;

// ---- CR0 / CR4 ----
export const CR0_PE = 1 << 0;
export const CR0_MP = 1 << 1;
export const CR0_EM = 1 << 2;
export const CR0_TS = 1 << 3;
export const CR0_ET = 1 << 4;
export const CR0_NE = 1 << 5;
export const CR0_WP = 1 << 16;
export const CR0_AM = 1 << 18;
export const CR0_NW = 1 << 29;
export const CR0_CD = 1 << 30;
export const CR0_PG = 1 << 31;
export const CR4_VME = 1 << 0;
export const CR4_PVI = 1 << 1;
export const CR4_TSD = 1 << 2;
export const CR4_DE = 1 << 3;
export const CR4_PSE = 1 << 4;
export const CR4_PGE = 1 << 7;
/** CR4 bits this CPU implements; setting others raises #GP. */
export const CR4_SUPPORTED = CR4_VME | CR4_PVI | CR4_TSD | CR4_DE | CR4_PSE | CR4_PGE;

// ---- exception vectors (SDM vol. 3, 6.3.1) ----
export const DE = 0;
export const DB = 1;
export const NMI_VECTOR = 2;
export const BP = 3;
export const OFV = 4;
export const BR = 5;
export const UD = 6;
export const NM = 7;
export const DF_VECTOR = 8;
export const TS = 10;
export const NP = 11;
export const SS_FAULT = 12;
export const GP = 13;
export const PF_VECTOR = 14;

// ---- segment registers, in ModRM/opcode encoding order ----
export const ES = 0;
export const CS = 1;
export const SS = 2;
export const DS = 3;
export const FS = 4;
export const GS = 5;
export const SEG_NAMES = ["es", "cs", "ss", "ds", "fs", "gs"] as const;

// ---- a TLB entry: physical page base | these bits; 0 means "no entry" ----
export const TLB_VALID = 1;
/** The page is plain RAM (not MMIO, not watched): the fast path may touch bus.ram directly. */
export const TLB_RAM = 2;
export const TLB_USER = 4;
export const TLB_WRITABLE = 8;
/** The page's dirty bit is already set, so a write needs no page-table update. */
export const TLB_DIRTY = 16;
export const TLB_GLOBAL = 32;
/** The entry is a 4 KiB slice of a 4 MiB page (INVLPG anywhere in it drops every slice). */
export const TLB_LARGE = 64;

/**
 * Thrown (as this one object, never an Error) when a guest fault aborts an instruction; the run
 * loop catches it and delivers the exception recorded in the CPU. It never leaves `run()`.
 */
export const GUEST_FAULT = { guestFault: true } as const;

/** Parity flag table: PF is set when the low byte has an even number of 1 bits. */
export const PARITY = new Uint8Array(256);
for (let i = 0; i < 256; i++) {
  let b = i;
  b ^= b >> 4;
  b ^= b >> 2;
  b ^= b >> 1;
  PARITY[i] = (b & 1) === 0 ? PF : 0;
}

/** Bits of `cpu.attention`: reasons to leave the current block after this instruction. */
export const ATT_BREAK = 1;
export const ATT_STOP = 2;
export const ATT_WATCH = 4;
