// `tsk-ld`: the command line, with GNU ld's spelling where the options overlap.
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { LinkError } from "./errors.ts";
import { link, type LinkOptions } from "./link.ts";
import { presetScript } from "./presets.ts";

const USAGE = `Usage: tsk-ld [options] file.o...
Links ELF32 i386 relocatable objects into a static executable.

  -o FILE                 write the executable to FILE (default a.out)
  -T SCRIPT, --script=SCRIPT
                          lay out sections with a GNU ld linker script
  --kernel                built-in layout: Multiboot v1 kernel loaded at 1 MiB
  --user                  built-in layout: static user program at 0x08048000 (default)
  --print-preset=NAME     print the built-in layout "kernel" or "user" as a linker script
  -e SYM, --entry=SYM     entry point symbol or address (default: ENTRY() or _start)
  -Ttext ADDR, -Tdata ADDR, -Tbss ADDR, --section-start=SECTION=ADDR
                          fix the address of an output section
  --defsym SYM=EXPR       define a symbol (EXPR as in a linker script)
  -Map FILE, --Map=FILE   write a link map; -M, --print-map: print it
  --orphan-handling=place|warn|error|discard
                          what to do with input sections the script does not place
  --no-warn-rwx-segments  no warning for a writable and executable segment
  -m elf_i386             emulation (the only one supported)
  -n, --nmagic            do not page-align segments in the file
  -N, --omagic            like -n, and make text writable
  -z separate-code | -z noseparate-code
                          keep code and data in different segments (default: yes)
  -L DIR, -lNAME          search DIR for libNAME.a (static archives; members are
                          linked only when they define a still-undefined symbol)
  --start-group ... --end-group, -( ... -)
                          search the archives in between repeatedly (cyclic libraries)
  -s, --strip-all         omit the symbol table
  -S, --strip-debug       omit debugging sections (.debug_*)
  -static, -nostdlib      accepted for compatibility (links are always static)
  --help, --version
`;

interface Parsed {
  /** Input files in order; `-l` entries are resolved against `libraryDirs` afterwards. */
  inputs: { path: string; library?: string; group?: number }[];
  libraryDirs: string[];
  output: string;
  mapFile?: string;
  scriptFile?: string;
  options: LinkOptions;
  printPreset?: string;
  printMap?: boolean;
}

class UsageError extends Error {}

/** Addresses on GNU ld's command line are hexadecimal, with or without 0x. */
function parseAddress(text: string, what: string): number {
  const t = text.trim().replace(/^0[xX]/, "");
  if (!/^[0-9a-fA-F]+$/.test(t) || parseInt(t, 16) > 0xffffffff) throw new UsageError(`${what}: '${text}' is not a hexadecimal address`);
  return parseInt(t, 16);
}

function parseArgs(argv: string[]): Parsed {
  const p: Parsed = { inputs: [], libraryDirs: [], output: "a.out", options: {} };
  const starts: Record<string, number> = {};
  let group: number | undefined;
  let groups = 0;
  const defsym: Record<string, number | string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (name: string): string => {
      const eq = a.indexOf("=");
      if (eq > 0 && a.startsWith(name + "=")) return a.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`option ${name} needs an argument`);
      return v;
    };
    const is = (...names: string[]): boolean => names.some((n) => a === n || a.startsWith(n + "="));
    if (a === "--help" || a === "-h") { p.printPreset = "help"; }
    else if (a === "--version" || a === "-v") { p.printPreset = "version"; }
    else if (a === "-o") p.output = value("-o");
    else if (a.startsWith("-o") && a.length > 2 && !a.startsWith("--")) p.output = a.slice(2);
    else if (is("--output")) p.output = value("--output");
    else if (a === "-T" || is("--script")) p.scriptFile = value(a === "-T" ? "-T" : "--script");
    else if (/^-T(text|data|bss)(=|$)/.test(a)) {
      const which = /^-T(text|data|bss)/.exec(a)![1]!;
      starts[`.${which}`] = parseAddress(value(`-T${which}`), `-T${which}`);
    }
    else if (a.startsWith("-T") && a.length > 2) p.scriptFile = a.slice(2);
    else if (is("--section-start")) {
      const v = value("--section-start");
      const eq = v.lastIndexOf("=");
      if (eq <= 0) throw new UsageError(`--section-start needs SECTION=ADDRESS, got '${v}'`);
      starts[v.slice(0, eq)] = parseAddress(v.slice(eq + 1), "--section-start");
    }
    else if (a === "-e" || is("--entry")) p.options.entry = value(a === "-e" ? "-e" : "--entry");
    else if (a.startsWith("-e") && a.length > 2) p.options.entry = a.slice(2);
    else if (is("--defsym")) {
      const v = value("--defsym");
      const eq = v.indexOf("=");
      if (eq <= 0) throw new UsageError(`--defsym needs SYMBOL=VALUE, got '${v}'`);
      // Like GNU ld, the value is an expression (numbers, symbols, operators).
      defsym[v.slice(0, eq)] = v.slice(eq + 1);
    }
    else if (a === "-Map" || is("--Map") || a.startsWith("-Map=")) p.mapFile = value(a.startsWith("--") ? "--Map" : "-Map");
    else if (a === "-m") { const em = value("-m"); if (em !== "elf_i386") throw new UsageError(`unrecognised emulation mode: ${em} (only elf_i386 is supported)`); }
    else if (a.startsWith("-m") && a.length > 2) { if (a.slice(2) !== "elf_i386") throw new UsageError(`unrecognised emulation mode: ${a.slice(2)} (only elf_i386 is supported)`); }
    else if (a === "--kernel") p.options.preset = "kernel";
    else if (a === "--user") p.options.preset = "user";
    else if (is("--print-preset")) p.printPreset = `preset:${value("--print-preset")}`;
    else if (a === "-n" || a === "--nmagic") p.options.nmagic = true;
    else if (a === "-N" || a === "--omagic") p.options.omagic = true;
    else if (a === "-s" || a === "--strip-all") p.options.stripAll = true;
    else if (a === "-S" || a === "--strip-debug") p.options.stripDebug = true;
    else if (a === "-M" || a === "--print-map") p.printMap = true;
    else if (a === "--no-warn-rwx-segments") p.options.noWarnRwxSegments = true;
    else if (a === "--warn-rwx-segments") p.options.noWarnRwxSegments = false;
    else if (is("--orphan-handling")) {
      const how = value("--orphan-handling");
      if (how !== "place" && how !== "warn" && how !== "error" && how !== "discard") throw new UsageError(`--orphan-handling takes place, warn, error or discard, not '${how}'`);
      p.options.orphanHandling = how;
    }
    else if (a === "-z") {
      const kw = value("-z");
      if (kw === "separate-code") p.options.separateCode = true;
      else if (kw === "noseparate-code") p.options.separateCode = false;
      else if (!["noexecstack", "execstack", "norelro", "max-page-size=4096", "max-page-size=0x1000"].includes(kw)) throw new UsageError(`-z ${kw} is not supported`);
    }
    else if (["-static", "-Bstatic", "-nostdlib", "--no-dynamic-linker", "--build-id=none", "--no-relax", "-g"].includes(a)) { /* accepted: always true here */ }
    else if (a === "-L" || (a.startsWith("-L") && a.length > 2)) p.libraryDirs.push(a === "-L" ? value("-L") : a.slice(2));
    else if (a === "-l" || (a.startsWith("-l") && a.length > 2)) p.inputs.push({ path: "", library: a === "-l" ? value("-l") : a.slice(2), group });
    else if (a === "--start-group" || a === "-(") {
      if (group !== undefined) throw new UsageError("nested --start-group");
      group = ++groups;
    }
    else if (a === "--end-group" || a === "-)") {
      if (group === undefined) throw new UsageError("--end-group without --start-group");
      group = undefined;
    }
    else if (a.startsWith("-")) throw new UsageError(`unrecognized option '${a}'`);
    else p.inputs.push({ path: a, group });
  }
  if (Object.keys(starts).length > 0) p.options.sectionStarts = starts;
  if (Object.keys(defsym).length > 0) p.options.defsym = defsym;
  return p;
}

export async function main(argv: string[]): Promise<number> {
  let p: Parsed;
  try {
    p = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) { process.stderr.write(`tsk-ld: ${e.message}\n${"Try `tsk-ld --help' for more information.\n"}`); return 2; }
    throw e;
  }
  if (p.printPreset === "help") { process.stdout.write(USAGE); return 0; }
  if (p.printPreset === "version") { process.stdout.write("tsk-ld (Damselfly) 0.1 — ELF32 i386 linker\n"); return 0; }
  if (p.printPreset?.startsWith("preset:")) {
    const name = p.printPreset.slice(7);
    if (name !== "kernel" && name !== "user") { process.stderr.write(`tsk-ld: unknown preset '${name}' (kernel or user)\n`); return 2; }
    process.stdout.write(presetScript(name));
    return 0;
  }
  if (p.inputs.length === 0) { process.stderr.write("tsk-ld: no input files\n"); return 1; }
  try {
    const objects = p.inputs.map((input) => {
      const name = input.library === undefined ? input.path : findLibrary(input.library, p.libraryDirs);
      return { name, data: readInput(name), group: input.group };
    });
    if (p.scriptFile !== undefined) {
      p.options.script = readInput(p.scriptFile, "cannot open linker script file").toString();
      p.options.scriptName = p.scriptFile;
    }
    p.options.outputName = p.output;
    const result = link(objects, p.options);
    for (const w of result.warnings) process.stderr.write(`tsk-ld: ${w}\n`);
    writeOutput(p.output, result.image, "cannot open output file");
    chmodSync(p.output, 0o755);
    if (p.mapFile !== undefined) writeOutput(p.mapFile, result.map, "cannot open map file");
    if (p.printMap) process.stdout.write(result.map);
    return 0;
  } catch (e) {
    if (e instanceof LinkError) {
      for (const line of e.problems) process.stderr.write(`tsk-ld: ${line}\n`);
      return 1;
    }
    throw e;
  }
}

/** `-lfoo` finds libfoo.a in the -L directories (in order); `-l:name` finds that exact file. */
function findLibrary(lib: string, dirs: string[]): string {
  const file = lib.startsWith(":") ? lib.slice(1) : `lib${lib}.a`;
  for (const dir of dirs) {
    const candidate = `${dir.replace(/\/$/, "")}/${file}`;
    if (existsSync(candidate)) return candidate;
  }
  throw new LinkError(`cannot find -l${lib} (looked for ${file} in ${dirs.length > 0 ? dirs.join(", ") : "no -L directories"})`);
}

function errnoText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === "ENOENT" ? "No such file or directory" : code === "EISDIR" ? "Is a directory" : code === "EACCES" ? "Permission denied" : String(code);
}

function writeOutput(name: string, data: string | Uint8Array, what: string): void {
  try {
    writeFileSync(name, data);
  } catch (e) {
    throw new LinkError(`${what} ${name}: ${errnoText(e)}`);
  }
}

function readInput(name: string, what = "cannot find"): Buffer {
  try {
    return readFileSync(name);
  } catch (e) {
    throw new LinkError(`${what} ${name}: ${errnoText(e)}`);
  }
}
