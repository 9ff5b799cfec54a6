// Shifts and rotates (SHL/SHR/SAR/ROL/ROR/RCL/RCR by 1, imm8 and CL) and the double shifts
// SHLD/SHRD, with counts chosen to hit 0, 1, the operand width and past it. The count is
// always known when generating, so the flags the Intel manual leaves undefined for that
// count can be masked exactly.
import { AF, CF, OF, PF, SF, ZF } from "./flags.ts";
import { Gen, hex, suffix, type Insn, type Size } from "./gen-context.ts";

const SHIFTS = ["shl", "shr", "sar", "rol", "ror", "rcl", "rcr"] as const;
type ShiftOp = (typeof SHIFTS)[number];
/** The ModRM reg field selecting each operation in opcode group 2 (C0/C1/D0-D3). */
const GROUP2_EXTENSION: Record<ShiftOp, number> = { rol: 0, ror: 1, rcl: 2, rcr: 3, shl: 4, shr: 5, sar: 7 };

function count(g: Gen, width: number): number {
  const rng = g.rng;
  switch (rng.int(0, 6)) {
    case 0: return 0;
    case 1: return 1;
    case 2: return width;
    case 3: return rng.int(width + 1, 31);
    case 4: return rng.int(32, 255);
    default: return rng.int(2, width - 1);
  }
}

/** Flags per SDM vol. 2 SAL/SAR/SHL/SHR and RCL/RCR/ROL/ROR "Flags Affected". */
export function shiftFlags(op: ShiftOp, size: Size, rawCount: number): Omit<Insn, "lines"> {
  const c = rawCount & 0x1f;
  const reads = op === "rcl" || op === "rcr" ? CF : 0;
  if (c === 0) return { reads, defines: 0, undefines: 0 };
  const of = c === 1 ? OF : 0;
  const ofUndefined = c === 1 ? 0 : OF;
  if (op === "shl" || op === "shr" || op === "sar") {
    // CF is undefined for SHL/SHR when the count is at least the operand width.
    const cfUndefined = (op === "shl" || op === "shr") && c >= size ? CF : 0;
    return {
      reads,
      defines: ((CF & ~cfUndefined) | SF | ZF | PF | of) >>> 0,
      undefines: AF | ofUndefined | cfUndefined,
    };
  }
  return { reads, defines: CF | of, undefines: ofUndefined };
}

export function shiftRotate(g: Gen): Insn {
  const rng = g.rng;
  const op = rng.pick(SHIFTS);
  const s = rng.pick([8, 16, 32] as const);
  const m = `${op}${suffix(s)}`;
  const form = rng.int(0, 3);
  if (form === 0) {
    // By one: the D0/D1 opcodes.
    const dst = rng.chance(0.6) ? { setup: [], text: g.reg(s) } : g.mem(s / 8);
    return { lines: [...dst.setup, `${m} ${dst.text}`], ...shiftFlags(op, s, 1) };
  }
  const c = count(g, s);
  if (form === 1) {
    if (c === 1 && s === 32) {
      // GNU as turns "$1" into the D1 form; C1 /r ib with a count of 1 is its own path.
      const ext = GROUP2_EXTENSION[op];
      const r = rng.pick([0, 1, 2, 3, 5, 6, 7]);
      return { lines: [`.byte 0xc1, ${hex(0xc0 | (ext << 3) | r)}, 1  /* ${m} $1 (C1 form) */`], ...shiftFlags(op, s, 1) };
    }
    const dst = rng.chance(0.6) ? { setup: [], text: g.reg(s) } : g.mem(s / 8);
    return { lines: [...dst.setup, `${m} $${c}, ${dst.text}`], ...shiftFlags(op, s, c) };
  }
  // By CL: the count register is loaded first, memory operands must not disturb it.
  const dst = rng.chance(0.6) ? { setup: [], text: g.reg(s) } : g.mem(s / 8, undefined, ["ecx"]);
  const dstIsCl = dst.text === "%cl" || dst.text === "%cx" || dst.text === "%ecx";
  const load = dstIsCl ? `movl $${hex((rng.u32() & ~0xff) | c)}, %ecx` : `movb $${c}, %cl`;
  return { lines: [load, ...dst.setup, `${m} %cl, ${dst.text}`], ...shiftFlags(op, s, c) };
}

/** SHLD/SHRD per SDM: count masked to 5 bits; a 16-bit count above 16 is undefined, so not made. */
export function doubleShift(g: Gen): Insn {
  const rng = g.rng;
  const op = rng.pick(["shld", "shrd"] as const);
  const s = rng.pick([16, 32] as const);
  let c = s === 32 ? rng.pick([0, 1, 31, 32, 33, rng.int(2, 30), rng.int(0, 255)]) : rng.pick([0, 1, 15, 16, rng.int(2, 14), 32 + rng.int(0, 16)]);
  if (s === 16 && (c & 0x1f) > 16) c = 16;
  const masked = c & 0x1f;
  const flags =
    masked === 0
      ? { reads: 0, defines: 0, undefines: 0 }
      : { reads: 0, defines: CF | SF | ZF | PF | (masked === 1 ? OF : 0), undefines: AF | (masked === 1 ? 0 : OF) };
  const m = `${op}${suffix(s)}`;
  const byCl = rng.chance(0.5);
  const src = g.reg(s, byCl ? ["ecx"] : []);
  const dst = rng.chance(0.6) ? { setup: [], text: g.reg(s, byCl ? ["ecx"] : []) } : g.mem(s / 8, undefined, byCl ? ["ecx"] : []);
  if (byCl) return { lines: [`movb $${c}, %cl`, ...dst.setup, `${m} %cl, ${src}, ${dst.text}`], ...flags };
  return { lines: [...dst.setup, `${m} $${c}, ${src}, ${dst.text}`], ...flags };
}
