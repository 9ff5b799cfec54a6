// Data movement: MOV (incl. moffs), MOVZX/MOVSX, CBW/CWDE/CWD/CDQ, XCHG, CMPXCHG, CMPXCHG8B,
// XADD, BSWAP, XLAT, SETcc, CMOVcc and LAHF/SAHF/CLC/STC/CMC.
import { AF, CF, CONDITIONS, PF, SF, STATUS, ZF } from "./flags.ts";
import { DATA_SIZE, Gen, SCRATCH, hex, suffix, type Insn } from "./gen-context.ts";

const NO_FLAGS = { reads: 0, defines: 0, undefines: 0 };

export function move(g: Gen): Insn {
  const rng = g.rng;
  const s = rng.pick([8, 16, 32] as const);
  const m = `mov${suffix(s)}`;
  switch (rng.int(0, 4)) {
    case 0: return { lines: [`${m} ${g.reg(s)}, ${g.reg(s)}`], ...NO_FLAGS };
    case 1: return { lines: [`${m} $${hex(g.imm(s))}, ${g.reg(s)}`], ...NO_FLAGS };
    case 2: {
      const mem = g.mem(s / 8);
      return { lines: [...mem.setup, `${m} ${mem.text}, ${g.reg(s)}`], ...NO_FLAGS };
    }
    case 3: {
      const mem = g.mem(s / 8);
      return { lines: [...mem.setup, rng.chance(0.5) ? `${m} ${g.reg(s)}, ${mem.text}` : `${m} $${hex(g.imm(s))}, ${mem.text}`], ...NO_FLAGS };
    }
    default: {
      // The accumulator's moffs forms (A0-A3).
      const acc = s === 8 ? "%al" : s === 16 ? "%ax" : "%eax";
      const addr = hex(SCRATCH + rng.int(0, DATA_SIZE - s / 8));
      return { lines: [rng.chance(0.5) ? `${m} ${addr}, ${acc}` : `${m} ${acc}, ${addr}`], ...NO_FLAGS };
    }
  }
}

export function extend(g: Gen): Insn {
  const rng = g.rng;
  if (rng.chance(0.25)) return { lines: [rng.pick(["cbtw", "cwtl", "cwtd", "cltd"])], ...NO_FLAGS };
  const [m, from, to] = rng.pick([
    ["movzbw", 8, 16], ["movzbl", 8, 32], ["movzwl", 16, 32],
    ["movsbw", 8, 16], ["movsbl", 8, 32], ["movswl", 16, 32],
  ] as const);
  if (rng.chance(0.5)) return { lines: [`${m} ${g.reg(from)}, ${g.reg(to)}`], ...NO_FLAGS };
  const mem = g.mem(from / 8);
  return { lines: [...mem.setup, `${m} ${mem.text}, ${g.reg(to)}`], ...NO_FLAGS };
}

export function exchange(g: Gen): Insn {
  const rng = g.rng;
  const s = rng.pick([8, 16, 32] as const);
  const sfx = suffix(s);
  const acc = Gen.sized("eax", s);
  switch (rng.int(0, 5)) {
    case 0: return { lines: [`xchg${sfx} ${g.reg(s)}, ${g.reg(s)}`], ...NO_FLAGS };
    case 1: {
      const mem = g.mem(s / 8);
      return { lines: [...mem.setup, `xchg${sfx} ${g.reg(s)}, ${mem.text}`], ...NO_FLAGS };
    }
    case 2: {
      // XADD: flags as ADD.
      const lockable = rng.chance(0.5);
      const dst = lockable ? g.mem(s / 8) : { setup: [], text: g.reg(s) };
      const lock = lockable && rng.chance(0.5) ? "lock " : "";
      return { lines: [...dst.setup, `${lock}xadd${sfx} ${g.reg(s)}, ${dst.text}`], reads: 0, defines: STATUS, undefines: 0 };
    }
    case 3: {
      // CMPXCHG: flags as CMP; make the compare succeed half the time.
      const inMem = rng.chance(0.5);
      const dst = inMem ? g.mem(s / 8, undefined, ["eax"]) : { setup: [], text: g.reg(s) };
      const equal = rng.chance(0.5) ? [`mov${sfx} ${dst.text}, ${acc}`] : [];
      const lock = inMem && rng.chance(0.5) ? "lock " : "";
      return { lines: [...dst.setup, ...equal, `${lock}cmpxchg${sfx} ${g.reg(s)}, ${dst.text}`], reads: 0, defines: STATUS, undefines: 0 };
    }
    case 4: {
      // CMPXCHG8B: ZF defined, the other flags unchanged. EDX:EAX matches memory half the time.
      const mem = g.mem(8, undefined, ["eax", "edx"]);
      const equal = rng.chance(0.5) ? [`movl ${hex(mem.address)}, %eax`, `movl ${hex(mem.address + 4)}, %edx`] : [];
      const lock = rng.chance(0.5) ? "lock " : "";
      return { lines: [...mem.setup, ...equal, `${lock}cmpxchg8b ${mem.text}`], reads: 0, defines: ZF, undefines: 0 };
    }
    default:
      return { lines: [`bswap ${g.reg(32)}`], ...NO_FLAGS };
  }
}

export function conditional(g: Gen): Insn {
  const rng = g.rng;
  const { cc, reads } = rng.pick(CONDITIONS);
  if (rng.chance(0.5)) {
    if (rng.chance(0.5)) return { lines: [`set${cc} ${g.reg(8)}`], reads, defines: 0, undefines: 0 };
    const mem = g.mem(1);
    return { lines: [...mem.setup, `set${cc} ${mem.text}`], reads, defines: 0, undefines: 0 };
  }
  const s = rng.pick([16, 32] as const);
  const src = rng.chance(0.5) ? { setup: [], text: g.reg(s) } : g.mem(s / 8);
  return { lines: [...src.setup, `cmov${cc}${suffix(s)} ${src.text}, ${g.reg(s)}`], reads, defines: 0, undefines: 0 };
}

export function flagOps(g: Gen): Insn {
  const rng = g.rng;
  switch (rng.int(0, 5)) {
    case 0: return { lines: ["clc"], reads: 0, defines: CF, undefines: 0 };
    case 1: return { lines: ["stc"], reads: 0, defines: CF, undefines: 0 };
    case 2: return { lines: ["cmc"], reads: CF, defines: CF, undefines: 0 };
    case 3: return { lines: ["lahf"], reads: SF | ZF | AF | PF | CF, defines: 0, undefines: 0 };
    case 4: return { lines: ["sahf"], reads: 0, defines: SF | ZF | AF | PF | CF, undefines: 0 };
    default: {
      // XLAT: AL = [EBX + AL], with EBX pointing into the scratch area.
      return { lines: [`movl $${hex(SCRATCH + rng.int(0, 255))}, %ebx`, "xlat"], ...NO_FLAGS };
    }
  }
}

/**
 * NOP forms (incl. multi-byte 0F 1F), PAUSE, moves from/to segment registers, PUSH/POP of
 * segment registers, and far pointer loads (LDS/LES/LFS/LGS/LSS).
 */
export function misc(g: Gen): Insn {
  const rng = g.rng;
  switch (rng.int(0, 6)) {
    case 0:
      return { lines: [rng.pick(["nop", "pause", "xchgw %ax, %ax", "nopl 0(%eax)", "nopw 0(%eax,%eax,1)", "nopl 0x12345678(%eax,%eax,4)"])], ...NO_FLAGS };
    case 1: {
      // MOV r32, Sreg zero-extends on P6 and later (SDM vol. 2, MOV).
      const seg = rng.pick(["%cs", "%ds", "%es", "%fs", "%gs", "%ss"]);
      const wide = rng.chance(0.5);
      return { lines: [`mov${wide ? "l" : "w"} ${seg}, ${g.reg(wide ? 32 : 16)}`], ...NO_FLAGS };
    }
    case 2: {
      const mem = g.mem(2);
      return { lines: [...mem.setup, `movw ${rng.pick(["%cs", "%ds", "%ss"])}, ${mem.text}`], ...NO_FLAGS };
    }
    case 4: {
      const [src, dst] = [rng.pick(["%ds", "%es", "%fs", "%gs", "%ss", "%cs"]), rng.pick(["%es", "%fs", "%gs"])];
      if (rng.chance(0.5)) return { lines: [`pushw ${src}`, `popw ${dst}`], ...NO_FLAGS };
      // A 32-bit push of a segment register may write 2 or 4 bytes (SDM vol. 2, PUSH): the
      // slot is cleared after the pop so only defined bytes reach the memory comparison.
      return { lines: [`pushl ${src}`, `popl ${dst}`, "movl $0, -4(%esp)"], ...NO_FLAGS };
    }
    case 5: {
      // Far pointer loads; LSS reloads SS:ESP with the same flat SS and the current ESP.
      const mem = g.mem(6, rng.int(0, 256 - 8));
      const lss = rng.chance(0.25);
      const offset = lss ? SCRATCH + g.esp : rng.u32();
      const selector = lss ? 0x10 : rng.pick([0x10, 0x23]);
      const op = lss ? "lss" : rng.pick(["lds", "les", "lfs", "lgs"]);
      const dst = lss ? "%esp" : g.reg(32, mem.uses);
      return { lines: [`movl $${hex(offset)}, ${hex(mem.address)}`, `movw $${hex(selector)}, ${hex(mem.address + 4)}`, ...mem.setup, `${op} ${mem.text}, ${dst}`], ...NO_FLAGS };
    }
    default: {
      // Reload a data segment register with another flat data selector (ring 0, or ring 3 with RPL 3).
      const sel = rng.pick([0x10, 0x23]);
      const r = g.reg(32);
      const seg = rng.pick(["%es", "%fs", "%gs"]);
      return { lines: [`movl $${hex((rng.u32() & 0xffff0000) | sel)}, ${r}`, `movw ${r.replace("%e", "%")}, ${seg}`, `movl ${seg}, ${g.reg(32)}`], ...NO_FLAGS };
    }
  }
}
