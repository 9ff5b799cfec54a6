// MUL/IMUL in all forms and DIV/IDIV, including divisions that raise #DE (divide by zero and
// quotient overflow): the image's exception handler records the vector and the case ends there.
import { CF, OF, STATUS } from "./flags.ts";
import { Gen, hex, suffix, type Insn, type Reg32 } from "./gen-context.ts";

const MUL_FLAGS = { reads: 0, defines: CF | OF, undefines: STATUS & ~(CF | OF) };

export function multiply(g: Gen): Insn {
  const rng = g.rng;
  const form = rng.int(0, 3);
  if (form <= 1) {
    const op = rng.pick(["mul", "imul"] as const);
    const s = rng.pick([8, 16, 32] as const);
    const src = form === 0 ? { setup: [], text: g.reg(s) } : g.mem(s / 8);
    return { lines: [...src.setup, `${op}${suffix(s)} ${src.text}`], ...MUL_FLAGS };
  }
  const s = rng.pick([16, 32] as const);
  const dst = g.reg(s);
  const src = rng.chance(0.5) ? { setup: [], text: g.reg(s) } : g.mem(s / 8);
  if (form === 2) return { lines: [...src.setup, `imul${suffix(s)} ${src.text}, ${dst}`], ...MUL_FLAGS };
  return { lines: [...src.setup, `imul${suffix(s)} $${hex(g.imm(s))}, ${src.text}, ${dst}`], ...MUL_FLAGS };
}

/** Sign-extension of a `bits`-wide value to 32 bits. */
function signed(v: number, bits: number): number {
  return bits === 32 ? v | 0 : (v << (32 - bits)) >> (32 - bits);
}

export function divide(g: Gen): Insn {
  const rng = g.rng;
  const op = rng.pick(["div", "idiv"] as const);
  const s = rng.pick([8, 16, 32] as const);
  const mask = s === 32 ? 0xffffffff : (1 << s) - 1;
  // Divisor: usually a nonzero value of interest; sometimes 0 or -1 (the #DE edges).
  const divisor = rng.chance(0.1) ? 0 : rng.chance(0.1) ? mask : rng.interesting(s) || 3;
  let low = rng.interesting(s);
  let high: number;
  if (rng.chance(0.15)) high = rng.interesting(s); // anything goes: often a quotient overflow
  else if (op === "div") high = divisor === 0 ? 0 : (rng.u32() & mask) % divisor;
  else {
    // Sign-extend the low half: the quotient fits unless low is the most negative and d = -1.
    high = signed(low, s) < 0 ? mask : 0;
    if (rng.chance(0.05)) {
      low = 2 ** (s - 1);
      high = signed(low, s) < 0 ? mask : 0;
    }
  }
  const lines: string[] = [];
  // The dividend lives in AX (8-bit), DX:AX (16-bit) or EDX:EAX (32-bit).
  if (s === 8) lines.push(`movl $${hex((rng.u32() & 0xffff0000) | (high << 8) | low)}, %eax`);
  else {
    const junk = s === 16 ? rng.u32() & 0xffff0000 : 0;
    lines.push(`movl $${hex(junk | low)}, %eax`, `movl $${hex((rng.u32() & 0xffff0000 & ~mask) | high)}, %edx`);
  }
  const taken: Reg32[] = s === 8 ? ["eax"] : ["eax", "edx"];
  let operand: string;
  if (rng.chance(0.5)) {
    if (s === 8) {
      // Only A/B/C/D have byte registers; the divisor goes in BL/BH/CL/CH/DL/DH.
      const r = rng.pick(["ebx", "ecx", "edx"] as const);
      const highByte = rng.chance(0.5);
      const shift = highByte ? 8 : 0;
      lines.push(`movl $${hex((rng.u32() & ~(0xff << shift)) | (divisor << shift))}, %${r}`);
      operand = Gen.sized(r, 8, highByte);
    } else {
      const r = g.reg(32, taken).slice(1) as Reg32;
      lines.push(`movl $${hex((rng.u32() & ~mask) | divisor)}, %${r}`);
      operand = Gen.sized(r, s);
    }
  } else {
    const mem = g.mem(s / 8, undefined, taken);
    lines.push(...mem.setup, `mov${suffix(s)} $${hex(divisor)}, ${mem.text}`);
    operand = mem.text;
  }
  lines.push(`${op}${suffix(s)} ${operand}`);
  return { lines, reads: 0, defines: 0, undefines: STATUS, terminal: true };
}
