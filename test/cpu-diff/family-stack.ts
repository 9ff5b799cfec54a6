// Stack instructions: PUSH/POP (registers, immediates, memory, ESP itself, ESP-relative POP
// destinations), PUSHA/POPA, PUSHF/POPF, ENTER/LEAVE and CALL/RET imm16, in 16- and 32-bit
// operand sizes. The generator tracks ESP so the stack never leaves the scratch area.
import { DF, STATUS } from "./flags.ts";
import { DATA_SIZE, Gen, SCRATCH, SCRATCH_SIZE, STACK_LIMIT, hex, type Insn } from "./gen-context.ts";

const NO_FLAGS = { reads: 0, defines: 0, undefines: 0 };

/** Room left to push, in bytes. */
function room(g: Gen): number {
  return g.esp - STACK_LIMIT;
}

/** Bytes that can be popped without leaving the scratch area. */
function depth(g: Gen): number {
  return SCRATCH_SIZE - g.esp;
}

export function stack(g: Gen): Insn {
  const rng = g.rng;
  const word = rng.chance(0.2) ? 2 : 4;
  const sfx = word === 2 ? "w" : "l";
  for (;;) {
    switch (rng.int(0, 11)) {
      case 0:
        if (room(g) < word) break;
        g.esp -= word;
        return { lines: [`push${sfx} ${rng.chance(0.2) ? (word === 2 ? "%sp" : "%esp") : g.reg(word === 2 ? 16 : 32)}`], ...NO_FLAGS };
      case 1:
        if (room(g) < word) break;
        g.esp -= word;
        return { lines: [`push${sfx} $${hex(g.imm(word === 2 ? 16 : 32))}`], ...NO_FLAGS };
      case 2: {
        if (room(g) < word) break;
        const mem = rng.chance(0.5) ? g.mem(word) : { setup: [], text: `${rng.int(0, Math.min(32, depth(g) - word))}(%esp)` };
        g.esp -= word;
        return { lines: [...mem.setup, `push${sfx} ${mem.text}`], ...NO_FLAGS };
      }
      case 3:
        if (depth(g) < word + 4) break;
        g.esp += word;
        return { lines: [`pop${sfx} ${g.reg(word === 2 ? 16 : 32)}`], ...NO_FLAGS };
      case 4: {
        if (depth(g) < word + 8) break;
        g.esp += word;
        // With ESP as the base, the address is computed after ESP is incremented (SDM POP).
        const mem = rng.chance(0.5) ? g.mem(word) : { setup: [], text: `${rng.int(0, Math.min(32, depth(g) - word))}(%esp)` };
        return { lines: [...mem.setup, `pop${sfx} ${mem.text}`], ...NO_FLAGS };
      }
      case 5:
        if (room(g) < 8 * word) break;
        g.esp -= 8 * word;
        return { lines: [word === 2 ? "pushaw" : "pushal"], ...NO_FLAGS };
      case 6:
        if (depth(g) < 8 * word + 4) break;
        g.esp += 8 * word;
        return { lines: [word === 2 ? "popaw" : "popal"], ...NO_FLAGS };
      case 7:
        if (room(g) < word) break;
        g.esp -= word;
        return { lines: [`pushf${sfx}`], reads: STATUS, defines: 0, undefines: 0 };
      case 8: {
        // POPF of a value with only status flags and DF: IF/TF stay clear so nothing interrupts.
        if (room(g) < 4) break;
        const value = (rng.u32() & (STATUS | DF)) | 2;
        return { lines: [`pushl $${hex(value)}`, "popfl"], reads: 0, defines: STATUS, undefines: 0 };
      }
      case 9: {
        const level = rng.int(0, 3);
        const size = rng.int(0, 24);
        const need = 4 + 4 * level + size;
        if (room(g) < need) break;
        const frame = rng.int(DATA_SIZE + 16, SCRATCH_SIZE - 4);
        g.esp -= need;
        return { lines: [`movl $${hex(SCRATCH + frame)}, %ebp`, `enter $${size}, $${level}`], ...NO_FLAGS };
      }
      case 10: {
        const frame = rng.int(STACK_LIMIT, SCRATCH_SIZE - 8);
        g.esp = frame + 4;
        return { lines: [`movl $${hex(SCRATCH + frame)}, %ebp`, "leave"], ...NO_FLAGS };
      }
      default: {
        // CALL then RET imm16 that drops two pushed arguments; CALL/POP reads EIP.
        if (room(g) < 16) break;
        const callee = g.label();
        const after = g.label();
        if (rng.chance(0.5)) {
          return { lines: ["pushl %eax", "pushl %ecx", `call ${callee}`, `jmp ${after}`, `${callee}: ret $8`, `${after}:`], ...NO_FLAGS };
        }
        // CALL pushes IP in a 16-bit code segment: pop the same width.
        const pop = g.codeSize === 16 ? `popw ${g.reg(16)}` : `popl ${g.reg(32)}`;
        return { lines: [`call ${callee}`, `${callee}: ${pop}`], ...NO_FLAGS };
      }
    }
  }
}
