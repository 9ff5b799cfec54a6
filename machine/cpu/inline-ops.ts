// JavaScript source for the simplest 32-bit register instructions (MOV, ADD/SUB/AND/OR/XOR/
// CMP/TEST with registers and immediates), which the block compiler pastes into a block's
// function instead of calling their closures: V8 then keeps values in machine registers and
// drops the lazy-flag stores that the next instruction overwrites. Semantics are the same
// as alu.ts (the unit tests run both paths).

import { FlagOp } from "./flags.ts";

const reg = (r: number): string => `regs[${r}]`;

/** ALU op (opcode order) on 32-bit operands given as JS expressions; `dst` register or -1 (CMP/TEST). */
export function inlineAlu32(op: number, a: string, b: string, dst: number): string | undefined {
  const store = dst >= 0 ? ` ${reg(dst)} = r;` : "";
  switch (op) {
    case 0:
      return `{ const a = ${a}, b = ${b}, r = (a + b) | 0; cpu.fOp = ${FlagOp.Add}; cpu.fSize = 32; cpu.fRes = r; cpu.fA = a; cpu.fB = b;${store} }`;
    case 5:
    case 7:
      return `{ const a = ${a}, b = ${b}, r = (a - b) | 0; cpu.fOp = ${FlagOp.Sub}; cpu.fSize = 32; cpu.fRes = r; cpu.fA = a; cpu.fB = b;${store} }`;
    case 1:
      return `{ const r = ${a} | ${b}; cpu.fOp = ${FlagOp.Logic}; cpu.fSize = 32; cpu.fRes = r;${store} }`;
    case 4:
      return `{ const r = ${a} & ${b}; cpu.fOp = ${FlagOp.Logic}; cpu.fSize = 32; cpu.fRes = r;${store} }`;
    case 6:
      return `{ const r = ${a} ^ ${b}; cpu.fOp = ${FlagOp.Logic}; cpu.fSize = 32; cpu.fRes = r;${store} }`;
    default:
      return undefined; // ADC/SBB read CF: left to their closures
  }
}

export function inlineMov32(dst: number, src: string): string {
  return `${reg(dst)} = ${src};`;
}

export { reg as inlineReg };
