// Lazy EFLAGS: arithmetic instructions record their operands and result; the six status
// flags are computed only when something reads them (Jcc, PUSHF, ADC ...). Most results are
// overwritten before any flag is looked at, so this saves work on nearly every instruction.

import { AF, ARITH_FLAGS, CF, OF, PARITY, PF, SF, ZF } from "./constants.ts";
import type { Cpu } from "./cpu.ts";

/** What the last flag-setting instruction was; decides how each status flag is derived. */
export const enum FlagOp {
  /** The status flags live in `cpu.flags` itself. */
  None = 0,
  Add = 1,
  Adc = 2,
  Sub = 3,
  Sbb = 4,
  /** AND/OR/XOR/TEST: CF=OF=0, AF undefined (we give 0, like QEMU and v86). */
  Logic = 5,
  /** INC/DEC: like ADD/SUB of 1, but CF is the value saved in `fAux`. */
  Inc = 6,
  Dec = 7,
  /** Shifts, multiplies...: CF, OF and AF are given explicitly in `fAux`; ZF/SF/PF from the result. */
  Explicit = 8,
}

// The result and operands are kept masked to the operation size for 8/16-bit operations and
// as int32 for 32-bit ones, so unsigned comparisons work by `>>> 0` for every size.

export function setLazy(cpu: Cpu, op: FlagOp, size: number, res: number, a: number, b: number): void {
  cpu.fOp = op;
  cpu.fSize = size;
  cpu.fRes = res;
  cpu.fA = a;
  cpu.fB = b;
}

export function getCF(cpu: Cpu): number {
  switch (cpu.fOp) {
    case FlagOp.None:
      return cpu.flags & CF;
    case FlagOp.Add:
      return (cpu.fRes >>> 0) < (cpu.fA >>> 0) ? 1 : 0;
    case FlagOp.Adc:
      return (cpu.fAux !== 0 ? (cpu.fRes >>> 0) <= (cpu.fA >>> 0) : (cpu.fRes >>> 0) < (cpu.fA >>> 0)) ? 1 : 0;
    case FlagOp.Sub:
      return (cpu.fA >>> 0) < (cpu.fB >>> 0) ? 1 : 0;
    case FlagOp.Sbb:
      return (cpu.fAux !== 0 ? (cpu.fA >>> 0) <= (cpu.fB >>> 0) : (cpu.fA >>> 0) < (cpu.fB >>> 0)) ? 1 : 0;
    case FlagOp.Logic:
      return 0;
    case FlagOp.Inc:
    case FlagOp.Dec:
      return cpu.fAux & CF;
    default:
      return cpu.fAux & CF;
  }
}

export function getZF(cpu: Cpu): number {
  return cpu.fOp === FlagOp.None ? cpu.flags & ZF : cpu.fRes === 0 ? ZF : 0;
}

export function getSF(cpu: Cpu): number {
  return cpu.fOp === FlagOp.None ? cpu.flags & SF : ((cpu.fRes >>> (cpu.fSize - 1)) & 1) << 7;
}

export function getPF(cpu: Cpu): number {
  return cpu.fOp === FlagOp.None ? cpu.flags & PF : PARITY[cpu.fRes & 0xff]!;
}

export function getOF(cpu: Cpu): number {
  const s = cpu.fSize - 1;
  switch (cpu.fOp) {
    case FlagOp.None:
      return cpu.flags & OF;
    case FlagOp.Add:
    case FlagOp.Adc:
    case FlagOp.Inc:
      return (((cpu.fA ^ cpu.fRes) & (cpu.fB ^ cpu.fRes)) >>> s) & 1 ? OF : 0;
    case FlagOp.Sub:
    case FlagOp.Sbb:
    case FlagOp.Dec:
      return (((cpu.fA ^ cpu.fB) & (cpu.fA ^ cpu.fRes)) >>> s) & 1 ? OF : 0;
    case FlagOp.Logic:
      return 0;
    default:
      return cpu.fAux & OF;
  }
}

export function getAF(cpu: Cpu): number {
  switch (cpu.fOp) {
    case FlagOp.None:
      return cpu.flags & AF;
    case FlagOp.Logic:
      return 0;
    case FlagOp.Explicit:
      return cpu.fAux & AF;
    default:
      return (cpu.fA ^ cpu.fB ^ cpu.fRes) & AF;
  }
}

/** The full EFLAGS value, status flags materialised. */
export function getFlags(cpu: Cpu): number {
  if (cpu.fOp === FlagOp.None) return cpu.flags;
  return (
    (cpu.flags & ~ARITH_FLAGS) |
    getCF(cpu) |
    getPF(cpu) |
    getAF(cpu) |
    getZF(cpu) |
    getSF(cpu) |
    getOF(cpu)
  );
}

/** Fold the lazy status flags into `cpu.flags` (before changing only some of them). */
export function materialize(cpu: Cpu): void {
  if (cpu.fOp !== FlagOp.None) {
    cpu.flags = getFlags(cpu);
    cpu.fOp = FlagOp.None;
  }
}

/** Replace the status flags given in `mask` with those in `value`. */
export function setStatusFlags(cpu: Cpu, mask: number, value: number): void {
  materialize(cpu);
  cpu.flags = (cpu.flags & ~mask) | (value & mask);
}

/** Condition codes 0..15 as in Jcc/SETcc/CMOVcc (tttn encoding, SDM vol. 2 appendix B.1.4.7). */
export function testCondition(cpu: Cpu, cc: number): boolean {
  let r: boolean;
  switch (cc >> 1) {
    case 0:
      r = getOF(cpu) !== 0;
      break;
    case 1:
      r = getCF(cpu) !== 0;
      break;
    case 2:
      r = getZF(cpu) !== 0;
      break;
    case 3:
      r = getCF(cpu) !== 0 || getZF(cpu) !== 0;
      break;
    case 4:
      r = getSF(cpu) !== 0;
      break;
    case 5:
      r = getPF(cpu) !== 0;
      break;
    case 6:
      r = getSF(cpu) !== 0 !== (getOF(cpu) !== 0);
      break;
    default:
      r = getZF(cpu) !== 0 || getSF(cpu) !== 0 !== (getOF(cpu) !== 0);
      break;
  }
  return (cc & 1) !== 0 ? !r : r;
}

/** One predicate per condition code, so decoded Jcc/SETcc/CMOVcc avoid the switch on cc. */
export const CONDITIONS: ((cpu: Cpu) => boolean)[] = [];
for (let cc = 0; cc < 16; cc++) CONDITIONS.push((cpu) => testCondition(cpu, cc));
// Fast forms for the conditions compilers use most, after CMP/SUB/TEST.
CONDITIONS[0x4] = (cpu) => (cpu.fOp === FlagOp.None ? (cpu.flags & ZF) !== 0 : cpu.fRes === 0);
CONDITIONS[0x5] = (cpu) => (cpu.fOp === FlagOp.None ? (cpu.flags & ZF) === 0 : cpu.fRes !== 0);
CONDITIONS[0x2] = (cpu) => (cpu.fOp === FlagOp.Sub ? cpu.fA >>> 0 < cpu.fB >>> 0 : getCF(cpu) !== 0);
CONDITIONS[0x3] = (cpu) => (cpu.fOp === FlagOp.Sub ? cpu.fA >>> 0 >= cpu.fB >>> 0 : getCF(cpu) === 0);
CONDITIONS[0x6] = (cpu) => (cpu.fOp === FlagOp.Sub ? cpu.fA >>> 0 <= cpu.fB >>> 0 : getCF(cpu) !== 0 || getZF(cpu) !== 0);
CONDITIONS[0x7] = (cpu) => (cpu.fOp === FlagOp.Sub ? cpu.fA >>> 0 > cpu.fB >>> 0 : getCF(cpu) === 0 && getZF(cpu) === 0);
// Signed comparisons of a CMP are exact on the operands when sign-extended to 32 bits.
function signedA(cpu: Cpu): number {
  const sh = 32 - cpu.fSize;
  return (cpu.fA << sh) >> sh;
}
function signedB(cpu: Cpu): number {
  const sh = 32 - cpu.fSize;
  return (cpu.fB << sh) >> sh;
}
CONDITIONS[0xc] = (cpu) => (cpu.fOp === FlagOp.Sub ? signedA(cpu) < signedB(cpu) : testCondition(cpu, 0xc));
CONDITIONS[0xd] = (cpu) => (cpu.fOp === FlagOp.Sub ? signedA(cpu) >= signedB(cpu) : testCondition(cpu, 0xd));
CONDITIONS[0xe] = (cpu) => (cpu.fOp === FlagOp.Sub ? signedA(cpu) <= signedB(cpu) : testCondition(cpu, 0xe));
CONDITIONS[0xf] = (cpu) => (cpu.fOp === FlagOp.Sub ? signedA(cpu) > signedB(cpu) : testCondition(cpu, 0xf));
