// Interrupt and exception delivery (SDM vol. 3 chapter 6): the real-mode IVT, protected-mode
// IDT interrupt/trap gates with the TSS stack switch to an inner ring, error codes, the
// double-fault rules (table 6-5) and triple fault; IRET back to the same or an outer ring.

import {
  AC,
  ATT_BREAK,
  CS,
  DB,
  DF_VECTOR,
  GP,
  IF,
  IOPL,
  NMI_VECTOR,
  NP,
  NT,
  PF_VECTOR,
  RF,
  SS,
  SS_FAULT,
  TF,
  TS,
  UD,
  VM,
} from "./constants.ts";
import type { Cpu } from "./cpu.ts";
import { getFlags } from "./flags.ts";
import { readSized, readSystem16, readSystem32, writeSystem16, writeSystem32, probeWrite } from "./memory.ts";
import { readInnerStack } from "./tss.ts";
import { writeFlags } from "./ops-flags.ts";
import { adjustSp, pushSized, stackAddress } from "./operands.ts";
import {
  ATTR_CODE,
  ATTR_CONFORMING,
  ATTR_PRESENT,
  ATTR_S,
  ATTR_WRITABLE,
  markAccessed,
  nullInaccessibleSegments,
  readDescriptor,
  setSegmentCache,
  setSegmentReal,
  type Descriptor,
} from "./segments.ts";

const enum Source {
  Exception,
  Software,
  External,
}

const VECTOR_NAMES = ["#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM", "#DF", "CSO", "#TS", "#NP", "#SS", "#GP", "#PF", "15", "#MF", "#AC", "#MC", "#XM"];

export function vectorName(v: number): string {
  return VECTOR_NAMES[v] ?? `vector ${v}`;
}

/** Exceptions that push an error code (in protected mode). */
function hasErrorCode(v: number): boolean {
  return v === DF_VECTOR || (v >= TS && v <= PF_VECTOR) || v === 17;
}

function isContributory(v: number): boolean {
  return v === 0 || (v >= TS && v <= GP);
}

/**
 * Deliver the fault recorded in cpu.faultVector/faultCode for the instruction at cpu.eip,
 * escalating to #DF and then to a triple fault when delivery itself faults.
 */
export function handleFault(cpu: Cpu): void {
  let vector = cpu.faultVector;
  let code = cpu.faultCode;
  for (;;) {
    if (cpu.host.log !== undefined) {
      const c = code >= 0 ? `(0x${code.toString(16)})` : "";
      cpu.log("int", `${vectorName(vector)}${c} at EIP 0x${(cpu.eip >>> 0).toString(16)}${vector === PF_VECTOR ? ` CR2=0x${(cpu.cr2 >>> 0).toString(16)}` : ""}`);
    }
    try {
      deliver(cpu, vector, Source.Exception, hasErrorCode(vector) ? (code >= 0 ? code : 0) : -1, cpu.eip);
      return;
    } catch (e) {
      if (typeof e !== "object" || e === null || !("guestFault" in e)) throw e;
      const second = cpu.faultVector;
      if (vector === DF_VECTOR) {
        cpu.tripleFault(
          `${vectorName(second)}${cpu.faultCode >= 0 ? `(0x${cpu.faultCode.toString(16)})` : ""} while delivering #DF at EIP 0x${(cpu.eip >>> 0).toString(16)}`,
        );
        return;
      }
      const df =
        (isContributory(vector) && isContributory(second)) ||
        (vector === PF_VECTOR && (second === PF_VECTOR || isContributory(second)));
      if (df) {
        vector = DF_VECTOR;
        code = 0;
      } else {
        vector = second;
        code = cpu.faultCode;
      }
    }
  }
}

/** INT n / INT3 / INTO / INT1: gate DPL is checked against CPL (not for INT1). */
export function deliverSoftware(cpu: Cpu, vector: number, nextEip: number, icebp: boolean): void {
  deliver(cpu, vector, icebp ? Source.Exception : Source.Software, -1, nextEip);
}

export function deliverExternal(cpu: Cpu, vector: number): void {
  deliver(cpu, vector, Source.External, -1, cpu.eip);
}

export function deliverNmi(cpu: Cpu): void {
  cpu.nmiBlocked = true;
  deliver(cpu, NMI_VECTOR, Source.External, -1, cpu.eip);
}

/** The single-step trap after an instruction executed with TF=1 (DR6.BS set). */
export function raiseDebugTrap(cpu: Cpu): void {
  cpu.dr[6] = cpu.dr[6]! | (1 << 14);
  deliver(cpu, DB, Source.Exception, -1, cpu.eip);
}

function deliver(cpu: Cpu, vector: number, source: Source, errorCode: number, retEip: number): void {
  const ext = source === Source.External ? 1 : 0;
  if (!cpu.protectedMode) {
    deliverReal(cpu, vector, retEip);
    return;
  }
  const gateSel = vector * 8 + 2 + ext;
  if (vector * 8 + 7 > cpu.idtLimit >>> 0) cpu.fault(GP, gateSel);
  const lo = readSystem32(cpu, (cpu.idtBase + vector * 8) | 0);
  const hi = readSystem32(cpu, (cpu.idtBase + vector * 8 + 4) | 0);
  const type = (hi >> 8) & 0x1f;
  const gateDpl = (hi >> 13) & 3;
  if (type !== 0x6 && type !== 0x7 && type !== 0xe && type !== 0xf) {
    if (type === 0x5) cpu.log("unimp", `task gate for vector ${vector} (task switches are not modelled)`);
    cpu.fault(GP, gateSel);
  }
  if (source === Source.Software && gateDpl < cpu.cpl) cpu.fault(GP, vector * 8 + 2);
  if ((hi & 0x8000) === 0) cpu.fault(NP, gateSel);
  const gateSize = (type & 8) !== 0 ? 4 : 2;
  const trapGate = (type & 1) !== 0;
  const selector = lo >>> 16;
  const offset = gateSize === 4 ? (hi & 0xffff0000) | (lo & 0xffff) : lo & 0xffff;
  if ((selector & ~3) === 0) cpu.fault(GP, ext);
  const desc = readDescriptor(cpu, selector);
  if (desc === undefined) return cpu.fault(GP, (selector & ~3) + ext);
  const a = desc.attr;
  if ((a & ATTR_S) === 0 || (a & ATTR_CODE) === 0 || desc.dpl > cpu.cpl) cpu.fault(GP, (selector & ~3) + ext);
  if ((a & ATTR_PRESENT) === 0) cpu.fault(NP, (selector & ~3) + ext);

  const flags = getFlags(cpu);
  const oldCs = cpu.segSel[CS]!;
  const frame: number[] = [];
  let newSsSel = 0;
  let newSsDesc: Descriptor | undefined;
  let newEsp: number;
  let stackBase: number;
  let stack32: boolean;
  const inner = (a & ATTR_CONFORMING) === 0 && desc.dpl < cpu.cpl;
  if (inner) {
    const st = readInnerStack(cpu, desc.dpl, ext);
    newEsp = st.esp;
    newSsSel = st.selector;
    newSsDesc = st.desc;
    stackBase = st.desc.base;
    stack32 = st.stack32;
    frame.push(cpu.segSel[SS]!, cpu.regs[4]!);
  } else {
    newEsp = cpu.regs[4]!;
    stackBase = cpu.segBase[SS]!;
    stack32 = cpu.stack32;
  }
  frame.push(flags, oldCs, retEip);
  if (errorCode >= 0) frame.push(errorCode);

  // Write the frame top-down on the new stack as supervisor accesses; nothing in the CPU
  // changes until all of it is written, so a fault here leaves the old state intact.
  let sp = newEsp;
  for (const v of frame) {
    sp = stack32 ? (sp - gateSize) | 0 : (sp - gateSize) & 0xffff;
    const lin = (stackBase + sp) | 0;
    if (inner) {
      if (gateSize === 4) writeSystem32(cpu, lin, v);
      else writeSystem16(cpu, lin, v);
    } else {
      // Same privilege: ordinary stack writes at the current CPL.
      probeWrite(cpu, lin, gateSize);
      if (gateSize === 4) writeSystem32(cpu, lin, v);
      else writeSystem16(cpu, lin, v);
    }
  }

  markAccessed(cpu, desc);
  if (inner && newSsDesc !== undefined) {
    setSegmentCache(cpu, SS, newSsSel, newSsDesc);
    cpu.setCpl(desc.dpl);
  }
  if (stack32) cpu.regs[4] = sp;
  else cpu.regs[4] = (cpu.regs[4]! & ~0xffff) | sp;
  setSegmentCache(cpu, CS, (selector & ~3) | cpu.cpl, desc);
  cpu.eip = offset;
  cpu.flags = (getFlags(cpu) & ~(TF | NT | RF | VM | (trapGate ? 0 : IF))) | 2;
  cpu.fOp = 0;
  cpu.halted = false;
  cpu.attention |= ATT_BREAK;
}

function deliverReal(cpu: Cpu, vector: number, retEip: number): void {
  if (vector * 4 + 3 > cpu.idtLimit >>> 0) cpu.fault(GP, 0);
  const flags = getFlags(cpu);
  probeWrite(cpu, stackAddress(cpu, -6), 6);
  const ip = readSystem16(cpu, (cpu.idtBase + vector * 4) | 0);
  const cs = readSystem16(cpu, (cpu.idtBase + vector * 4 + 2) | 0);
  pushSized(cpu, 2, flags);
  pushSized(cpu, 2, cpu.segSel[CS]!);
  pushSized(cpu, 2, retEip);
  setSegmentReal(cpu, CS, cs);
  cpu.eip = ip;
  cpu.flags = (flags & ~(IF | TF | AC | RF)) | 2;
  cpu.fOp = 0;
  cpu.halted = false;
  cpu.attention |= ATT_BREAK;
}

/** IRET/IRETD (SDM vol. 2 "IRET"): real mode, same privilege, or return to an outer ring. */
export function iret(cpu: Cpu, size: number): void {
  const eip = readSized(cpu, stackAddress(cpu, 0), size);
  const csSel = readSized(cpu, stackAddress(cpu, size), size) & 0xffff;
  const flags = readSized(cpu, stackAddress(cpu, 2 * size), size);
  if (!cpu.protectedMode) {
    adjustSp(cpu, 3 * size);
    setSegmentReal(cpu, CS, csSel);
    cpu.eip = size === 4 ? eip : eip & 0xffff;
    writeFlags(cpu, flags, size, true, true);
    cpu.nmiBlocked = false;
    cpu.attention |= ATT_BREAK;
    return;
  }
  if ((cpu.flags & NT) !== 0) {
    cpu.log("unimp", "IRET with NT=1 (task return is not modelled)");
    cpu.fault(GP, cpu.trSel & ~3);
  }
  if (size === 4 && (flags & VM) !== 0 && cpu.cpl === 0) {
    cpu.log("unimp", "IRET to virtual-8086 mode is not modelled");
    cpu.fault(GP, 0);
  }
  if ((csSel & ~3) === 0) cpu.fault(GP, 0);
  const rpl = csSel & 3;
  if (rpl < cpu.cpl) cpu.fault(GP, csSel & ~3);
  const desc = readDescriptor(cpu, csSel);
  if (desc === undefined) return cpu.fault(GP, csSel & ~3);
  const a = desc.attr;
  if ((a & ATTR_S) === 0 || (a & ATTR_CODE) === 0) cpu.fault(GP, csSel & ~3);
  if ((a & ATTR_CONFORMING) !== 0 ? desc.dpl > rpl : desc.dpl !== rpl) cpu.fault(GP, csSel & ~3);
  if ((a & ATTR_PRESENT) === 0) cpu.fault(NP, csSel & ~3);
  if ((size === 4 ? eip : eip & 0xffff) >>> 0 > desc.limit >>> 0) cpu.fault(GP, 0);
  const oldCpl = cpu.cpl;
  const iopl = (cpu.flags & IOPL) >> 12;
  if (rpl === oldCpl) {
    adjustSp(cpu, 3 * size);
  } else {
    const esp = readSized(cpu, stackAddress(cpu, 3 * size), size);
    const ssSel = readSized(cpu, stackAddress(cpu, 4 * size), size) & 0xffff;
    if ((ssSel & ~3) === 0) cpu.fault(GP, 0);
    const ssd = readDescriptor(cpu, ssSel);
    if (ssd === undefined) return cpu.fault(GP, ssSel & ~3);
    const sa = ssd.attr;
    if ((ssSel & 3) !== rpl || ssd.dpl !== rpl || (sa & ATTR_S) === 0 || (sa & ATTR_CODE) !== 0 || (sa & ATTR_WRITABLE) === 0) {
      cpu.fault(GP, ssSel & ~3);
    }
    if ((sa & ATTR_PRESENT) === 0) cpu.fault(SS_FAULT, ssSel & ~3);
    markAccessed(cpu, ssd);
    setSegmentCache(cpu, SS, ssSel, ssd);
    if (cpu.stack32) cpu.regs[4] = esp;
    else cpu.regs[4] = (cpu.regs[4]! & ~0xffff) | (esp & 0xffff);
  }
  markAccessed(cpu, desc);
  setSegmentCache(cpu, CS, csSel, desc);
  cpu.eip = size === 4 ? eip : eip & 0xffff;
  writeFlags(cpu, flags, size, oldCpl === 0, oldCpl <= iopl);
  if (rpl !== oldCpl) {
    cpu.setCpl(rpl);
    nullInaccessibleSegments(cpu);
  }
  cpu.nmiBlocked = false;
  cpu.attention |= ATT_BREAK;
}

export { UD };
