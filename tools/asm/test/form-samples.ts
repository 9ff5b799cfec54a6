// One instruction per (table row, operand variant, code size): register, memory in the code
// size's addressing, memory in the other addressing (address-size prefix), with and without
// the suffix — a walk over all of isa-table.ts for differential testing against GNU as.

import { allMnemonics, formsFor } from "../isa-table.ts";

const REGS: Record<number, string[]> = { 8: ["%cl", "%bh", "%al"], 16: ["%dx", "%si", "%ax"], 32: ["%ecx", "%edi", "%eax"] };
const MEM16 = ["(%bx,%si)", "4(%bp)", "0x1234"];
const MEM32 = ["(%eax)", "8(%esp,%ebx,4)", "sym"];
const FIXED: Record<string, string> = {
  simm8: "$-3", imm1: "$1", imm3: "$3", imm8: "$0x12", imm16: "$0x1234",
  cl: "%cl", dx: "%dx", sreg: "%fs", creg: "%cr3", dreg: "%dr7", st0: "%st", sti: "%st(3)",
};

export function formSamples(): string {
  const lines = ["\t.text", "start:"];
  for (const code16 of [false, true]) {
    lines.push(code16 ? "\t.code16" : "\t.code32");
    for (const name of allMnemonics()) {
      for (const form of formsFor(name) ?? []) {
        for (let variant = 0; variant < 3; variant++) {
          const ops = form.kinds.map((k, i) => {
            const mem = variant === 2 ? (code16 ? MEM32 : MEM16)[i % 3] : (code16 ? MEM16 : MEM32)[(i + variant) % 3];
            const m = /^(\*?)(r|rm|acc|imm|R)(8|16|32)$/.exec(k);
            if (m !== null) {
              const width = Number(m[3]);
              if (m[2] === "imm") return variant !== 0 ? "$0x7f" : "$sym";
              if (m[2] === "acc") return REGS[width][2];
              if (m[2] === "rm" && variant !== 0) return m[1] + mem;
              return m[1] + REGS[width][variant % 2];
            }
            if (k === "m" || k === "moffs") return mem;
            if (k === "*m") return "*" + mem;
            return FIXED[k] ?? "%" + k;
          });
          const suffix = form.size === 8 ? "b" : form.size === 16 ? "w" : form.size === 32 ? "l" : "";
          lines.push(`\t${name} ${ops.join(", ")}`);
          if (suffix !== "" && !name.endsWith(suffix)) lines.push(`\t${name}${suffix} ${ops.join(", ")}`);
        }
      }
    }
  }
  lines.push("\t.data", "sym: .long 0");
  return lines.join("\n") + "\n";
}
