// Control flow and the rest: Jcc (short and near), LOOP/LOOPE/LOOPNE/JECXZ, the BCD adjusts
// (DAA/DAS/AAA/AAS/AAM/AAD), and instructions that raise exceptions or software interrupts
// (UD2, LEA with a register operand, BOUND, INTO, INT3, INT n, AAM 0).
import { AF, CF, CONDITIONS, OF, PF, SF, STATUS, ZF } from "./flags.ts";
import { DATA_SIZE, Gen, SCRATCH, STACK_LIMIT, hex, type Insn } from "./gen-context.ts";

export function branch(g: Gen): Insn {
  const rng = g.rng;
  const skip = g.label();
  if (rng.chance(0.6)) {
    const { cc, reads } = rng.pick(CONDITIONS);
    // A taken branch skips the NOT; ".d32" forces the near (0F 8x) encoding.
    const near = rng.chance(0.4) ? ".d32" : "";
    return { lines: [`j${cc}${near} ${skip}`, `notl ${g.reg(32)}`, `${skip}:`], reads, defines: 0, undefines: 0 };
  }
  const top = g.label();
  const counter = g.reg(32, ["ecx"]);
  const kind = rng.pick(["loop", "loope", "loopne", "jecxz", "jcxz"] as const);
  if (kind === "jecxz" || kind === "jcxz") {
    // JCXZ (0x67 prefix) tests CX only: the upper half of ECX must not matter.
    const n = rng.pick([0, 1, rng.u32(), rng.u32() & 0xffff0000]);
    return { lines: [`movl $${hex(n)}, %ecx`, `${kind} ${skip}`, `notl ${counter}`, `${skip}:`], reads: 0, defines: 0, undefines: 0 };
  }
  // The body sets ZF (and every status flag) from a compare, so LOOPE/LOOPNE read defined flags.
  // ECX = 0 would mean 2^32 iterations.
  const n = rng.pick([1, 2, rng.int(3, 6)]);
  const limit = rng.int(0, 8);
  // With a 0x67 prefix LOOP counts in CX; upper ECX bits set must survive untouched.
  const addr16 = rng.chance(0.3);
  const ecx = addr16 ? (rng.u32() & 0xffff0000) | n : n;
  return {
    lines: [`movl $${hex(ecx)}, %ecx`, `${top}:`, `incl ${counter}`, `cmpl $${limit}, ${counter}`, `${addr16 ? "addr16 " : ""}${kind} ${top}`],
    reads: 0,
    defines: STATUS,
    undefines: 0,
  };
}

export function decimalAdjust(g: Gen): Insn {
  const rng = g.rng;
  const al = `movb $${hex(rng.u32() & 0xff)}, %al`;
  switch (rng.int(0, 3)) {
    case 0: // DAA/DAS: CF AF SF ZF PF defined, OF undefined.
      return { lines: [al, rng.pick(["daa", "das"])], reads: CF | AF, defines: CF | AF | SF | ZF | PF, undefines: OF };
    case 1: // AAA/AAS: AF CF defined, OF SF ZF PF undefined.
      return { lines: [al, rng.pick(["aaa", "aas"])], reads: AF, defines: AF | CF, undefines: OF | SF | ZF | PF };
    default: {
      // AAM/AAD: SF ZF PF defined, OF AF CF undefined. AAM 0 raises #DE.
      const op = rng.pick(["aam", "aad"] as const);
      const base = rng.chance(0.7) ? 10 : rng.int(0, 255);
      return {
        lines: [`movw $${hex(rng.u32() & 0xffff)}, %ax`, `${op} $${base}`],
        reads: 0,
        defines: SF | ZF | PF,
        undefines: OF | AF | CF,
        terminal: op === "aam" && base === 0,
      };
    }
  }
}

/** Exceptions that push an error code (SDM vol. 3, table 6-1). */
export const ERROR_CODE_VECTORS: ReadonlySet<number> = new Set([8, 10, 11, 12, 13, 14, 17]);

/** Instructions whose point is the exception they raise; the case ends with them. */
export function exception(g: Gen): Insn {
  const rng = g.rng;
  const none = { reads: 0, defines: 0, undefines: 0, terminal: true };
  switch (rng.int(0, 7)) {
    case 0: return { lines: ["ud2"], ...none };
    case 7: {
      // Segment loads that fault with a selector error code (SDM vol. 2, MOV; vol. 3, 6.13).
      const r = g.reg(32);
      const r16 = r.replace("%e", "%");
      const [selector, target] = rng.pick([
        [0x1230 | rng.int(0, 3), rng.pick(["%ds", "%es", "%fs", "%gs", "%ss"])], // beyond the GDT limit
        [rng.int(0, 3), "%ss"], // null into SS
        [0x08, rng.pick(["%ss"])], // code segment into SS
        [0x20 | rng.int(0, 3), "%ss"], // ring-3 data into SS at CPL 0
        [0x13, "%ss"], // RPL 3 into SS at CPL 0
      ] as const);
      const junk = rng.u32() & 0xffff0000;
      return { lines: [`movl $${hex(junk | selector)}, ${r}`, `movw ${r16}, ${target}`], ...none };
    }
    case 1: {
      const invalid = rng.pick([
        [`0x8d, ${hex(0xc0 | rng.int(0, 63))}`, "LEA with a register operand"],
        ["0xf0, 0x01, 0xc3", "LOCK on a register-only ADD"],
        ["0xf0, 0x90", "LOCK NOP"],
        ["0x8e, 0xc8", "MOV to CS"],
        [`0x62, ${hex(0xc0 | rng.int(0, 63))}`, "BOUND with a register operand"],
        [`0x0f, 0xb2, ${hex(0xc0 | rng.int(0, 63))}`, "LSS with a register operand"],
        ["0x0f, 0x0b", "UD2"],
      ] as const);
      return { lines: [`.byte ${invalid[0]}  /* ${invalid[1]}: #UD */`], ...none };
    }
    case 2: {
      // BOUND r32, m32&32: #BR (vector 5) when the index is outside [lower, upper].
      const mem = g.mem(8);
      const r = g.reg(32, mem.uses);
      return {
        lines: [...mem.setup, `movl $${hex(rng.int(-20, 20))}, ${hex(mem.address)}`, `movl $${hex(rng.int(-20, 20))}, ${hex(mem.address + 4)}`, `movl $${hex(rng.int(-30, 30))}, ${r}`, `bound ${r}, ${mem.text}`],
        ...none,
      };
    }
    case 3: return { lines: ["into"], ...none, reads: OF };
    case 4: return { lines: ["int3"], ...none };
    case 5: {
      // Not the vectors whose exceptions push an error code: INT n never pushes one, and the
      // image's handlers for those vectors expect it.
      let v = rng.int(0, 255);
      while (ERROR_CODE_VECTORS.has(v)) v = rng.int(0, 255);
      return { lines: [`int $${v}`], ...none };
    }
    default: return { lines: [`.byte 0xcd, 3  /* INT 3 in its two-byte form */`], ...none };
  }
}

/** Near indirect and far transfers: CALL/JMP through registers and memory, far CALL/JMP/RET, IRET. */
export function transfer(g: Gen): Insn {
  const rng = g.rng;
  const target = g.label();
  const after = g.label();
  const none = { reads: 0, defines: 0, undefines: 0 };
  // Pointers are stored at fixed scratch addresses (the data area's last 16 bytes).
  const slot = hex(SCRATCH + DATA_SIZE - 8);
  switch (rng.int(0, 6)) {
    case 0: {
      const r = g.reg(32);
      return { lines: [`movl $${target}, ${r}`, `jmp *${r}`, `notl ${g.reg(32)}`, `${target}:`], ...none };
    }
    case 1: {
      if (stackRoom(g) < 8) return { lines: ["nop"], ...none };
      const r = g.reg(32);
      return { lines: [`movl $${target}, ${r}`, `call *${r}`, `jmp ${after}`, `${target}: ret`, `${after}:`], ...none };
    }
    case 2:
      return { lines: [`movl $${target}, ${slot}`, `jmp *${slot}`, `notl ${g.reg(32)}`, `${target}:`], ...none };
    case 3:
      return { lines: [`ljmp $0x08, $${target}`, `notl ${g.reg(32)}`, `${target}:`], ...none };
    case 4: {
      if (stackRoom(g) < 16) return { lines: ["nop"], ...none };
      const ret = rng.chance(0.5) ? "lret" : "lret $4";
      const args = ret === "lret" ? [] : ["pushl $0x5a5a5a5a"];
      // The SDM lets a 32-bit push of CS leave the slot's upper half unwritten or zero it: the
      // callee clears it so the scratch checksum compares only what is defined.
      return { lines: [...args, `lcall $0x08, $${target}`, `jmp ${after}`, `${target}: movw $0, 6(%esp)`, ret, `${after}:`], ...none };
    }
    case 5: {
      // Far jump through a memory pointer (offset, then selector).
      return { lines: [`movl $${target}, ${slot}`, `movw $0x08, ${hex(SCRATCH + DATA_SIZE - 4)}`, `ljmp *${slot}`, `notl ${g.reg(32)}`, `${target}:`], ...none };
    }
    default: {
      // IRET to the same privilege level: pops EIP, CS and a chosen EFLAGS (status flags, DF).
      if (stackRoom(g) < 16) return { lines: ["nop"], ...none };
      const flags = (rng.u32() & (STATUS | 0x400)) | 2;
      return { lines: [`pushl $${hex(flags)}`, "pushl $0x08", `pushl $${target}`, "iret", `notl ${g.reg(32)}`, `${target}:`], reads: 0, defines: STATUS, undefines: 0 };
    }
  }
}

function stackRoom(g: Gen): number {
  return g.esp - STACK_LIMIT;
}
