// The linker's pipeline, in the order the work must happen: read objects, resolve symbols,
// allocate COMMON, assign input sections to output sections, lay out addresses, build the
// relocated contents, group sections into segments, write the file and the map.
import { PF_R, PF_W, PF_X, SHF_EXECINSTR } from "../elf/index.ts";
import { assignSections, type OrphanHandling } from "./assign.ts";
import { emitExecutable } from "./emit.ts";
import { LinkError } from "./errors.ts";
import { isArchive, readArchive } from "./archive.ts";
import { readObject, type InputObject, type InputSection } from "./input.ts";
import { layoutSections } from "./layout.ts";
import { writeMap } from "./mapfile.ts";
import { mergeSections } from "./merge.ts";
import { findMultibootHeader } from "./multiboot.ts";
import { isCode, isWritable, type OutputSection } from "./output-section.ts";
import { presetScript, type Preset } from "./presets.ts";
import { buildContents } from "./relocate.ts";
import type { Script } from "./script/ast.ts";
import { parseScript } from "./script/parser.ts";
import { headersSize, mapSegments, type SegmentOptions } from "./segments.ts";
import { definitionValue, SymbolTable } from "./symbols.ts";

export interface LinkOptions {
  /** Linker script text (`-T`). Without it the preset's built-in layout is used. */
  script?: string;
  /** Name of the script for messages (default "script.ld"). */
  scriptName?: string;
  /**
   * Built-in layout when there is no script: "kernel" (Multiboot at 1 MiB) or "user"
   * (default). "kernel" also makes a missing Multiboot header an error, script or not.
   */
  preset?: Preset;
  /** Entry symbol or address (`-e`); default: the script's ENTRY, else `_start`. */
  entry?: string;
  /** Fixed output section addresses (`-Ttext`, `-Tdata`, `-Tbss`, `--section-start`). */
  sectionStarts?: Record<string, number>;
  /** Symbols defined on the command line (`--defsym NAME=EXPR`): a number, or expression text. */
  defsym?: Record<string, number | string>;
  /** What to do with input sections the script does not place (`--orphan-handling`). */
  orphanHandling?: OrphanHandling;
  /** `-S`: leave out debugging sections (.debug_*). */
  stripDebug?: boolean;
  /** `--no-warn-rwx-segments`: no warning for a segment that is writable and executable. */
  noWarnRwxSegments?: boolean;
  /** `-n`: do not page-align segments in the file. `-N`: that, and writable text. */
  nmagic?: boolean;
  omagic?: boolean;
  /** `-z separate-code` (the default, as GNU ld on x86 Linux) / `-z noseparate-code`. */
  separateCode?: boolean;
  /** `-s`: leave out .symtab and .strtab. */
  stripAll?: boolean;
  /** Output file name, only used in the map file. */
  outputName?: string;
}

export interface LinkResult {
  image: Uint8Array;
  map: string;
  /** Non-fatal diagnostics (e.g. a missing entry symbol), one line each. */
  warnings: string[];
  /** The entry point written to e_entry. */
  entry: number;
}

/** One input file. Consecutive files with the same `group` number form a --start-group. */
export interface LinkInput {
  name: string;
  data: Uint8Array;
  group?: number;
}

const PAGE_SIZE = 0x1000;

/**
 * Link `objects` (ELF32 i386 relocatable objects, or `ar` archives of them, in command-line
 * order) into an executable. Throws LinkError for anything wrong with the input.
 */
export function link(objects: LinkInput[], options: LinkOptions = {}): LinkResult {
  if (objects.length === 0) throw new LinkError("no input files");
  const warnings: string[] = [];
  const symbols = new SymbolTable();
  const inputs = loadInputs(objects, symbols);
  symbols.checkDuplicates();
  for (const [name, value] of Object.entries(options.defsym ?? {})) {
    if (typeof value !== "number") continue;
    const g = symbols.intern(name);
    g.def = { kind: "abs", value: value >>> 0 };
    g.weak = false;
  }
  symbols.allocateCommons(inputs);

  const script = loadScript(options);
  if (options.stripDebug) {
    for (const obj of inputs) for (const s of obj.sections) if (s !== undefined && /^\.(z?debug|stab)/.test(s.name)) s.discarded = true;
  }
  const assigned = assignSections(inputs, script, options.orphanHandling ?? "place", warnings);
  mergeSections(assigned, inputs.flatMap((o) => o.sections.filter((s): s is InputSection => s !== undefined)));
  symbols.followMerges();

  const noteFlags = stackNoteFlags(inputs);
  const segmentOptions: SegmentOptions = {
    pageSize: PAGE_SIZE,
    separateCode: options.separateCode ?? true,
    paged: !(options.nmagic || options.omagic),
    writableText: options.omagic === true,
    loadHeaders: script.usesSizeofHeaders,
    stackFlags: noteFlags,
  };
  const layout = layoutSections(assigned, symbols, {
    sectionStarts: new Map(Object.entries(options.sectionStarts ?? {})),
    maxPageSize: PAGE_SIZE,
    sizeofHeaders: (outputs: OutputSection[]) => headersSize(mapSegments(outputs, segmentOptions), segmentOptions),
  });

  buildContents(layout.outputs, symbols, options.outputName ?? "a.out");
  const plan = mapSegments(layout.outputs, segmentOptions);
  if (!options.noWarnRwxSegments && plan.loads.some((seg) => seg.sections.some(isWritable) && seg.sections.some(isCode))) {
    warnings.push(`warning: ${options.outputName ?? "a.out"} has a LOAD segment with RWX permissions`);
  }
  const entry = resolveEntry(options.entry ?? script.entry ?? "_start", symbols, layout.outputs, warnings);

  const { image, symbols: outSymbols } = emitExecutable({
    outputs: layout.outputs, plan, segmentOptions, objects: inputs, symbols, entry, stripAll: options.stripAll === true,
  });

  if (options.preset === "kernel" && findMultibootHeader(image) === undefined) {
    throw new LinkError("no Multiboot header (magic 0x1BADB002 with a valid checksum) in the first 8192 bytes of the kernel image; put the header in a section named .multiboot");
  }

  const map = writeMap({ script, assigned, layout, objects: inputs, symbols: outSymbols, globals: symbols.globals, outputName: options.outputName ?? "a.out" });
  return { image, map, warnings, entry };
}

/**
 * Objects are always linked; archive members only when they define a symbol that is
 * undefined (and not merely weakly referenced) at that point of the command line, pulled
 * repeatedly until the archive has nothing more to offer, as GNU ld does. Members join the
 * link at the archive's position, in the order they were pulled.
 */
function loadInputs(files: LinkInput[], symbols: SymbolTable): InputObject[] {
  const inputs: InputObject[] = [];
  const groups = new Set<string>();
  // The first COMDAT group with a signature is kept; later copies are discarded, and the
  // symbols they define become references to the kept copy (GNU ld's rule).
  const keepFirstGroups = (obj: InputObject): void => {
    for (const g of obj.groups) {
      if (!g.comdat) continue;
      if (groups.has(g.signature)) for (const s of g.members) s.discarded = true;
      else groups.add(g.signature);
    }
  };
  type Member = { obj: InputObject; pulled: boolean };
  /** Pull needed members from `archives` until a whole pass pulls nothing. */
  const pull = (archives: Member[][]): void => {
    for (let progress = true; progress;) {
      progress = false;
      for (const members of archives) {
        for (const m of members) {
          if (m.pulled || !symbols.wouldResolve(m.obj)) continue;
          m.pulled = true;
          progress = true;
          keepFirstGroups(m.obj);
          symbols.addObject(m.obj);
          inputs.push(m.obj);
        }
      }
    }
  };
  // --start-group/--end-group: the group's archives are searched again, together, until
  // none of them resolves anything more (for libraries that refer to each other).
  let groupArchives: Member[][] = [];
  files.forEach((file, i) => {
    if (!isArchive(file.data)) {
      const obj = readObject(file.name, file.data);
      keepFirstGroups(obj);
      symbols.addObject(obj);
      inputs.push(obj);
    } else {
      const members = readArchive(file.name, file.data)
        .filter((m) => m.data[0] === 0x7f && m.data[1] === 0x45 && m.data[2] === 0x4c && m.data[3] === 0x46)
        .map((m) => ({ obj: readObject(m.name, m.data), pulled: false }));
      pull([members]);
      if (file.group !== undefined) groupArchives.push(members);
    }
    if (file.group !== undefined && files[i + 1]?.group !== file.group) {
      pull(groupArchives);
      groupArchives = [];
    }
  });
  return inputs;
}

/** The script to run: -T's, or the preset; `--defsym` expressions run first, as in GNU ld. */
function loadScript(options: LinkOptions): Script {
  const script = loadLayout(options);
  const defsyms = Object.entries(options.defsym ?? {}).filter((e): e is [string, string] => typeof e[1] === "string");
  if (defsyms.length === 0) return script;
  const pre = defsyms.flatMap(([name, expr]) => parseScript(`${name} = ${expr};`, `--defsym ${name}`).statements);
  return { ...script, statements: [...pre, ...script.statements] };
}

function loadLayout(options: LinkOptions): Script {
  if (options.script === undefined) {
    const preset = options.preset ?? "user";
    return parseScript(presetScript(preset), `built-in ${preset} layout`);
  }
  const script = parseScript(options.script, options.scriptName ?? "script.ld");
  if (!script.hasSections) {
    // Like GNU ld, a script without SECTIONS augments the default layout.
    const base = parseScript(presetScript(options.preset ?? "user"), `built-in ${options.preset ?? "user"} layout`);
    return { ...base, name: script.name, entry: script.entry ?? base.entry, statements: [...script.statements, ...base.statements], usesSizeofHeaders: script.usesSizeofHeaders };
  }
  return script;
}

/** PT_GNU_STACK flags when any object carries a .note.GNU-stack section (X if one asks for it). */
function stackNoteFlags(inputs: InputObject[]): number | undefined {
  let seen = false;
  let exec = false;
  for (const obj of inputs) {
    for (const s of obj.elf.sections) {
      if (s.name !== ".note.GNU-stack") continue;
      seen = true;
      if ((s.flags & SHF_EXECINSTR) !== 0) exec = true;
    }
  }
  return seen ? PF_R | PF_W | (exec ? PF_X : 0) : undefined;
}

function resolveEntry(entry: string, symbols: SymbolTable, outputs: OutputSection[], warnings: string[]): number {
  const d = symbols.get(entry)?.def;
  if (d !== undefined) return definitionValue(d);
  if (/^(0[xX][0-9a-fA-F]+|[0-9]+)$/.test(entry)) return Number(entry) >>> 0;
  const text = outputs.find((s) => s.name === ".text") ?? outputs.find((s) => (s.flags & SHF_EXECINSTR) !== 0);
  const fallback = text?.addr ?? 0;
  warnings.push(`warning: cannot find entry symbol ${entry}; defaulting to ${(fallback >>> 0).toString(16).padStart(8, "0")}`);
  return fallback;
}
