// Register and stack operands of every size. 8-bit register numbers follow the ModRM
// encoding: 0-3 are AL CL DL BL, 4-7 are AH CH DH BH.

import { SS } from "./constants.ts";
import type { Cpu } from "./cpu.ts";
import { read16, read32, write16, write32 } from "./memory.ts";
import { checkLimit } from "./segments.ts";

export function getReg8(cpu: Cpu, r: number): number {
  return r < 4 ? cpu.regs[r]! & 0xff : (cpu.regs[r - 4]! >> 8) & 0xff;
}

export function setReg8(cpu: Cpu, r: number, v: number): void {
  const regs = cpu.regs;
  if (r < 4) regs[r] = (regs[r]! & ~0xff) | (v & 0xff);
  else regs[r - 4] = (regs[r - 4]! & ~0xff00) | ((v & 0xff) << 8);
}

export function getReg16(cpu: Cpu, r: number): number {
  return cpu.regs[r]! & 0xffff;
}

export function setReg16(cpu: Cpu, r: number, v: number): void {
  cpu.regs[r] = (cpu.regs[r]! & ~0xffff) | (v & 0xffff);
}

export function getReg(cpu: Cpu, size: number, r: number): number {
  return size === 4 ? cpu.regs[r]! : size === 2 ? cpu.regs[r]! & 0xffff : getReg8(cpu, r);
}

export function setReg(cpu: Cpu, size: number, r: number, v: number): void {
  if (size === 4) cpu.regs[r] = v;
  else if (size === 2) setReg16(cpu, r, v);
  else setReg8(cpu, r, v);
}

export function maskOf(size: number): number {
  return size === 4 ? -1 : size === 2 ? 0xffff : 0xff;
}

// ---- the stack (SS:ESP when SS.B=1, SS:SP otherwise) ----

/** The linear address of a stack access, limit-checked when SS is not flat (#SS(0)). */
function stackLinear(cpu: Cpu, sp: number, size: number): number {
  const lin = (cpu.segBase[SS]! + sp) | 0;
  return (cpu.flatMask & (1 << SS)) !== 0 ? lin : checkLimit(cpu, SS, lin, size);
}

export function push32(cpu: Cpu, v: number): void {
  const regs = cpu.regs;
  if (cpu.stack32) {
    const sp = (regs[4]! - 4) | 0;
    write32(cpu, stackLinear(cpu, sp, 4), v);
    regs[4] = sp;
  } else {
    const sp = (regs[4]! - 4) & 0xffff;
    write32(cpu, stackLinear(cpu, sp, 4), v);
    regs[4] = (regs[4]! & ~0xffff) | sp;
  }
}

export function push16(cpu: Cpu, v: number): void {
  const regs = cpu.regs;
  if (cpu.stack32) {
    const sp = (regs[4]! - 2) | 0;
    write16(cpu, stackLinear(cpu, sp, 2), v);
    regs[4] = sp;
  } else {
    const sp = (regs[4]! - 2) & 0xffff;
    write16(cpu, stackLinear(cpu, sp, 2), v);
    regs[4] = (regs[4]! & ~0xffff) | sp;
  }
}

export function pop32(cpu: Cpu): number {
  const regs = cpu.regs;
  if (cpu.stack32) {
    const v = read32(cpu, stackLinear(cpu, regs[4]!, 4));
    regs[4] = (regs[4]! + 4) | 0;
    return v;
  }
  const sp = regs[4]! & 0xffff;
  const v = read32(cpu, stackLinear(cpu, sp, 4));
  regs[4] = (regs[4]! & ~0xffff) | ((sp + 4) & 0xffff);
  return v;
}

export function pop16(cpu: Cpu): number {
  const regs = cpu.regs;
  if (cpu.stack32) {
    const v = read16(cpu, stackLinear(cpu, regs[4]!, 2));
    regs[4] = (regs[4]! + 2) | 0;
    return v;
  }
  const sp = regs[4]! & 0xffff;
  const v = read16(cpu, stackLinear(cpu, sp, 2));
  regs[4] = (regs[4]! & ~0xffff) | ((sp + 2) & 0xffff);
  return v;
}

export function pushSized(cpu: Cpu, size: number, v: number): void {
  if (size === 4) push32(cpu, v);
  else push16(cpu, v);
}

export function popSized(cpu: Cpu, size: number): number {
  return size === 4 ? pop32(cpu) : pop16(cpu);
}

/** Read the stack `offset` bytes above the stack pointer without popping. */
export function stackAddress(cpu: Cpu, offset: number, size = 4): number {
  const sp = cpu.stack32 ? (cpu.regs[4]! + offset) | 0 : (cpu.regs[4]! + offset) & 0xffff;
  return stackLinear(cpu, sp, size);
}

/** Add to the stack pointer respecting SS.B. */
export function adjustSp(cpu: Cpu, delta: number): void {
  const regs = cpu.regs;
  if (cpu.stack32) regs[4] = (regs[4]! + delta) | 0;
  else regs[4] = (regs[4]! & ~0xffff) | ((regs[4]! + delta) & 0xffff);
}
