// What an instruction family generator works with: the PRNG, the case's known state (where
// the stack pointer is), register names, and memory operands in every addressing form that
// land inside the case's scratch area.
import { Prng } from "./prng.ts";

/**
 * Physical address of the per-case scratch area: below 64 KiB so 16-bit addressing reaches
 * it, and 256 bytes below a page boundary so that data accesses can cross pages.
 */
export const SCRATCH = 0x2f00;
export const SCRATCH_SIZE = 512;
/**
 * Memory operands fall in [SCRATCH, SCRATCH + DATA_SIZE), some crossing its end (a page
 * boundary) by a few bytes; the rest is the case's stack.
 */
export const DATA_SIZE = 256;
/** ESP at the start of each case (offset into the scratch area). */
export const STACK_START = 448;
/** The stack may grow down to here (offset into the scratch area) and no further. */
export const STACK_LIMIT = DATA_SIZE + 16;

export type Size = 8 | 16 | 32;
export type Reg32 = "eax" | "ecx" | "edx" | "ebx" | "esp" | "ebp" | "esi" | "edi";

/** One generated instruction with the setup lines that give its inputs known values. */
export interface Insn {
  /** Setup (MOV/LEA/CLD/STD only: they never touch the status flags), then the instruction. */
  lines: string[];
  /** Status flags the instruction reads. */
  reads: number;
  /** Status flags it leaves with a defined value. */
  defines: number;
  /** Status flags the Intel manual leaves undefined after it. */
  undefines: number;
  /**
   * It may raise an exception (the handler resumes at the case's end), or it leaves a register
   * undefined: nothing may follow it in the case.
   */
  terminal?: boolean;
  /** Registers whose final value the Intel manual leaves undefined (not compared). */
  undefinedRegs?: Reg32[];
}

export const GPR32: readonly Reg32[] = ["eax", "ecx", "edx", "ebx", "ebp", "esi", "edi"];
const GPR16 = ["ax", "cx", "dx", "bx", "bp", "si", "di"] as const;
const GPR8 = ["al", "cl", "dl", "bl", "ah", "ch", "dh", "bh"] as const;
const SEGMENT_OVERRIDES = ["%ds:", "%es:", "%fs:", "%gs:", "%ss:"] as const;

export function suffix(size: Size): string {
  return size === 8 ? "b" : size === 16 ? "w" : "l";
}

export function hex(v: number): string {
  return `0x${(v >>> 0).toString(16)}`;
}

/** The 32-bit register that holds the named 8/16/32-bit register. */
export function fullRegister(name: string): Reg32 {
  const map: Record<string, Reg32> = {
    al: "eax", ah: "eax", ax: "eax", eax: "eax", cl: "ecx", ch: "ecx", cx: "ecx", ecx: "ecx",
    dl: "edx", dh: "edx", dx: "edx", edx: "edx", bl: "ebx", bh: "ebx", bx: "ebx", ebx: "ebx",
    sp: "esp", esp: "esp", bp: "ebp", ebp: "ebp", si: "esi", esi: "esi", di: "edi", edi: "edi",
  };
  const r = map[name];
  if (r === undefined) throw new Error(`fullRegister: unknown register ${name}`);
  return r;
}

export interface MemOperand {
  /** Lines that load the base/index registers the operand uses. */
  setup: string[];
  /** The operand in AT&T syntax. */
  text: string;
  /** Registers the setup gave fixed values (callers avoid clobbering them before use). */
  uses: Reg32[];
  /** The linear address the operand designates. */
  address: number;
}

export class Gen {
  /** ESP as an offset into the scratch area, tracked through pushes and pops. */
  esp = STACK_START;
  private labelCounter = 0;

  /**
   * @param codeSize the default operand and address size of the code segment the case runs
   *   in (16: a D=0 segment, where 0x66/0x67 select 32 bits instead).
   */
  constructor(readonly rng: Prng, readonly caseIndex: number, readonly codeSize: 16 | 32 = 32) {}

  /** A unique assembler label for this case. */
  label(): string {
    return `.Lc${this.caseIndex}_${this.labelCounter++}`;
  }

  reg(size: Size, except: readonly string[] = []): string {
    const pool: readonly string[] = size === 32 ? GPR32 : size === 16 ? GPR16 : GPR8;
    const avoid = new Set(except.map((r) => fullRegister(r)));
    const choices = pool.filter((r) => !avoid.has(fullRegister(r)));
    return `%${this.rng.pick(choices.length > 0 ? choices : pool)}`;
  }

  /** A register name of the given size inside the named 32-bit register (al/ax/eax ...). */
  static sized(r32: Reg32, size: Size, high = false): string {
    const base = r32.slice(1, 2); // a c d b (only those have 8-bit halves)
    if (size === 32) return `%${r32}`;
    if (size === 16) return `%${r32.slice(1)}`;
    return `%${base}${high ? "h" : "l"}`;
  }

  imm(size: Size): number {
    const v = this.rng.interesting(size);
    // Short immediates (sign-extended imm8 encodings) are their own opcodes; favour them.
    if (size !== 8 && this.rng.chance(0.3)) return this.rng.int(-128, 127);
    return v;
  }

  /** `movl $value, %reg` — the value of a register the instruction depends on. */
  static load(r32: Reg32, value: number): string {
    return `movl $${hex(value)}, %${r32}`;
  }

  /**
   * A memory operand addressing scratch byte `offset` (default: random, room for `bytes`),
   * in one of the 32-bit or 16-bit addressing forms, sometimes with a segment override.
   */
  mem(bytes: number, offset?: number, avoid: readonly string[] = []): MemOperand {
    const rng = this.rng;
    // Sometimes straddle the end of the data area, which is a page boundary.
    const off = offset ?? (bytes > 1 && rng.chance(0.12) ? rng.int(DATA_SIZE - bytes + 1, DATA_SIZE - 1) : rng.int(0, DATA_SIZE - bytes));
    const target = SCRATCH + off;
    const pick = (except: string[]): Reg32 => {
      const pool = GPR32.filter((r) => !except.includes(r) && !avoid.map(fullRegister).includes(r));
      return rng.pick(pool);
    };
    const seg = rng.chance(0.15) ? rng.pick(SEGMENT_OVERRIDES) : "";
    switch (rng.int(0, 7)) {
      case 0:
        return { setup: [], text: `${seg}${hex(target)}`, uses: [], address: target };
      case 1: {
        const b = pick([]);
        const d = rng.int(-128, 127);
        return { setup: [Gen.load(b, target - d)], text: `${seg}${d}(%${b})`, uses: [b], address: target };
      }
      case 2: {
        const b = pick([]);
        const d = rng.int(-0x100000, 0x100000);
        return { setup: [Gen.load(b, target - d)], text: `${seg}${d}(%${b})`, uses: [b], address: target };
      }
      case 3: {
        const b = pick([]);
        return { setup: [Gen.load(b, target)], text: `${seg}(%${b})`, uses: [b], address: target };
      }
      case 4: {
        const b = pick([]);
        const i = pick([b]);
        const s = rng.pick([1, 2, 4, 8]);
        const iv = rng.int(-16, 16);
        const d = rng.chance(0.5) ? rng.int(-128, 127) : rng.int(-0x10000, 0x10000);
        return {
          setup: [Gen.load(i, iv), Gen.load(b, target - iv * s - d)],
          text: `${seg}${d}(%${b},%${i},${s})`,
          uses: [b, i],
          address: target,
        };
      }
      case 5: {
        const i = pick([]);
        const s = rng.pick([1, 2, 4, 8]);
        const iv = rng.int(0, 16);
        return { setup: [Gen.load(i, iv)], text: `${seg}${hex(target - iv * s)}(,%${i},${s})`, uses: [i], address: target };
      }
      default:
        return this.mem16(target, seg, avoid);
    }
  }

  /** 16-bit addressing (0x67 prefix): (BX|BP)+(SI|DI)+disp, wrapping at 64 KiB. */
  private mem16(target: number, seg: string, avoid: readonly string[]): MemOperand {
    const rng = this.rng;
    const forms: [Reg32 | undefined, Reg32 | undefined][] = [
      ["ebx", "esi"], ["ebx", "edi"], ["ebp", "esi"], ["ebp", "edi"],
      [undefined, "esi"], [undefined, "edi"], ["ebp", undefined], ["ebx", undefined],
    ];
    const usable = forms.filter(([b, i]) => ![b, i].some((r) => r !== undefined && avoid.map(fullRegister).includes(r)));
    const [b, i] = rng.pick(usable.length > 0 ? usable : forms);
    // Upper register halves are random: 16-bit addressing must ignore them.
    const junk = () => rng.u32() & 0xffff0000;
    const d = rng.chance(0.5) ? rng.int(-128, 127) : rng.int(-0x8000, 0x7fff);
    let rest = (target - d) & 0xffff;
    const setup: string[] = [];
    if (i !== undefined) {
      const iv = rng.u32() & 0xffff;
      setup.push(Gen.load(i, junk() | iv));
      rest = (rest - iv) & 0xffff;
    }
    if (b !== undefined) {
      setup.unshift(Gen.load(b, junk() | rest));
      rest = 0;
    }
    // With no base register the remainder joins the displacement, which wraps at 16 bits.
    const disp = (((d + rest) & 0xffff) << 16) >> 16;
    const regs = [b, i].filter((r): r is Reg32 => r !== undefined);
    const text = `${disp}(${regs.map((r) => `%${r.slice(1)}`).join(",")})`;
    return { setup, text: `${seg}${text}`, uses: regs, address: target };
  }
}
