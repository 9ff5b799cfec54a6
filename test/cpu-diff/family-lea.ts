// LEA with every addressing form: 32-bit (no base, any base incl. ESP/EBP, any index but ESP,
// scales 1/2/4/8, no/8-bit/32-bit displacement) and 16-bit (the eight BX/BP/SI/DI forms and
// disp16), into 16- and 32-bit destinations. LEA reads no memory, so all registers stay random.
import { Gen, hex, type Insn } from "./gen-context.ts";

const BASES = ["eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"] as const;
const INDEXES = ["eax", "ecx", "edx", "ebx", "ebp", "esi", "edi"] as const;
const FORMS16 = ["%bx,%si", "%bx,%di", "%bp,%si", "%bp,%di", "%si", "%di", "%bp", "%bx"] as const;

function displacement(g: Gen, wide: boolean): string {
  const rng = g.rng;
  switch (rng.int(0, 2)) {
    case 0: return "";
    case 1: return String(rng.int(-128, 127));
    default: return wide ? hex(rng.u32()) : String(rng.int(-0x8000, 0x7fff));
  }
}

export function lea(g: Gen): Insn {
  const rng = g.rng;
  const size = rng.pick([16, 32] as const);
  const dst = g.reg(size);
  const m = size === 16 ? "leaw" : "leal";
  let operand: string;
  if (rng.chance(0.3)) {
    const form = rng.pick(FORMS16);
    const disp = displacement(g, false);
    operand = rng.chance(0.1) ? "" : `${disp}(${form})`;
    if (operand === "") {
      // disp16 alone (mod 00, r/m 110) needs an explicit address-size prefix.
      return { lines: [`addr16 ${m} ${rng.int(0, 0xffff)}, ${dst}`], reads: 0, defines: 0, undefines: 0 };
    }
  } else {
    const base = rng.chance(0.85) ? `%${rng.pick(BASES)}` : "";
    const index = rng.chance(0.5) ? `,%${rng.pick(INDEXES)},${rng.pick([1, 2, 4, 8])}` : "";
    const disp = displacement(g, true);
    if (base === "" && index === "") operand = disp === "" ? hex(rng.u32()) : disp;
    else operand = `${disp}(${base}${index})`;
  }
  return { lines: [`${m} ${operand}, ${dst}`], reads: 0, defines: 0, undefines: 0 };
}
