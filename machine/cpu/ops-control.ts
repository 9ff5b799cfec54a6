// Control transfer: Jcc, JMP, CALL, RET (near and far), LOOP/LOOPcc/JCXZ, ENTER/LEAVE, and
// INT n/INT3/INTO/INT1/IRET (delivery itself is in interrupts.ts). Every closure here sets
// EIP itself; the decoder marks them `ctl` so they end their block.

import { BP, CS, DB, GP, NP, OF, OFV, SS, SS_FAULT, UD } from "./constants.ts";
import type { Cpu } from "./cpu.ts";
import type { BranchExec, Decoder, Exec } from "./decoder.ts";
import { raising } from "./decoder.ts";
import { CONDITIONS, getOF } from "./flags.ts";
import { deliverSoftware, iret } from "./interrupts.ts";
import { read16, readSized, probeWrite, writeSystem16, writeSystem32 } from "./memory.ts";
import { readInnerStack } from "./tss.ts";
import { adjustSp, getReg, popSized, pushSized, setReg, stackAddress } from "./operands.ts";
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

/** EIP after a relative transfer, wrapped to 16 bits with a 16-bit operand size. */
function relTarget(size: number, eip: number, delta: number): number {
  return size === 4 ? (eip + delta) | 0 : (eip + delta) & 0xffff;
}

/** 70-7F (rel8) and 0F 80-8F (rel16/32): a branch that may sit inside a block. */
export function buildJcc(d: Decoder, cc: number, wide: boolean): BranchExec {
  const cpu = d.cpu;
  const disp = wide ? (d.opsize === 4 ? d.u32() : d.s16()) : d.s8();
  const delta = (d.len + disp) | 0;
  const size = d.opsize;
  const cond = CONDITIONS[cc]!;
  d.branch = true;
  d.branchTarget = (d.start + delta) | 0;
  if (size === 4) {
    return () => {
      if (!cond(cpu)) return false;
      cpu.eip = (cpu.eip + delta) | 0;
      return true;
    };
  }
  return () => {
    if (!cond(cpu)) return false;
    cpu.eip = (cpu.eip + delta) & 0xffff;
    return true;
  };
}

/** E9 / EB: JMP rel. */
export function buildJmpRel(d: Decoder, short: boolean): Exec {
  const cpu = d.cpu;
  const disp = short ? d.s8() : d.opsize === 4 ? d.u32() : d.s16();
  const delta = (d.len + disp) | 0;
  const size = d.opsize;
  d.ctl = true;
  return () => void (cpu.eip = relTarget(size, cpu.eip, delta));
}

/** E8: CALL rel. */
export function buildCallRel(d: Decoder): Exec {
  const cpu = d.cpu;
  const disp = d.opsize === 4 ? d.u32() : d.s16();
  const len = d.len;
  const size = d.opsize;
  d.ctl = true;
  return () => {
    const ret = relTarget(size, cpu.eip, len);
    pushSized(cpu, size, ret);
    cpu.eip = relTarget(size, ret, disp);
  };
}

/** FF /2 CALL r/m and FF /4 JMP r/m (near, absolute); ModRM already read. */
export function buildIndirect(d: Decoder, call: boolean): Exec {
  const cpu = d.cpu;
  const size = d.opsize;
  let target: () => number;
  if (d.isReg) {
    const rm = d.rm;
    target = () => getReg(cpu, size, rm);
  } else {
    const ea = d.ea(size);
    target = () => readSized(cpu, ea(), size);
  }
  const len = d.len;
  d.ctl = true;
  if (!call) return () => void (cpu.eip = target());
  return () => {
    const t = target();
    pushSized(cpu, size, relTarget(size, cpu.eip, len));
    cpu.eip = t;
  };
}

/** C3 / C2 imm16: RET near. */
export function buildRet(d: Decoder, withImm: boolean): Exec {
  const cpu = d.cpu;
  const size = d.opsize;
  const imm = withImm ? d.u16() : 0;
  d.ctl = true;
  return () => {
    const t = popSized(cpu, size);
    if (imm !== 0) adjustSp(cpu, imm);
    cpu.eip = t;
  };
}

/** E0 LOOPNE, E1 LOOPE, E2 LOOP, E3 JCXZ/JECXZ: branches like Jcc. */
export function buildLoop(d: Decoder, opcode: number): BranchExec {
  const cpu = d.cpu;
  const regs = cpu.regs;
  const disp = d.s8();
  const delta = (d.len + disp) | 0;
  const size = d.opsize;
  const a32 = d.adsize === 4;
  d.branch = true;
  d.branchTarget = (d.start + delta) | 0;
  return () => {
    let taken: boolean;
    if (opcode === 0xe3) taken = (a32 ? regs[1]! : regs[1]! & 0xffff) === 0;
    else {
      let c: number;
      if (a32) c = regs[1] = (regs[1]! - 1) | 0;
      else {
        c = (regs[1]! - 1) & 0xffff;
        setReg(cpu, 2, 1, c);
      }
      taken = c !== 0;
      if (opcode === 0xe0) taken &&= !CONDITIONS[4]!(cpu);
      else if (opcode === 0xe1) taken &&= CONDITIONS[4]!(cpu);
    }
    if (!taken) return false;
    cpu.eip = relTarget(size, cpu.eip, delta);
    return true;
  };
}

/** C8: ENTER imm16, imm8. */
export function buildEnter(d: Decoder): Exec {
  const cpu = d.cpu;
  const regs = cpu.regs;
  const alloc = d.u16();
  const level = d.u8() & 31;
  const size = d.opsize;
  return () => {
    // Check the whole frame is writable first, so a fault leaves ESP and EBP untouched.
    probeWrite(cpu, stackAddress(cpu, -(size * (level + 1) + alloc)), size * (level + 1) + alloc || 1);
    pushSized(cpu, size, regs[5]!);
    const frame = cpu.stack32 ? regs[4]! : regs[4]! & 0xffff;
    let bp = regs[5]!;
    for (let i = 1; i < level; i++) {
      bp = cpu.stack32 ? (bp - size) | 0 : (bp - size) & 0xffff;
      pushSized(cpu, size, readSized(cpu, (cpu.segBase[SS]! + bp) | 0, size));
    }
    if (level > 0) pushSized(cpu, size, frame);
    setReg(cpu, size, 5, frame);
    adjustSp(cpu, -alloc);
  };
}

/** C9: LEAVE. */
export function buildLeave(d: Decoder): Exec {
  const cpu = d.cpu;
  const regs = cpu.regs;
  const size = d.opsize;
  return () => {
    const bp = cpu.stack32 ? regs[5]! : regs[5]! & 0xffff;
    const v = readSized(cpu, (cpu.segBase[SS]! + bp) | 0, size);
    if (cpu.stack32) regs[4] = (bp + size) | 0;
    else setReg(cpu, 2, 4, bp + size);
    setReg(cpu, size, 5, v);
  };
}

// ---- software interrupts ----

/** CD ib, CC (INT3), CE (INTO), F1 (INT1/ICEBP). */
export function buildInt(d: Decoder, opcode: number): Exec {
  const cpu = d.cpu;
  const vector = opcode === 0xcd ? d.u8() : opcode === 0xcc ? BP : opcode === 0xce ? OFV : DB;
  const len = d.len;
  d.ctl = true;
  if (opcode === 0xce) {
    return () => {
      if (getOF(cpu) & OF) deliverSoftware(cpu, vector, (cpu.eip + len) | 0, false);
      else cpu.eip = (cpu.eip + len) | 0;
    };
  }
  // INT3 and INTO skip the IOPL check in VM86 and use the gate DPL check like INT n.
  return () => deliverSoftware(cpu, vector, (cpu.eip + len) | 0, opcode === 0xf1);
}

/** CF: IRET/IRETD. */
export function buildIret(d: Decoder): Exec {
  const cpu = d.cpu;
  const size = d.opsize;
  d.ctl = true;
  return () => iret(cpu, size);
}

// ---- far transfers ----

/** Check a code segment named directly by a far JMP/CALL (no gate). */
function checkFarCodeTarget(cpu: Cpu, selector: number, desc: Descriptor): void {
  const a = desc.attr;
  if ((a & ATTR_CODE) === 0) cpu.fault(GP, selector & ~3);
  if ((a & ATTR_CONFORMING) !== 0) {
    if (desc.dpl > cpu.cpl) cpu.fault(GP, selector & ~3);
  } else if ((selector & 3) > cpu.cpl || desc.dpl !== cpu.cpl) cpu.fault(GP, selector & ~3);
  if ((a & ATTR_PRESENT) === 0) cpu.fault(NP, selector & ~3);
}

function farJump(cpu: Cpu, selector: number, offset: number, call: boolean, size: number, retEip: number): void {
  if (!cpu.protectedMode) {
    if (call) {
      probeWrite(cpu, stackAddress(cpu, -2 * size), 2 * size);
      pushSized(cpu, size, cpu.segSel[CS]!);
      pushSized(cpu, size, retEip);
    }
    setSegmentReal(cpu, CS, selector);
    cpu.eip = size === 4 ? offset : offset & 0xffff;
    return;
  }
  if ((selector & ~3) === 0) cpu.fault(GP, 0);
  const desc = readDescriptor(cpu, selector);
  if (desc === undefined) return cpu.fault(GP, selector & ~3);
  if ((desc.attr & ATTR_S) === 0) {
    const type = desc.attr & 0xf;
    if (type === 0x4 || type === 0xc) return throughCallGate(cpu, selector, desc, call, retEip);
    if (type === 0x5 || type === 0x1 || type === 0x9) cpu.log("unimp", "far transfer to a task gate or TSS (task switches are not modelled)");
    return cpu.fault(GP, selector & ~3);
  }
  checkFarCodeTarget(cpu, selector, desc);
  if ((size === 4 ? offset : offset & 0xffff) >>> 0 > desc.limit >>> 0) cpu.fault(GP, 0);
  if (call) {
    probeWrite(cpu, stackAddress(cpu, -2 * size), 2 * size);
    pushSized(cpu, size, cpu.segSel[CS]!);
    pushSized(cpu, size, retEip);
  }
  markAccessed(cpu, desc);
  setSegmentCache(cpu, CS, (selector & ~3) | cpu.cpl, desc);
  cpu.eip = size === 4 ? offset : offset & 0xffff;
}

/**
 * Far JMP/CALL through a call gate (SDM vol. 3, 5.8.4-5.8.5): to the same privilege level,
 * or for CALL to a more privileged non-conforming segment with a stack switch from the TSS
 * that copies the gate's parameter count of words/dwords from the caller's stack.
 */
function throughCallGate(cpu: Cpu, gateSel: number, gate: Descriptor, call: boolean, retEip: number): void {
  if (gate.dpl < cpu.cpl || gate.dpl < (gateSel & 3)) cpu.fault(GP, gateSel & ~3);
  if ((gate.attr & ATTR_PRESENT) === 0) cpu.fault(NP, gateSel & ~3);
  const gsize = (gate.attr & 8) !== 0 ? 4 : 2;
  const selector = gate.lo >>> 16;
  const offset = gsize === 4 ? (gate.hi & 0xffff0000) | (gate.lo & 0xffff) : gate.lo & 0xffff;
  const params = gate.hi & 0x1f;
  if ((selector & ~3) === 0) cpu.fault(GP, 0);
  const desc = readDescriptor(cpu, selector);
  if (desc === undefined) return cpu.fault(GP, selector & ~3);
  const a = desc.attr;
  if ((a & ATTR_S) === 0 || (a & ATTR_CODE) === 0 || desc.dpl > cpu.cpl) cpu.fault(GP, selector & ~3);
  const conforming = (a & ATTR_CONFORMING) !== 0;
  if (!call && !conforming && desc.dpl !== cpu.cpl) cpu.fault(GP, selector & ~3);
  if ((a & ATTR_PRESENT) === 0) cpu.fault(NP, selector & ~3);
  if (!call) {
    markAccessed(cpu, desc);
    setSegmentCache(cpu, CS, (selector & ~3) | cpu.cpl, desc);
    cpu.eip = offset;
    return;
  }
  if (conforming || desc.dpl === cpu.cpl) {
    probeWrite(cpu, stackAddress(cpu, -2 * gsize), 2 * gsize);
    pushSized(cpu, gsize, cpu.segSel[CS]!);
    pushSized(cpu, gsize, retEip);
    markAccessed(cpu, desc);
    setSegmentCache(cpu, CS, (selector & ~3) | cpu.cpl, desc);
    cpu.eip = offset;
    return;
  }
  // More privilege: new stack from the TSS; old SS:ESP, the parameters, CS:EIP go on it.
  const st = readInnerStack(cpu, desc.dpl, 0);
  const words: number[] = [cpu.segSel[SS]!, cpu.regs[4]!];
  for (let i = params - 1; i >= 0; i--) words.push(readSized(cpu, stackAddress(cpu, i * gsize), gsize));
  words.push(cpu.segSel[CS]!, retEip);
  let sp = st.esp;
  for (const w of words) {
    sp = st.stack32 ? (sp - gsize) | 0 : (sp - gsize) & 0xffff;
    if (gsize === 4) writeSystem32(cpu, (st.desc.base + sp) | 0, w);
    else writeSystem16(cpu, (st.desc.base + sp) | 0, w);
  }
  markAccessed(cpu, st.desc);
  setSegmentCache(cpu, SS, st.selector, st.desc);
  if (st.stack32) cpu.regs[4] = sp;
  else cpu.regs[4] = (cpu.regs[4]! & ~0xffff) | sp;
  markAccessed(cpu, desc);
  cpu.setCpl(desc.dpl);
  setSegmentCache(cpu, CS, (selector & ~3) | desc.dpl, desc);
  cpu.eip = offset;
}

/** EA / 9A: JMP/CALL ptr16:16/32. */
export function buildFarDirect(d: Decoder, call: boolean): Exec {
  const cpu = d.cpu;
  const size = d.opsize;
  const offset = size === 4 ? d.u32() : d.u16();
  const selector = d.u16();
  const len = d.len;
  d.ctl = true;
  return () => farJump(cpu, selector, offset, call, size, (cpu.eip + len) | 0);
}

/** FF /3 CALL m16:16/32, FF /5 JMP m16:16/32; ModRM already read. */
export function buildFarIndirect(d: Decoder, call: boolean): Exec {
  if (d.isReg) return raising(d, UD);
  const cpu = d.cpu;
  const size = d.opsize;
  const ea = d.ea(size + 2);
  const len = d.len;
  d.ctl = true;
  return () => {
    const a = ea();
    const offset = readSized(cpu, a, size);
    const selector = read16(cpu, (a + size) | 0);
    farJump(cpu, selector, offset, call, size, (cpu.eip + len) | 0);
  };
}

/** CB / CA imm16: RET far, to the same or an outer privilege level. */
export function buildRetFar(d: Decoder, withImm: boolean): Exec {
  const cpu = d.cpu;
  const size = d.opsize;
  const imm = withImm ? d.u16() : 0;
  d.ctl = true;
  return () => {
    const offset = readSized(cpu, stackAddress(cpu, 0), size);
    const selector = readSized(cpu, stackAddress(cpu, size), size) & 0xffff;
    if (!cpu.protectedMode) {
      adjustSp(cpu, 2 * size + imm);
      setSegmentReal(cpu, CS, selector);
      cpu.eip = offset;
      return;
    }
    if ((selector & ~3) === 0) cpu.fault(GP, 0);
    const rpl = selector & 3;
    if (rpl < cpu.cpl) cpu.fault(GP, selector & ~3);
    const desc = readDescriptor(cpu, selector);
    if (desc === undefined) return cpu.fault(GP, selector & ~3);
    const a = desc.attr;
    if ((a & ATTR_S) === 0 || (a & ATTR_CODE) === 0) cpu.fault(GP, selector & ~3);
    if ((a & ATTR_CONFORMING) !== 0 ? desc.dpl > rpl : desc.dpl !== rpl) cpu.fault(GP, selector & ~3);
    if ((a & ATTR_PRESENT) === 0) cpu.fault(NP, selector & ~3);
    if (offset >>> 0 > desc.limit >>> 0) cpu.fault(GP, 0);
    if (rpl === cpu.cpl) {
      adjustSp(cpu, 2 * size + imm);
      markAccessed(cpu, desc);
      setSegmentCache(cpu, CS, selector, desc);
      cpu.eip = offset;
      return;
    }
    // Return to an outer ring: the caller's SS:ESP sits above the parameters. Everything is
    // checked before anything changes, so a fault leaves the inner-ring state intact.
    const newEsp = readSized(cpu, stackAddress(cpu, 2 * size + imm), size);
    const newSs = readSized(cpu, stackAddress(cpu, 3 * size + imm), size) & 0xffff;
    if ((newSs & ~3) === 0) cpu.fault(GP, 0);
    const ssd = readDescriptor(cpu, newSs);
    if (ssd === undefined) return cpu.fault(GP, newSs & ~3);
    const sa = ssd.attr;
    if ((newSs & 3) !== rpl || ssd.dpl !== rpl || (sa & ATTR_S) === 0 || (sa & ATTR_CODE) !== 0 || (sa & ATTR_WRITABLE) === 0) {
      cpu.fault(GP, newSs & ~3);
    }
    if ((sa & ATTR_PRESENT) === 0) cpu.fault(SS_FAULT, newSs & ~3);
    markAccessed(cpu, desc);
    markAccessed(cpu, ssd);
    setSegmentCache(cpu, CS, selector, desc);
    cpu.setCpl(rpl);
    setSegmentCache(cpu, SS, newSs, ssd);
    setReg(cpu, cpu.stack32 ? 4 : 2, 4, newEsp);
    adjustSp(cpu, imm);
    nullInaccessibleSegments(cpu);
    cpu.eip = offset;
  };
}
