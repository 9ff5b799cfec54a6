// The `damselfly` command: boots a machine in the terminal with QEMU's vocabulary of flags.
//
// The machine (machine/) is assembled here once its CPU and platform exist; until then the
// command says plainly what is missing and exits non-zero.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

export async function main(argv: string[]): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write("usage: damselfly -kernel FILE [-smp N] [-m MB] [-append TEXT] [-initrd A,B]\n");
    return 0;
  }
  const here = path.dirname(fileURLToPath(import.meta.url));
  const machine = path.resolve(here, "..", "..", "machine", "machine.ts");
  if (!existsSync(machine)) {
    process.stderr.write("damselfly: the emulated machine is not built yet (machine/machine.ts: CPU and platform); nothing to boot.\n");
    return 2;
  }
  process.stderr.write("damselfly: machine present but the terminal front end is not wired yet.\n");
  return 2;
}
