// Gives every name a KBC module defines (functions, globals) a prefix, so several programs
// can be linked into one image: each keeps its own `main`, globals and string literals.
// Names the module only declares (externs: the runtime) are left alone.
import type { Insn, KbcModule } from "../../kbc/types.ts";

export function renameModule(module: KbcModule, prefix: string): KbcModule {
  const own = new Set([...module.functions.map((f) => f.name), ...module.globals.map((g) => g.name)]);
  const rename = (name: string): string => (own.has(name) ? prefix + name : name);
  const renameInsn = (insn: Insn): Insn => {
    switch (insn.op) {
      case "call":
      case "func.addr":
      case "global.addr":
      case "percpu.addr":
        return { ...insn, name: rename(insn.name) };
      default:
        return insn;
    }
  };
  return {
    ...module,
    functions: module.functions.map((f) => ({ ...f, name: rename(f.name), body: f.body.map(renameInsn) })),
    globals: module.globals.map((g) => ({ ...g, name: rename(g.name), relocs: g.relocs.map((r) => ({ ...r, symbol: rename(r.symbol) })) })),
  };
}
