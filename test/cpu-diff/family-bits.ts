// Bit instructions: BT/BTS/BTR/BTC (immediate and register bit offsets, including register
// offsets that reach outside the addressed word of a memory operand) and BSF/BSR.
import { CF, STATUS, ZF } from "./flags.ts";
import { DATA_SIZE, Gen, hex, suffix, type Insn, type Reg32 } from "./gen-context.ts";

export function bitTest(g: Gen): Insn {
  const rng = g.rng;
  const op = rng.pick(["bt", "bts", "btr", "btc"] as const);
  const s = rng.pick([16, 32] as const);
  const m = `${op}${suffix(s)}`;
  // SDM: CF = the selected bit; ZF unaffected; OF, SF, AF, PF undefined.
  const flags = { reads: 0, defines: CF, undefines: STATUS & ~(CF | ZF) };
  const lock = op !== "bt" && rng.chance(0.3) ? "lock " : "";
  const form = rng.int(0, 3);
  if (form === 0) return { lines: [`${m} $${rng.int(0, 255)}, ${g.reg(s)}`], ...flags };
  if (form === 1) return { lines: [`${m} ${g.reg(s)}, ${g.reg(s)}`], ...flags };
  if (form === 2) {
    const mem = g.mem(s / 8);
    return { lines: [...mem.setup, `${lock}${m} $${rng.int(0, 255)}, ${mem.text}`], ...flags };
  }
  // A register bit offset is signed and addresses a bit string around the memory operand:
  // keep the operand in the middle of the data area and the offset within +-63 bytes of it.
  const offsetReg = g.reg(32).slice(1) as Reg32;
  const bitOffset = rng.int(-63 * 8, 63 * 8);
  const junk = s === 16 ? rng.u32() & 0xffff0000 : 0;
  const mem = g.mem(s / 8, rng.int(64, DATA_SIZE - 64 - s / 8), [offsetReg]);
  return {
    lines: [`movl $${hex(junk | (bitOffset & (s === 16 ? 0xffff : 0xffffffff)))}, %${offsetReg}`, ...mem.setup, `${lock}${m} ${Gen.sized(offsetReg, s)}, ${mem.text}`],
    ...flags,
  };
}

export function bitScan(g: Gen): Insn {
  const rng = g.rng;
  const op = rng.pick(["bsf", "bsr"] as const);
  const s = rng.pick([16, 32] as const);
  const m = `${op}${suffix(s)}`;
  // SDM: ZF defined, CF/OF/SF/AF/PF undefined; the destination is undefined for a zero source.
  const zero = rng.chance(0.15);
  const mask = s === 16 ? 0xffff : 0xffffffff;
  let value = zero ? 0 : rng.interesting(s) || 1;
  if (!zero && rng.chance(0.5)) value = 1 << rng.int(0, s - 1); // one bit set
  const upper = s === 16 ? rng.u32() & 0xffff0000 : 0;
  const dstReg = g.reg(32).slice(1) as Reg32;
  const flags = {
    reads: 0,
    defines: ZF,
    undefines: STATUS & ~ZF,
    ...(zero ? { terminal: true, undefinedRegs: [dstReg] } : {}),
  };
  if (rng.chance(0.5)) {
    const srcReg = g.reg(32, [dstReg]).slice(1) as Reg32;
    return { lines: [`movl $${hex(upper | (value & mask))}, %${srcReg}`, `${m} ${Gen.sized(srcReg, s)}, ${Gen.sized(dstReg, s)}`], ...flags };
  }
  const mem = g.mem(s / 8);
  return { lines: [...mem.setup, `mov${suffix(s)} $${hex(value & mask)}, ${mem.text}`, `${m} ${mem.text}, ${Gen.sized(dstReg, s)}`], ...flags };
}
