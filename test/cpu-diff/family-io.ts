// Port I/O: IN/OUT with immediate and DX ports, INS/OUTS with REP and both directions. Only
// ports nothing decodes on any of the three machines are used (reads give all-ones, writes
// vanish), so the comparison is about the CPU's side: sizes, DX, ESI/EDI/ECX and DF.
import { DATA_SIZE, Gen, SCRATCH, hex, type Insn } from "./gen-context.ts";

/** Ports that read all-ones and ignore writes on QEMU, v86 and our machine (checked). */
const FREE_IMMEDIATE_PORTS = [0xe0, 0xe4] as const;
const FREE_DX_PORTS = [0x2a0, 0x3e0, 0x6f0] as const;

const NO_FLAGS = { reads: 0, defines: 0, undefines: 0 };

export function portIo(g: Gen): Insn {
  const rng = g.rng;
  const sfx = rng.pick(["b", "w", "l"] as const);
  const acc = sfx === "b" ? "%al" : sfx === "w" ? "%ax" : "%eax";
  // DX holds the port; the upper half of EDX must not matter.
  const loadDx = `movl $${hex((rng.u32() & 0xffff0000) | rng.pick(FREE_DX_PORTS))}, %edx`;
  switch (rng.int(0, 3)) {
    case 0:
      return { lines: [rng.chance(0.5) ? `in${sfx} $${hex(rng.pick(FREE_IMMEDIATE_PORTS))}, ${acc}` : `out${sfx} ${acc}, $${hex(rng.pick(FREE_IMMEDIATE_PORTS))}`], ...NO_FLAGS };
    case 1:
      return { lines: [loadDx, rng.chance(0.5) ? `in${sfx} %dx, ${acc}` : `out${sfx} ${acc}, %dx`], ...NO_FLAGS };
    default: {
      const op = rng.pick(["ins", "outs"] as const);
      const count = rng.pick([0, 1, 2, rng.int(3, 8)]);
      const lines = [
        rng.chance(0.5) ? "cld" : "std",
        loadDx,
        `movl $${hex(SCRATCH + rng.int(40, DATA_SIZE - 4))}, %${op === "ins" ? "edi" : "esi"}`,
        `movl $${count}, %ecx`,
        `${rng.chance(0.7) ? "rep " : ""}${op}${sfx}`,
      ];
      return { lines, ...NO_FLAGS };
    }
  }
}
