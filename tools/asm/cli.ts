// `tsk-as`: the command line, shaped like GNU as: `tsk-as --32 in.S -o out.o`.

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { AsmError, assemble } from "./index.ts";

const USAGE = `usage: tsk-as [--32] [-g] [-I dir] [-o out.o] [file.S ...]
Assembles GNU as (AT&T syntax) 32-bit x86 source into an ELF32 relocatable object.
  --32        32-bit x86 (the only target; accepted for GNU as compatibility)
  -g          DWARF line information for the assembly source (like GNU as -g)
  -I DIR      also look for .include files in DIR (after the current directory)
  -o FILE     write the object to FILE (default a.out)
  --help      this text;  --version  what it is
Reads standard input when no file is given. .S files are not run through cpp.`;

export async function main(argv: string[]): Promise<number> {
  let output = "a.out";
  let debug = false;
  const includeDirs: string[] = [];
  const inputs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--help" || a === "-h") {
      process.stdout.write(USAGE + "\n");
      return 0;
    }
    if (a === "--version") {
      process.stdout.write("tsk-as: the Damselfly x86 assembler, producing what GNU as 2.40 --32 produces\n");
      return 0;
    } else if (a === "--32") continue;
    else if (a === "-g" || a === "--gen-debug") debug = true;
    else if (a === "-I") {
      if (i + 1 >= argv.length) return usageError("-I needs a directory");
      includeDirs.push(argv[++i]);
    } else if (a.startsWith("-I")) includeDirs.push(a.slice(2));
    else if (a === "-o") {
      if (i + 1 >= argv.length) return usageError("-o needs a file name");
      output = argv[++i];
    } else if (a.startsWith("-o") && a.length > 2) output = a.slice(2);
    else if (a === "-" ) inputs.push("-");
    else if (a.startsWith("-")) return usageError(`unknown option '${a}'`);
    else inputs.push(a);
  }
  // GNU as assembles several inputs as one concatenated source.
  let source = "";
  let name = inputs.length === 0 ? "{standard input}" : inputs[0];
  try {
    if (inputs.length === 0) inputs.push("-");
    for (const file of inputs) source += readFileSync(file === "-" ? 0 : file, "utf8");
    if (inputs.length > 1) name = inputs.join("+");
  } catch (e) {
    process.stderr.write(`tsk-as: cannot read input: ${(e as Error).message}\n`);
    return 1;
  }
  try {
    // Like GNU as: the name itself, or with -I "./name" and then "dir/name" for each directory
    // (the path found is what line information records).
    const include = (file: string): { path: string; text: string } | undefined => {
      const candidates = path.isAbsolute(file) || includeDirs.length === 0 ? [file] : [".", ...includeDirs].map((d) => `${d}/${file}`);
      for (const candidate of candidates) {
        if (existsSync(candidate)) return { path: candidate, text: readFileSync(candidate, "utf8") };
      }
      return undefined;
    };
    writeFileSync(output, assemble(source, { filename: name, debug, include }));
  } catch (e) {
    if (e instanceof AsmError) {
      process.stderr.write(e.message + "\n");
      return 1;
    }
    process.stderr.write(`tsk-as: cannot write ${output}: ${(e as Error).message}\n`);
    return 1;
  }
  return 0;
}

function usageError(message: string): number {
  process.stderr.write(`tsk-as: ${message}\n${USAGE}\n`);
  return 1;
}
