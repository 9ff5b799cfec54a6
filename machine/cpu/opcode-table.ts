// The opcode map (SDM vol. 2, appendix A): which builder decodes each one- and two-byte
// opcode. Anything not listed raises #UD when executed.

import { CR0_EM, CR0_MP, CR0_TS, CS, DS, ES, FS, GS, NM, SS, UD } from "./constants.ts";
import { raising, type BranchExec, type Decoder, type Exec } from "./decoder.ts";
import {
  buildAluAcc,
  buildAluImm,
  buildAluModrm,
  buildIncDecReg,
  buildTestAcc,
  buildTestImm,
  buildTestModrm,
  buildUnary,
} from "./ops-arith.ts";
import { buildBitScan, buildBitTest, buildBswap } from "./ops-bits.ts";
import {
  buildCallRel,
  buildEnter,
  buildFarDirect,
  buildFarIndirect,
  buildIndirect,
  buildInt,
  buildIret,
  buildJcc,
  buildJmpRel,
  buildLeave,
  buildLoop,
  buildRet,
  buildRetFar,
} from "./ops-control.ts";
import {
  buildCmov,
  buildCmpxchg,
  buildCmpxchg8b,
  buildConvert,
  buildLea,
  buildLoadFarPointer,
  buildMovExtend,
  buildMovFromSeg,
  buildMovImmModrm,
  buildMovModrm,
  buildMovMoffs,
  buildMovRegImm,
  buildMovToSeg,
  buildPopa,
  buildPopModrm,
  buildPopReg,
  buildPopSeg,
  buildPusha,
  buildPushImm,
  buildPushModrm,
  buildPushReg,
  buildPushSeg,
  buildSetcc,
  buildXadd,
  buildXchgAcc,
  buildXchgModrm,
  buildXlat,
} from "./ops-data.ts";
import { buildAhFlags, buildBcd, buildFlagOp, buildPopf, buildPushf } from "./ops-flags.ts";
import { buildImulImm, buildImulRegRm, buildMulDiv } from "./ops-muldiv.ts";
import { buildDoubleShift, buildShift, IMM8_COUNT } from "./ops-shift.ts";
import { buildString } from "./ops-string.ts";
import {
  buildArpl,
  buildBound,
  buildCpuid,
  buildGroup6,
  buildGroup7,
  buildInOut,
  buildInterruptFlag,
  buildLarLsl,
  buildMovCrDr,
  buildMsr,
  buildPrivilegedSimple,
  buildRdtsc,
} from "./ops-system.ts";

const NOP: Exec = () => {};

export function decodeOpcode(d: Decoder, op: number): Exec | BranchExec {
  const osz = d.opsize;
  if (op < 0x40 && (op & 7) < 6) {
    const alu = op >> 3;
    switch (op & 7) {
      case 0:
        return buildAluModrm(d, alu, 1, false);
      case 1:
        return buildAluModrm(d, alu, osz, false);
      case 2:
        return buildAluModrm(d, alu, 1, true);
      case 3:
        return buildAluModrm(d, alu, osz, true);
      case 4:
        return buildAluAcc(d, alu, 1);
      default:
        return buildAluAcc(d, alu, osz);
    }
  }
  if (op >= 0x40 && op <= 0x4f) return buildIncDecReg(d, op >= 0x48, op & 7);
  if (op >= 0x50 && op <= 0x57) return buildPushReg(d, op & 7);
  if (op >= 0x58 && op <= 0x5f) return buildPopReg(d, op & 7);
  if (op >= 0x70 && op <= 0x7f) return buildJcc(d, op & 15, false);
  if (op >= 0x91 && op <= 0x97) return buildXchgAcc(d, op & 7);
  if (op >= 0xb0 && op <= 0xb7) return buildMovRegImm(d, 1, op & 7);
  if (op >= 0xb8 && op <= 0xbf) return buildMovRegImm(d, osz, op & 7);
  if (op >= 0xd8 && op <= 0xdf) return buildEscape(d);
  switch (op) {
    case 0x06:
      return buildPushSeg(d, ES);
    case 0x07:
      return buildPopSeg(d, ES);
    case 0x0e:
      return buildPushSeg(d, CS);
    case 0x0f:
      return decodeTwoByte(d, d.u8());
    case 0x16:
      return buildPushSeg(d, SS);
    case 0x17:
      return buildPopSeg(d, SS);
    case 0x1e:
      return buildPushSeg(d, DS);
    case 0x1f:
      return buildPopSeg(d, DS);
    case 0x27:
    case 0x2f:
    case 0x37:
    case 0x3f:
      return buildBcd(d, op);
    case 0x60:
      return buildPusha(d);
    case 0x61:
      return buildPopa(d);
    case 0x62:
      return buildBound(d);
    case 0x63:
      return buildArpl(d);
    case 0x68:
      return buildPushImm(d, false);
    case 0x69:
      return buildImulImm(d, osz, false);
    case 0x6a:
      return buildPushImm(d, true);
    case 0x6b:
      return buildImulImm(d, osz, true);
    case 0x6c:
    case 0x6d:
    case 0x6e:
    case 0x6f:
    case 0xa4:
    case 0xa5:
    case 0xa6:
    case 0xa7:
    case 0xaa:
    case 0xab:
    case 0xac:
    case 0xad:
    case 0xae:
    case 0xaf:
      return buildString(d, op);
    case 0x80:
    case 0x82:
      d.modrm();
      return buildAluImm(d, d.reg, 1, 1);
    case 0x81:
      d.modrm();
      return buildAluImm(d, d.reg, osz, osz);
    case 0x83:
      d.modrm();
      return buildAluImm(d, d.reg, osz, 1);
    case 0x84:
      return buildTestModrm(d, 1);
    case 0x85:
      return buildTestModrm(d, osz);
    case 0x86:
      return buildXchgModrm(d, 1);
    case 0x87:
      return buildXchgModrm(d, osz);
    case 0x88:
      return buildMovModrm(d, 1, false);
    case 0x89:
      return buildMovModrm(d, osz, false);
    case 0x8a:
      return buildMovModrm(d, 1, true);
    case 0x8b:
      return buildMovModrm(d, osz, true);
    case 0x8c:
      return buildMovFromSeg(d);
    case 0x8d:
      return buildLea(d);
    case 0x8e:
      return buildMovToSeg(d);
    case 0x8f:
      return buildPopModrm(d);
    case 0x90:
      return NOP; // NOP, and PAUSE with F3
    case 0x98:
      return buildConvert(d, false);
    case 0x99:
      return buildConvert(d, true);
    case 0x9a:
      return buildFarDirect(d, true);
    case 0x9b:
      return buildWait(d);
    case 0x9c:
      return buildPushf(d);
    case 0x9d:
      return buildPopf(d);
    case 0x9e:
      return buildAhFlags(d, true);
    case 0x9f:
      return buildAhFlags(d, false);
    case 0xa0:
      return buildMovMoffs(d, 1, true);
    case 0xa1:
      return buildMovMoffs(d, osz, true);
    case 0xa2:
      return buildMovMoffs(d, 1, false);
    case 0xa3:
      return buildMovMoffs(d, osz, false);
    case 0xa8:
      return buildTestAcc(d, 1);
    case 0xa9:
      return buildTestAcc(d, osz);
    case 0xc0:
      d.modrm();
      return buildShift(d, 1, IMM8_COUNT);
    case 0xc1:
      d.modrm();
      return buildShift(d, osz, IMM8_COUNT);
    case 0xc2:
      return buildRet(d, true);
    case 0xc3:
      return buildRet(d, false);
    case 0xc4:
      return buildLoadFarPointer(d, ES);
    case 0xc5:
      return buildLoadFarPointer(d, DS);
    case 0xc6:
      return buildMovImmModrm(d, 1);
    case 0xc7:
      return buildMovImmModrm(d, osz);
    case 0xc8:
      return buildEnter(d);
    case 0xc9:
      return buildLeave(d);
    case 0xca:
      return buildRetFar(d, true);
    case 0xcb:
      return buildRetFar(d, false);
    case 0xcc:
    case 0xcd:
    case 0xce:
    case 0xf1:
      return buildInt(d, op);
    case 0xcf:
      return buildIret(d);
    case 0xd0:
      d.modrm();
      return buildShift(d, 1, 1);
    case 0xd1:
      d.modrm();
      return buildShift(d, osz, 1);
    case 0xd2:
      d.modrm();
      return buildShift(d, 1, "cl");
    case 0xd3:
      d.modrm();
      return buildShift(d, osz, "cl");
    case 0xd4:
    case 0xd5:
    case 0xd6:
      return buildBcd(d, op);
    case 0xd7:
      return buildXlat(d);
    case 0xe0:
    case 0xe1:
    case 0xe2:
    case 0xe3:
      return buildLoop(d, op);
    case 0xe4:
    case 0xe5:
    case 0xe6:
    case 0xe7:
    case 0xec:
    case 0xed:
    case 0xee:
    case 0xef:
      return buildInOut(d, op);
    case 0xe8:
      return buildCallRel(d);
    case 0xe9:
      return buildJmpRel(d, false);
    case 0xea:
      return buildFarDirect(d, false);
    case 0xeb:
      return buildJmpRel(d, true);
    case 0xf4:
    case 0xfa:
    case 0xfb:
      return buildInterruptFlag(d, op);
    case 0xf5:
    case 0xf8:
    case 0xf9:
    case 0xfc:
    case 0xfd:
      return buildFlagOp(d, op);
    case 0xf6:
    case 0xf7:
      return buildGroup3(d, op === 0xf6 ? 1 : osz);
    case 0xfe:
      d.modrm();
      if (d.reg > 1) return raising(d, UD);
      return buildUnary(d, d.reg === 0 ? "inc" : "dec", 1);
    case 0xff:
      return buildGroup5(d);
    default:
      return raising(d, UD);
  }
}

function buildGroup3(d: Decoder, size: number): Exec {
  d.modrm();
  switch (d.reg) {
    case 0:
    case 1:
      return buildTestImm(d, size);
    case 2:
      return buildUnary(d, "not", size);
    case 3:
      return buildUnary(d, "neg", size);
    default:
      return buildMulDiv(d, d.reg, size);
  }
}

function buildGroup5(d: Decoder): Exec {
  d.modrm();
  switch (d.reg) {
    case 0:
      return buildUnary(d, "inc", d.opsize);
    case 1:
      return buildUnary(d, "dec", d.opsize);
    case 2:
      return buildIndirect(d, true);
    case 3:
      return buildFarIndirect(d, true);
    case 4:
      return buildIndirect(d, false);
    case 5:
      return buildFarIndirect(d, false);
    case 6:
      return buildPushModrm(d);
    default:
      return raising(d, UD);
  }
}

/**
 * x87 escapes (D8-DF). There is no FPU (CPUID says so): with CR0.EM or TS set they raise
 * #NM so a kernel can emulate them; otherwise #UD.
 */
function buildEscape(d: Decoder): Exec {
  const cpu = d.cpu;
  d.ctl = true;
  return () => {
    if ((cpu.cr0 & (CR0_EM | CR0_TS)) !== 0) cpu.fault(NM);
    cpu.fault(UD);
  };
}

/** 9B WAIT/FWAIT: #NM when CR0.MP and CR0.TS are both set, otherwise nothing to wait for. */
function buildWait(d: Decoder): Exec {
  const cpu = d.cpu;
  return () => {
    if ((cpu.cr0 & (CR0_MP | CR0_TS)) === (CR0_MP | CR0_TS)) cpu.fault(NM);
  };
}

function decodeTwoByte(d: Decoder, op: number): Exec | BranchExec {
  const osz = d.opsize;
  if (op >= 0x40 && op <= 0x4f) return buildCmov(d, op & 15);
  if (op >= 0x80 && op <= 0x8f) return buildJcc(d, op & 15, true);
  if (op >= 0x90 && op <= 0x9f) return buildSetcc(d, op & 15);
  if (op >= 0xc8 && op <= 0xcf) return buildBswap(d, op & 7);
  if ((op >= 0x18 && op <= 0x1f) || op === 0x0d) {
    // Hint NOPs (0F 1F /0 is the multi-byte NOP) take a ModRM operand and do nothing.
    d.modrm();
    if (!d.isReg) d.ea(1);
    return NOP;
  }
  switch (op) {
    case 0x00:
      return buildGroup6(d);
    case 0x01:
      return buildGroup7(d);
    case 0x02:
      return buildLarLsl(d, false);
    case 0x03:
      return buildLarLsl(d, true);
    case 0x06:
    case 0x08:
    case 0x09:
      return buildPrivilegedSimple(d, op);
    case 0x0b:
      return raising(d, UD);
    case 0x20:
    case 0x21:
    case 0x22:
    case 0x23:
      return buildMovCrDr(d, op);
    case 0x30:
      return buildMsr(d, true);
    case 0x31:
      return buildRdtsc(d);
    case 0x32:
      return buildMsr(d, false);
    case 0xa0:
      return buildPushSeg(d, FS);
    case 0xa1:
      return buildPopSeg(d, FS);
    case 0xa2:
      return buildCpuid(d);
    case 0xa3:
      return buildBitTest(d, 0, osz, false);
    case 0xa4:
      return buildDoubleShift(d, osz, true, true);
    case 0xa5:
      return buildDoubleShift(d, osz, true, false);
    case 0xa8:
      return buildPushSeg(d, GS);
    case 0xa9:
      return buildPopSeg(d, GS);
    case 0xab:
      return buildBitTest(d, 1, osz, false);
    case 0xac:
      return buildDoubleShift(d, osz, false, true);
    case 0xad:
      return buildDoubleShift(d, osz, false, false);
    case 0xaf:
      return buildImulRegRm(d, osz);
    case 0xb0:
      return buildCmpxchg(d, 1);
    case 0xb1:
      return buildCmpxchg(d, osz);
    case 0xb2:
      return buildLoadFarPointer(d, SS);
    case 0xb3:
      return buildBitTest(d, 2, osz, false);
    case 0xb4:
      return buildLoadFarPointer(d, FS);
    case 0xb5:
      return buildLoadFarPointer(d, GS);
    case 0xb6:
      return buildMovExtend(d, 1, false);
    case 0xb7:
      return buildMovExtend(d, 2, false);
    case 0xba:
      d.modrm();
      if (d.reg < 4) return raising(d, UD);
      return buildBitTest(d, d.reg - 4, osz, true);
    case 0xbb:
      return buildBitTest(d, 3, osz, false);
    case 0xbc:
      return buildBitScan(d, osz, false);
    case 0xbd:
      return buildBitScan(d, osz, true);
    case 0xbe:
      return buildMovExtend(d, 1, true);
    case 0xbf:
      return buildMovExtend(d, 2, true);
    case 0xc0:
      return buildXadd(d, 1);
    case 0xc1:
      return buildXadd(d, osz);
    case 0xc7:
      d.modrm();
      return buildCmpxchg8b(d);
    default:
      return raising(d, UD);
  }
}
