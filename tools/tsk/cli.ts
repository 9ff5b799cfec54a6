// `tsk`: the KTS compiler's command line. Every failure the user can cause prints
// `file:line:col: error: message` lines and exits 1; a bad command line exits 2.
import { readFileSync, writeFileSync } from "node:fs";
import { compileKts } from "./front/compile.ts";
import { printModule } from "./kbc/print.ts";
import { parseModule } from "./kbc/parse.ts";
import { verifyModule } from "./kbc/verify.ts";
import { runModule } from "./interp/interp.ts";
import { runNode } from "./node/shim.ts";
import type { KbcModule } from "./kbc/types.ts";

const HELP = `usage: tsk [options] prog.ts [more.ts ...]
       tsk [options] prog.kbc          (a KBC text file, as --emit=kbc writes it)

  -o FILE          output file (default: prog.o, or prog.elf with --bare)
  --bare           build a standalone Multiboot image (bare runtime: putc, puts, put_i32,
                   put_u32, put_hex32 on COM1; main's i32 leaves through the debug-exit port)
  --profile=P      code profile for objects: kernel (default) or user
  --emit=kbc       print the KBC bytecode instead of building (to -o FILE if given)
  --emit=asm       print the x86 assembly instead of building (to -o FILE if given)
  --run-kbc        run main() in the KBC interpreter; prints the program's output
  --run-node       run the same source as JavaScript in Node (the shim)
  -h, --help       this text

Exit status of --run-kbc/--run-node: main's return value (low 8 bits); 70 on a trap.`;

interface Options {
  files: string[];
  output?: string;
  bare: boolean;
  profile: "kernel" | "user";
  emit?: "kbc" | "asm";
  run?: "kbc" | "node";
}

function parseArgs(argv: string[]): Options | string {
  const o: Options = { files: [], bare: false, profile: "kernel" };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "-o") { o.output = argv[++i]; if (!o.output) return "-o needs a file name"; }
    else if (a === "--bare") o.bare = true;
    else if (a === "--emit=kbc" || a === "--emit=asm") o.emit = a.slice(7) as "kbc" | "asm";
    else if (a === "--run-kbc") o.run = "kbc";
    else if (a === "--run-node") o.run = "node";
    else if (a === "--profile=kernel" || a === "--profile=user") o.profile = a.slice(10) as "kernel" | "user";
    else if (a.startsWith("-")) return `unknown option ${a}`;
    else o.files.push(a);
  }
  if (!o.files.length) return "no input file";
  return o;
}

function compileOrReport(files: string[]): KbcModule | undefined {
  const r = compileKts({ roots: files });
  for (const e of r.errors) process.stderr.write(e.format() + "\n");
  return r.errors.length ? undefined : r.module;
}

/** The backend is loaded on demand so --emit=kbc and --run-kbc work without it. */
async function generate(module: KbcModule, profile: "bare" | "kernel" | "user"): Promise<string> {
  const { generateAsm } = await import("./x86/index.ts");
  return generateAsm(module, { profile });
}

export async function main(argv: string[]): Promise<number> {
  if (argv.includes("-h") || argv.includes("--help")) { process.stdout.write(HELP + "\n"); return 0; }
  const o = parseArgs(argv);
  if (typeof o === "string") { process.stderr.write(`tsk: ${o}\n${HELP}\n`); return 2; }

  if (o.run === "node") {
    const r = await runNode(o.files[0]!);
    process.stdout.write(r.output);
    if (r.error) { process.stderr.write(`tsk --run-node: ${r.error}\n`); return 70; }
    return Number(BigInt.asUintN(8, BigInt(r.exitValue ?? 0)));
  }

  let module: KbcModule | undefined;
  if (o.files.length === 1 && o.files[0]!.endsWith(".kbc")) {
    // A KBC text file (what --emit=kbc writes): parsed and verified instead of compiled.
    try {
      module = parseModule(readFileSync(o.files[0]!, "utf8"), o.files[0]);
      verifyModule(module);
    } catch (e) {
      process.stderr.write(`${(e as Error).message.startsWith(o.files[0]!) ? "" : `${o.files[0]}: `}error: ${(e as Error).message}\n`);
      return 1;
    }
  } else {
    module = compileOrReport(o.files);
  }
  if (!module) return 1;
  const emitText = (text: string): number => {
    if (o.output) writeFileSync(o.output, text);
    else process.stdout.write(text);
    return 0;
  };
  if (o.emit === "kbc") return emitText(printModule(module));
  if (o.run === "kbc") {
    const r = runModule(module);
    process.stdout.write(r.output);
    if (r.trap) {
      const where = r.trap.where ? ` (in ${r.trap.where}${r.trap.line ? `, line ${r.trap.line}` : ""})` : "";
      process.stderr.write(`trap: ${r.trap.reason}${where}\n`);
      return 70;
    }
    return Number(BigInt.asUintN(8, BigInt(r.exitValue ?? 0)));
  }
  try {
    const asm = await generate(module, o.bare ? "bare" : o.profile);
    if (o.emit === "asm") return emitText(asm);
    const base = o.files[0]!.replace(/\.ts$/, "");
    if (o.bare) {
      const entry = module.functions.find((f) => f.name === "main");
      if (!entry || entry.params.length !== 0 || (entry.result !== "i32" && entry.result !== "u32")) {
        process.stderr.write(`${entry?.source ? `${entry.source}:1` : `${o.files[0]}:1:1`}: error: a --bare program needs \`export function main(): i32\` (its value leaves through the debug-exit port)\n`);
        return 1;
      }
      const { buildBareImage } = await import("./runtime/bare-image.ts");
      writeFileSync(o.output ?? `${base}.elf`, buildBareImage([{ name: base.split("/").pop() + ".s", text: asm }]));
      return 0;
    }
    const { assemble } = await import("../asm/index.ts");
    writeFileSync(o.output ?? `${base}.o`, assemble(asm, { filename: `${base}.s` }));
    return 0;
  } catch (e) {
    process.stderr.write(`tsk: ${(e as Error).message}\n`);
    return 1;
  }
}
