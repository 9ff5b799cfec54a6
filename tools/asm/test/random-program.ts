// Random but deterministic instruction streams for differential testing against GNU as:
// every instruction family at every size, register and memory operands (16- and 32-bit
// addressing, with and without address-size prefixes), immediates at the imm8/imm32
// boundaries, forward and backward branches, `.code16`/`.code32` switches and alignment.

import { CONDITIONS } from "../isa-table.ts";

const REGS: Record<8 | 16 | 32, string[]> = {
  8: ["%al", "%cl", "%dl", "%bl", "%ah", "%ch", "%dh", "%bh"],
  16: ["%ax", "%cx", "%dx", "%bx", "%sp", "%bp", "%si", "%di"],
  32: ["%eax", "%ecx", "%edx", "%ebx", "%esp", "%ebp", "%esi", "%edi"],
};
const MEM32 = ["(%eax)", "4(%ebx)", "-4(%ebp)", "0x100(%esi,%edi,2)", "(,%ecx,8)", "sym", "sym+8(%eax)", "%es:(%edi)", "%fs:0x10", "(%esp)", "0(%ebp)", "fwd-start(%ebx)", "127(%ecx)", "-129(%edx)"];
const MEM16 = ["(%bx)", "(%si)", "(%di)", "2(%bp)", "(%bx,%si)", "4(%bp,%di)", "0x1234", "sym", "-3(%bx,%di)", "(%bp)", "0x80(%si)"];
const IMMS = ["$1", "$0", "$-1", "$127", "$128", "$-128", "$255", "$0x7fff", "$sym", "$(fwd-start)", "$3", "$0x12345678"];
const LABELS = ["1b", "1f", "2f", "3b", "fwd", "start", "ext", "start+2"];

/** [mnemonic, operand pattern]; pattern letters are expanded by `operand` below. */
function families(): [string, string][] {
  const f: [string, string][] = [];
  const each = (names: string[], forms: string[]): void => names.forEach((m) => forms.forEach((x) => f.push([m, x])));
  each(["add", "or", "adc", "sbb", "and", "sub", "xor", "cmp", "mov", "test"], ["r,r", "r,m", "m,r", "i,r", "i,m"]);
  each(["rol", "ror", "rcl", "rcr", "shl", "shr", "sal", "sar"], ["r", "m", "1,r", "cl,r", "i8,r", "i8,m", "cl,m"]);
  each(["not", "neg", "mul", "imul", "div", "idiv", "inc", "dec", "push", "pop"], ["r", "m"]);
  each(["imul"], ["r,r", "m,r", "i,r,r", "i,m,r", "i,r"]);
  each(["bt", "bts", "btr", "btc"], ["r,r", "r,m", "i8,r", "i8,m"]);
  each(["bsf", "bsr", "lea", "xchg", "xadd", "cmpxchg"], ["r,r", "m,r", "r,m"]);
  for (const c of CONDITIONS.flat()) f.push(["set" + c, "r8"], ["cmov" + c, "r,r"], ["j" + c, "lbl"]);
  each(["jmp", "call"], ["lbl", "*r", "*m"]);
  each(["movzb", "movsb"], ["r8,r"]);
  each(["pushf", "popf", "pusha", "popa", "iret", "ret", "lret", "leave", "cbtw", "cwtl", "cltd", "cwtd", "nop", "hlt", "cpuid", "movs", "stos", "lods", "cmps", "scas"], [""]);
  each(["lgdt", "lidt", "sgdt", "sidt", "invlpg"], ["m"]);
  each(["ljmp", "lcall"], ["*m", "far"]);
  f.push(["in", "i8,a"], ["out", "a,i8"], ["in", "dx,a"], ["out", "a,dx"]);
  f.push(["mov", "s,r"], ["mov", "r,s"], ["mov", "s,m"], ["push", "s"], ["pop", "s"]);
  f.push(["mov", "cr,r"], ["mov", "r,cr"], ["loop", "lbl"], ["jecxz", "lbl"], ["jcxz", "lbl"]);
  return f;
}

/** A program of about `count` instructions. Some lines are invalid on purpose (a suffix the
 * operands contradict, say); the caller drops the lines GNU as rejects or warns about. */
export function randomProgram(seed: number, count: number): string {
  let state = seed;
  const rnd = (n: number): number => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state % n;
  };
  const pick = <T>(a: T[]): T => a[rnd(a.length)];
  const all = families();
  const lines = ["\t.text", "start:"];
  let code16 = false;
  for (let i = 0; i < count; i++) {
    if (rnd(40) === 0) {
      code16 = !code16;
      lines.push(code16 ? "\t.code16" : "\t.code32");
    }
    if (rnd(30) === 0) lines.push(`${rnd(3) + 1}:`);
    if (rnd(60) === 0) lines.push(`\t.p2align ${rnd(4)}`);
    const [m, form] = pick(all);
    const size = pick([8, 16, 32, 16, 32] as const);
    const noByte = form === "" || /^(set|j|loop|lea)/.test(m);
    const suffix = pick(["", "b", "w", "l"].filter((s) => s !== "b" || (!noByte && size === 8)));
    const width = suffix === "b" ? 8 : suffix === "w" ? 16 : suffix === "l" ? 32 : size;
    const mem = (): string => ((rnd(3) === 0) === code16 ? pick(MEM32) : pick(MEM16));
    const operand = (k: string): string => {
      switch (k) {
        case "r": return pick(REGS[width]);
        case "r8": return pick(REGS[8]);
        case "m": return mem();
        case "*m": return "*" + mem();
        case "*r": return "*" + pick(REGS[code16 ? 16 : 32]);
        case "i": return pick(IMMS);
        case "i8": return pick(["$1", "$7", "$0x80", "$31"]);
        case "1": return "$1";
        case "cl": return "%cl";
        case "a": return REGS[width][0];
        case "dx": return "%dx";
        case "s": return pick(["%ds", "%es", "%fs", "%gs", "%ss"]);
        case "cr": return pick(["%cr0", "%cr3", "%cr4"]);
        case "lbl": return pick(LABELS);
        case "far": return pick(["$0x08, $start", "$0x10, $0x1234", "$8, $fwd"]);
      }
      throw new Error(`random-program: unknown operand pattern ${k}`);
    };
    const ops = form === "" ? [] : form.split(",").map(operand);
    lines.push(`\t${m}${suffix} ${ops.join(", ")}`);
  }
  lines.push("1: 2: 3:", "fwd:\tret", "\t.data", "sym: .long 0");
  return lines.join("\n") + "\n";
}
