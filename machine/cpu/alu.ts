// The arithmetic and logic operations themselves (ADD ... CMP, INC/DEC, NEG), for each operand
// size, recording lazy flags. Decoded instructions call these with register/memory values.

import type { Cpu } from "./cpu.ts";
import { FlagOp, getCF } from "./flags.ts";

/** A two-operand ALU operation: returns the result (CMP returns it too; the caller drops it). */
export type BinOp = (cpu: Cpu, a: number, b: number) => number;

function add32(cpu: Cpu, a: number, b: number): number {
  const r = (a + b) | 0;
  cpu.fOp = FlagOp.Add;
  cpu.fSize = 32;
  cpu.fRes = r;
  cpu.fA = a;
  cpu.fB = b;
  return r;
}

function or32(cpu: Cpu, a: number, b: number): number {
  const r = a | b;
  cpu.fOp = FlagOp.Logic;
  cpu.fSize = 32;
  cpu.fRes = r;
  return r;
}

function adc32(cpu: Cpu, a: number, b: number): number {
  const c = getCF(cpu);
  const r = (a + b + c) | 0;
  cpu.fOp = FlagOp.Adc;
  cpu.fSize = 32;
  cpu.fRes = r;
  cpu.fA = a;
  cpu.fB = b;
  cpu.fAux = c;
  return r;
}

function sbb32(cpu: Cpu, a: number, b: number): number {
  const c = getCF(cpu);
  const r = (a - b - c) | 0;
  cpu.fOp = FlagOp.Sbb;
  cpu.fSize = 32;
  cpu.fRes = r;
  cpu.fA = a;
  cpu.fB = b;
  cpu.fAux = c;
  return r;
}

function and32(cpu: Cpu, a: number, b: number): number {
  const r = a & b;
  cpu.fOp = FlagOp.Logic;
  cpu.fSize = 32;
  cpu.fRes = r;
  return r;
}

function sub32(cpu: Cpu, a: number, b: number): number {
  const r = (a - b) | 0;
  cpu.fOp = FlagOp.Sub;
  cpu.fSize = 32;
  cpu.fRes = r;
  cpu.fA = a;
  cpu.fB = b;
  return r;
}

function xor32(cpu: Cpu, a: number, b: number): number {
  const r = a ^ b;
  cpu.fOp = FlagOp.Logic;
  cpu.fSize = 32;
  cpu.fRes = r;
  return r;
}

/** ADD OR ADC SBB AND SUB XOR CMP, in opcode order, for 32-bit operands. */
export const ALU32: BinOp[] = [add32, or32, adc32, sbb32, and32, sub32, xor32, sub32];

function sized(op: number, bits: number): BinOp {
  const m = bits === 16 ? 0xffff : 0xff;
  const set = (cpu: Cpu, kind: FlagOp, r: number, a: number, b: number): number => {
    cpu.fOp = kind;
    cpu.fSize = bits;
    cpu.fRes = r;
    cpu.fA = a;
    cpu.fB = b;
    return r;
  };
  switch (op) {
    case 0:
      return (cpu, a, b) => set(cpu, FlagOp.Add, (a + b) & m, a & m, b & m);
    case 1:
      return (cpu, a, b) => set(cpu, FlagOp.Logic, (a | b) & m, 0, 0);
    case 2:
      return (cpu, a, b) => {
        const c = getCF(cpu);
        cpu.fAux = c;
        return set(cpu, FlagOp.Adc, (a + b + c) & m, a & m, b & m);
      };
    case 3:
      return (cpu, a, b) => {
        const c = getCF(cpu);
        cpu.fAux = c;
        return set(cpu, FlagOp.Sbb, (a - b - c) & m, a & m, b & m);
      };
    case 4:
      return (cpu, a, b) => set(cpu, FlagOp.Logic, a & b & m, 0, 0);
    case 6:
      return (cpu, a, b) => set(cpu, FlagOp.Logic, (a ^ b) & m, 0, 0);
    default:
      return (cpu, a, b) => set(cpu, FlagOp.Sub, (a - b) & m, a & m, b & m);
  }
}

export const ALU16: BinOp[] = [0, 1, 2, 3, 4, 5, 6, 7].map((op) => sized(op, 16));
export const ALU8: BinOp[] = [0, 1, 2, 3, 4, 5, 6, 7].map((op) => sized(op, 8));

export function aluFor(size: number): BinOp[] {
  return size === 4 ? ALU32 : size === 2 ? ALU16 : ALU8;
}

/** INC and DEC keep CF; it is saved in fAux so later reads of CF still see the old value. */
export function inc(cpu: Cpu, size: number, a: number): number {
  const cf = getCF(cpu);
  const bits = size * 8;
  const r = bits === 32 ? (a + 1) | 0 : (a + 1) & ((1 << bits) - 1);
  cpu.fAux = cf;
  cpu.fOp = FlagOp.Inc;
  cpu.fSize = bits;
  cpu.fRes = r;
  cpu.fA = bits === 32 ? a : a & ((1 << bits) - 1);
  cpu.fB = 1;
  return r;
}

export function dec(cpu: Cpu, size: number, a: number): number {
  const cf = getCF(cpu);
  const bits = size * 8;
  const r = bits === 32 ? (a - 1) | 0 : (a - 1) & ((1 << bits) - 1);
  cpu.fAux = cf;
  cpu.fOp = FlagOp.Dec;
  cpu.fSize = bits;
  cpu.fRes = r;
  cpu.fA = bits === 32 ? a : a & ((1 << bits) - 1);
  cpu.fB = 1;
  return r;
}

export function neg(cpu: Cpu, size: number, a: number): number {
  return aluFor(size)[5]!(cpu, 0, a);
}

/** Record flags for a result whose CF/OF/AF are known (shifts, multiplies, BSF...). */
export function setExplicit(cpu: Cpu, bits: number, res: number, cfOfAf: number): void {
  cpu.fOp = FlagOp.Explicit;
  cpu.fSize = bits;
  cpu.fRes = bits === 32 ? res | 0 : res & ((1 << bits) - 1);
  cpu.fAux = cfOfAf;
}
