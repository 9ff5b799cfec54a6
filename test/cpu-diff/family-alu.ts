// ALU instruction families: ADD/OR/ADC/SBB/AND/SUB/XOR/CMP/TEST, INC/DEC/NEG/NOT, in 8/16/32-bit
// sizes with register, immediate and memory operands, and LOCK on memory destinations.
import { AF, CF, STATUS } from "./flags.ts";
import { Gen, hex, suffix, type Insn, type Size } from "./gen-context.ts";

const ARITH = ["add", "adc", "sub", "sbb", "cmp"] as const;
const LOGIC = ["and", "or", "xor", "test"] as const;
const LOCKABLE = new Set(["add", "adc", "sub", "sbb", "and", "or", "xor"]);

function size(g: Gen): Size {
  return g.rng.pick([8, 16, 32] as const);
}

export function aluBinary(g: Gen): Insn {
  const rng = g.rng;
  const op = rng.chance(0.6) ? rng.pick(ARITH) : rng.pick(LOGIC);
  const s = size(g);
  const m = `${op}${suffix(s)}`;
  const logic = (LOGIC as readonly string[]).includes(op);
  const flags = logic
    ? { reads: 0, defines: STATUS & ~AF, undefines: AF }
    : { reads: op === "adc" || op === "sbb" ? CF : 0, defines: STATUS, undefines: 0 };
  const form = rng.int(0, 4);
  let lines: string[];
  if (form === 0) lines = [`${m} ${g.reg(s)}, ${g.reg(s)}`];
  else if (form === 1) lines = [`${m} $${hex(g.imm(s))}, ${g.reg(s)}`];
  else {
    const mem = g.mem(s / 8);
    const lock = form >= 3 && LOCKABLE.has(op) && rng.chance(0.3) ? "lock " : "";
    if (form === 2 && op !== "test") lines = [...mem.setup, `${m} ${mem.text}, ${g.reg(s)}`];
    else if (form === 3 || op === "test") lines = [...mem.setup, `${lock}${m} ${g.reg(s)}, ${mem.text}`];
    else lines = [...mem.setup, `${lock}${m} $${hex(g.imm(s))}, ${mem.text}`];
  }
  return { lines, ...flags };
}

export function aluUnary(g: Gen): Insn {
  const rng = g.rng;
  const op = rng.pick(["inc", "dec", "neg", "not"] as const);
  const s = size(g);
  const m = `${op}${suffix(s)}`;
  const flags =
    op === "not"
      ? { reads: 0, defines: 0, undefines: 0 }
      : op === "neg"
        ? { reads: 0, defines: STATUS, undefines: 0 }
        : { reads: 0, defines: STATUS & ~CF, undefines: 0 };
  if (rng.chance(0.5)) {
    // INC/DEC r16/r32 have one-byte forms (0x40+r); FF /0 and FF /1 reach them through a
    // ModRM byte, which GNU as only emits for memory, so those are spelled as bytes.
    if (s !== 8 && op !== "neg" && op !== "not" && rng.chance(0.3)) {
      const rr = rng.pick([0, 1, 2, 3, 5, 6, 7]); // any register but ESP
      const prefix = s === 16 ? "0x66, " : "";
      const modrm = 0xc0 | ((op === "dec" ? 1 : 0) << 3) | rr;
      return { lines: [`.byte ${prefix}0xff, ${hex(modrm)}  /* ${m} (FF form) */`], ...flags };
    }
    return { lines: [`${m} ${g.reg(s)}`], ...flags };
  }
  const mem = g.mem(s / 8);
  const lock = rng.chance(0.3) ? "lock " : "";
  return { lines: [...mem.setup, `${lock}${m} ${mem.text}`], ...flags };
}
