// The inner-ring stack a privilege change switches to: SS:ESP for the target ring read from
// the current TSS (32-bit or 16-bit) and checked as the SDM requires (#TS on a bad SS).

import { SS_FAULT, TS } from "./constants.ts";
import type { Cpu } from "./cpu.ts";
import { readSystem16, readSystem32 } from "./memory.ts";
import { ATTR_CODE, ATTR_PRESENT, ATTR_S, ATTR_WRITABLE, readDescriptor, type Descriptor } from "./segments.ts";

export interface InnerStack {
  selector: number;
  desc: Descriptor;
  esp: number;
  /** SS.B of the new stack: ESP rather than SP. */
  stack32: boolean;
}

/** `ext` is the EXT bit for error codes (1 while delivering an external event). */
export function readInnerStack(cpu: Cpu, dpl: number, ext: number): InnerStack {
  const tss32 = (cpu.trAttr & 0xf) === 0x9 || (cpu.trAttr & 0xf) === 0xb;
  const off = tss32 ? 4 + dpl * 8 : 2 + dpl * 4;
  if (off + (tss32 ? 5 : 3) > cpu.trLimit >>> 0) cpu.fault(TS, (cpu.trSel & ~3) + ext);
  const esp = tss32 ? readSystem32(cpu, (cpu.trBase + off) | 0) : readSystem16(cpu, (cpu.trBase + off) | 0);
  const selector = readSystem16(cpu, (cpu.trBase + off + (tss32 ? 4 : 2)) | 0);
  if ((selector & ~3) === 0) cpu.fault(TS, ext);
  const desc = readDescriptor(cpu, selector);
  if (desc === undefined) return cpu.fault(TS, (selector & ~3) + ext);
  const a = desc.attr;
  if ((selector & 3) !== dpl || desc.dpl !== dpl || (a & ATTR_S) === 0 || (a & ATTR_CODE) !== 0 || (a & ATTR_WRITABLE) === 0) {
    cpu.fault(TS, (selector & ~3) + ext);
  }
  if ((a & ATTR_PRESENT) === 0) cpu.fault(SS_FAULT, (selector & ~3) + ext);
  return { selector, desc, esp, stack32: (a & 0x4000) !== 0 };
}
