// Decoding of the ALU families: ADD/OR/ADC/SBB/AND/SUB/XOR/CMP in all forms (00-3D, 80-83),
// TEST, INC/DEC, NOT/NEG. Register-register and 32-bit forms get their own closures because
// they are most of what compiled code executes.

import { aluFor, dec, inc, neg } from "./alu.ts";
import { inlineAlu32, inlineReg } from "./inline-ops.ts";
import type { Decoder, Exec } from "./decoder.ts";
import { read32, readSized, rmwRead, rmwRead32, write32, writeSized } from "./memory.ts";
import { getReg, setReg } from "./operands.ts";

/** Opcodes 00-3D except the accumulator forms: op = bits 5..3, `toReg` for the G,E forms. */
export function buildAluModrm(d: Decoder, op: number, size: number, toReg: boolean): Exec {
  d.modrm();
  const cpu = d.cpu;
  const regs = cpu.regs;
  const f = aluFor(size)[op]!;
  const cmp = op === 7;
  const reg = d.reg;
  if (d.isReg) {
    d.pure = true;
    const dst = toReg ? reg : d.rm;
    const src = toReg ? d.rm : reg;
    if (size === 4) {
      d.inline = inlineAlu32(op, inlineReg(dst), inlineReg(src), cmp ? -1 : dst);
      if (cmp) return () => void f(cpu, regs[dst]!, regs[src]!);
      return () => {
        regs[dst] = f(cpu, regs[dst]!, regs[src]!);
      };
    }
    if (cmp) return () => void f(cpu, getReg(cpu, size, dst), getReg(cpu, size, src));
    return () => setReg(cpu, size, dst, f(cpu, getReg(cpu, size, dst), getReg(cpu, size, src)));
  }
  const ea = d.ea(size, !toReg && op !== 7);
  if (toReg) {
    if (size === 4 && d.eaSource !== undefined) d.inline = inlineAlu32(op, inlineReg(reg), `read32(cpu, ${d.eaSource})`, cmp ? -1 : reg);
    if (size === 4) {
      if (cmp) return () => void f(cpu, regs[reg]!, read32(cpu, ea()));
      return () => {
        regs[reg] = f(cpu, regs[reg]!, read32(cpu, ea()));
      };
    }
    if (cmp) return () => void f(cpu, getReg(cpu, size, reg), readSized(cpu, ea(), size));
    return () => setReg(cpu, size, reg, f(cpu, getReg(cpu, size, reg), readSized(cpu, ea(), size)));
  }
  if (cmp) {
    if (size === 4 && d.eaSource !== undefined) d.inline = inlineAlu32(7, `read32(cpu, ${d.eaSource})`, inlineReg(reg), -1);
    if (size === 4) return () => void f(cpu, read32(cpu, ea()), regs[reg]!);
    return () => void f(cpu, readSized(cpu, ea(), size), getReg(cpu, size, reg));
  }
  d.lockOk = true;
  if (size === 4) {
    return () => {
      const a = ea();
      write32(cpu, a, f(cpu, rmwRead32(cpu, a), regs[reg]!));
    };
  }
  return () => {
    const a = ea();
    writeSized(cpu, a, size, f(cpu, rmwRead(cpu, a, size), getReg(cpu, size, reg)));
  };
}

/** ALU op with an immediate into r/m (80, 81, 83) — the ModRM byte has already been read. */
export function buildAluImm(d: Decoder, op: number, size: number, immSize: number): Exec {
  const cpu = d.cpu;
  const regs = cpu.regs;
  const f = aluFor(size)[op]!;
  const cmp = op === 7;
  if (d.isReg) {
    d.pure = true;
    const rm = d.rm;
    const imm = immSize === 1 && size !== 1 ? d.s8() : d.imm(immSize);
    if (size === 4) {
      d.inline = inlineAlu32(op, inlineReg(rm), String(imm | 0), cmp ? -1 : rm);
      if (cmp) return () => void f(cpu, regs[rm]!, imm);
      return () => {
        regs[rm] = f(cpu, regs[rm]!, imm);
      };
    }
    if (cmp) return () => void f(cpu, getReg(cpu, size, rm), imm);
    return () => setReg(cpu, size, rm, f(cpu, getReg(cpu, size, rm), imm));
  }
  const ea = d.ea(size, op !== 7);
  const imm = immSize === 1 && size !== 1 ? d.s8() : d.imm(immSize);
  if (cmp) {
    if (size === 4) return () => void f(cpu, read32(cpu, ea()), imm);
    return () => void f(cpu, readSized(cpu, ea(), size), imm);
  }
  d.lockOk = true;
  if (size === 4) {
    return () => {
      const a = ea();
      write32(cpu, a, f(cpu, rmwRead32(cpu, a), imm));
    };
  }
  return () => {
    const a = ea();
    writeSized(cpu, a, size, f(cpu, rmwRead(cpu, a, size), imm));
  };
}

/** 04/05, 0C/0D ... 3C/3D: AL/eAX with an immediate. */
export function buildAluAcc(d: Decoder, op: number, size: number): Exec {
  const cpu = d.cpu;
  const regs = cpu.regs;
  const f = aluFor(size)[op]!;
  const imm = d.imm(size);
  d.pure = true;
  if (size === 4) d.inline = inlineAlu32(op, inlineReg(0), String(imm | 0), op === 7 ? -1 : 0);
  if (op === 7) return () => void f(cpu, getReg(cpu, size, 0), imm);
  if (size === 4) {
    return () => {
      regs[0] = f(cpu, regs[0]!, imm);
    };
  }
  return () => setReg(cpu, size, 0, f(cpu, getReg(cpu, size, 0), imm));
}

/** TEST r/m, reg (84/85). */
export function buildTestModrm(d: Decoder, size: number): Exec {
  d.modrm();
  const cpu = d.cpu;
  const regs = cpu.regs;
  const f = aluFor(size)[4]!;
  const reg = d.reg;
  if (d.isReg) {
    d.pure = true;
    const rm = d.rm;
    if (size === 4) d.inline = inlineAlu32(4, inlineReg(rm), inlineReg(reg), -1);
    if (size === 4) return () => void f(cpu, regs[rm]!, regs[reg]!);
    return () => void f(cpu, getReg(cpu, size, rm), getReg(cpu, size, reg));
  }
  const ea = d.ea(size);
  return () => void f(cpu, readSized(cpu, ea(), size), getReg(cpu, size, reg));
}

/** TEST r/m, imm (F6/F7 /0 and /1); ModRM already read. */
export function buildTestImm(d: Decoder, size: number): Exec {
  const cpu = d.cpu;
  const f = aluFor(size)[4]!;
  if (d.isReg) {
    const rm = d.rm;
    const imm = d.imm(size);
    return () => void f(cpu, getReg(cpu, size, rm), imm);
  }
  const ea = d.ea(size);
  const imm = d.imm(size);
  return () => void f(cpu, readSized(cpu, ea(), size), imm);
}

/** TEST AL/eAX, imm (A8/A9). */
export function buildTestAcc(d: Decoder, size: number): Exec {
  const cpu = d.cpu;
  const f = aluFor(size)[4]!;
  const imm = d.imm(size);
  return () => void f(cpu, getReg(cpu, size, 0), imm);
}

/** INC/DEC/NOT/NEG of r/m (FE/FF /0 /1, F6/F7 /2 /3); ModRM already read. */
export function buildUnary(d: Decoder, kind: "inc" | "dec" | "not" | "neg", size: number): Exec {
  const cpu = d.cpu;
  const regs = cpu.regs;
  const f =
    kind === "inc"
      ? (v: number) => inc(cpu, size, v)
      : kind === "dec"
        ? (v: number) => dec(cpu, size, v)
        : kind === "neg"
          ? (v: number) => neg(cpu, size, v)
          : (v: number) => ~v;
  if (d.isReg) {
    d.pure = true;
    const rm = d.rm;
    if (size === 4) {
      if (kind === "inc") return () => void (regs[rm] = inc(cpu, 4, regs[rm]!));
      if (kind === "dec") return () => void (regs[rm] = dec(cpu, 4, regs[rm]!));
      return () => void (regs[rm] = f(regs[rm]!));
    }
    return () => setReg(cpu, size, rm, f(getReg(cpu, size, rm)));
  }
  const ea = d.ea(size, true);
  d.lockOk = true;
  return () => {
    const a = ea();
    writeSized(cpu, a, size, f(rmwRead(cpu, a, size)));
  };
}

/** 40-4F: INC/DEC of a full register (16-bit or 32-bit). */
export function buildIncDecReg(d: Decoder, isDec: boolean, r: number): Exec {
  const cpu = d.cpu;
  const regs = cpu.regs;
  const size = d.opsize;
  d.pure = true;
  if (size === 4) {
    if (isDec) return () => void (regs[r] = dec(cpu, 4, regs[r]!));
    return () => void (regs[r] = inc(cpu, 4, regs[r]!));
  }
  return () => setReg(cpu, 2, r, isDec ? dec(cpu, 2, getReg(cpu, 2, r)) : inc(cpu, 2, getReg(cpu, 2, r)));
}
