// String instructions MOVS/STOS/LODS/CMPS/SCAS in byte/word/dword sizes, bare and with
// REP/REPE/REPNE, both directions (DF), counts 0..8, and 16-bit addressing (SI/DI/CX).
import { STATUS } from "./flags.ts";
import { DATA_SIZE, Gen, SCRATCH, hex, type Insn } from "./gen-context.ts";

export function stringOp(g: Gen): Insn {
  const rng = g.rng;
  const op = rng.pick(["movs", "stos", "lods", "cmps", "scas"] as const);
  const sfx = rng.pick(["b", "w", "l"] as const);
  const compares = op === "cmps" || op === "scas";
  const prefix = rng.pick(compares ? ["", "repe ", "repne "] : ["", "rep ", "rep ", "repne "]);
  const count = rng.pick([0, 1, 2, 3, rng.int(4, 8)]);
  const addr16 = rng.chance(0.2);
  // Start anywhere from 40 bytes in to the data area's end: 8 dwords backwards stay inside,
  // forwards may run across the page boundary into the bottom of the stack area.
  const src = SCRATCH + rng.int(40, DATA_SIZE - 4);
  const dst = SCRATCH + rng.int(40, DATA_SIZE - 4);
  const junk = () => (addr16 ? rng.u32() & 0xffff0000 : 0);
  const lines = [
    rng.chance(0.5) ? "cld" : "std",
    `movl $${hex(junk() | src)}, %esi`,
    `movl $${hex(junk() | dst)}, %edi`,
    `movl $${hex((addr16 ? rng.u32() & 0xffff0000 : 0) | count)}, %ecx`,
  ];
  if (compares && rng.chance(0.3)) lines.push(`movl $${hex(rng.u32() & 0xffff)}, %eax`);
  // A segment override applies to the DS:ESI operand only (ES:EDI cannot be overridden).
  if (op !== "stos" && op !== "scas" && rng.chance(0.2)) {
    const [byte, name] = rng.pick([["0x26", "ES"], ["0x2e", "CS"], ["0x36", "SS"], ["0x64", "FS"], ["0x65", "GS"]] as const);
    lines.push(`.byte ${byte}  /* ${name} override */`);
  }
  lines.push(`${addr16 ? "addr16 " : ""}${prefix}${op}${sfx}`);
  // With a REP prefix and ECX = 0 nothing executes and the flags are untouched.
  const executes = prefix === "" || count > 0;
  return { lines, reads: 0, defines: compares && executes ? STATUS : 0, undefines: 0 };
}
