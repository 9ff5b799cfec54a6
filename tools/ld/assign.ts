// Deciding which output section each input section goes to. As in GNU ld, the script's
// input descriptions are tried in script order; within one description, files in command
// line order and, within a file, sections in header order; the first description that
// matches a section takes it. Sections no description takes are "orphans" and are placed
// after an output section of the same kind (code, read-only data, data, bss, non-alloc).
import { SHF_ALLOC, SHF_EXECINSTR, SHF_WRITE, SHT_NOBITS, SHT_NOTE } from "../elf/index.ts";
import { LinkError } from "./errors.ts";
import { globMatch } from "./glob.ts";
import type { InputObject, InputSection } from "./input.ts";
import { newOutputSection, type OutputSection } from "./output-section.ts";
import type { InputSpec, OutputSectionStatement, Script, SectionsItem } from "./script/ast.ts";

export interface Assignment {
  /** The script's statements with statements for orphan output sections inserted. */
  statements: SectionsItem[];
  outputs: Map<OutputSectionStatement, OutputSection>;
  /** Placement record for the map file: which description took which sections. */
  matches: Map<InputSpec, InputSection[]>;
  discarded: InputSection[];
}

/** Sections the linker consumes itself rather than placing (GNU ld does the same). */
function isLinkerNote(s: InputSection): boolean {
  return s.name === ".note.GNU-stack" || s.name.startsWith(".gnu.warning") || s.name === ".note.gnu.property";
}

export function candidateSections(obj: InputObject): InputSection[] {
  const list = obj.sections.filter((s): s is InputSection => s !== undefined && !isLinkerNote(s));
  if (obj.common.size > 0) list.push(obj.common);
  return list;
}

function fileMatches(spec: InputSpec, obj: InputObject): boolean {
  if (!globMatch(spec.filePattern, obj.name)) return false;
  return !spec.excludeFiles.some((p) => globMatch(p, obj.name));
}

/** GNU ld's --orphan-handling: place silently (default), warn, refuse, or drop. */
export type OrphanHandling = "place" | "warn" | "error" | "discard";

export function assignSections(objects: InputObject[], script: Script, orphans: OrphanHandling = "place", warnings: string[] = []): Assignment {
  const outputs = new Map<OutputSectionStatement, OutputSection>();
  const byName = new Map<string, OutputSection>();
  const matches = new Map<InputSpec, InputSection[]>();
  const taken = new Set<InputSection>();
  const discarded: InputSection[] = [];

  for (const st of script.statements) {
    if (st.kind !== "section") continue;
    const discard = st.name === "/DISCARD/";
    let out: OutputSection | undefined;
    if (!discard) {
      if (byName.has(st.name)) throw new LinkError(`${st.at}: output section ${st.name} is described twice; describe it once and list every input there`);
      out = newOutputSection(st.name, st);
      outputs.set(st, out);
      byName.set(st.name, out);
    }
    for (const item of st.body) {
      if (item.kind !== "input") continue;
      const got: InputSection[] = [];
      for (const obj of objects) {
        if (!fileMatches(item, obj)) continue;
        for (const sec of candidateSections(obj)) {
          if (taken.has(sec)) continue;
          if (!item.sectionPatterns.some((p) => globMatch(p, sec.name))) continue;
          taken.add(sec);
          got.push(sec);
        }
      }
      if (item.sort === "name") got.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      else if (item.sort === "alignment") got.sort((a, b) => b.align - a.align);
      matches.set(item, got);
      if (discard) {
        for (const s of got) s.discarded = true;
        discarded.push(...got);
      }
    }
  }

  const statements = [...script.statements];
  const lastOrphanAfter = new Map<OutputSectionStatement, OutputSectionStatement>();
  const noteChains = new Map<OutputSectionStatement, OutputSectionStatement>();
  const unplaced: string[] = [];
  for (const obj of objects) {
    for (const sec of candidateSections(obj)) {
      if (taken.has(sec) || sec.discarded) continue;
      taken.add(sec);
      if (orphans !== "place" && sec.size > 0) {
        if (orphans === "error") { unplaced.push(`${obj.name}: unplaced orphan section \`${sec.name}'`); continue; }
        if (orphans === "discard") { sec.discarded = true; discarded.push(sec); continue; }
      }
      const into = placeOrphan(sec, statements, outputs, byName, matches, lastOrphanAfter, noteChains);
      if (orphans === "warn" && sec.size > 0) warnings.push(`warning: orphan section \`${sec.name}' from \`${obj.name}' being placed in section \`${into}'`);
    }
  }
  if (unplaced.length > 0) throw new LinkError(unplaced);
  return { statements, outputs, matches, discarded };
}

type Kind = "code" | "rodata" | "data" | "bss" | "nonalloc";

function kindOf(flags: number, type: number): Kind {
  if ((flags & SHF_ALLOC) === 0) return "nonalloc";
  if ((flags & SHF_EXECINSTR) !== 0) return "code";
  if (type === SHT_NOBITS) return "bss";
  return (flags & SHF_WRITE) !== 0 ? "data" : "rodata";
}

function outputKind(out: OutputSection, matches: Map<InputSpec, InputSection[]>): Kind | undefined {
  let flags = 0;
  let allNobits = true;
  let any = false;
  for (const item of out.statement.body) {
    if (item.kind !== "input") continue;
    for (const s of matches.get(item) ?? []) {
      any = true;
      flags |= s.flags;
      if (s.type !== SHT_NOBITS) allNobits = false;
    }
  }
  if (!any) {
    // Judge an empty section by its name, as GNU ld's orphan placement does.
    const n = out.name;
    if (/^\.text/.test(n)) return "code";
    if (/^\.rodata/.test(n)) return "rodata";
    if (/^\.data/.test(n)) return "data";
    if (/^\.bss/.test(n)) return "bss";
    return undefined;
  }
  return kindOf(flags, allNobits ? SHT_NOBITS : 0);
}

/**
 * Notes have no canonical section in GNU ld: they follow the last read-only section placed
 * so far, orphans included, on a chain of their own.
 */
function lastOfKind(
  kind: Kind, statements: SectionsItem[], outputs: Map<OutputSectionStatement, OutputSection>, matches: Map<InputSpec, InputSection[]>,
): OutputSectionStatement | undefined {
  return statements.filter((s): s is OutputSectionStatement => s.kind === "section" && s.name !== "/DISCARD/")
    .filter((s) => outputs.get(s) !== undefined && outputKind(outputs.get(s)!, matches) === kind).pop();
}

/** The section GNU ld names for each kind of orphan; when it exists, orphans follow it. */
const CANONICAL: Record<Exclude<Kind, "nonalloc">, string> = { code: ".text", rodata: ".rodata", data: ".data", bss: ".bss" };

/** The statement an orphan of `kind` goes after: the canonical section, else the last of a similar kind. */
function findAnchor(
  kind: Exclude<Kind, "nonalloc">, statements: SectionsItem[], outputs: Map<OutputSectionStatement, OutputSection>,
  matches: Map<InputSpec, InputSection[]>,
): OutputSectionStatement | undefined {
  const sections = statements.filter((s): s is OutputSectionStatement => s.kind === "section" && s.name !== "/DISCARD/" && !s.orphan);
  const named = sections.find((s) => s.name === CANONICAL[kind]);
  if (named !== undefined) return named;
  const order: Kind[] = kind === "code" ? ["code"] : kind === "rodata" ? ["rodata", "code"] : kind === "data" ? ["data", "rodata", "code"] : ["bss", "data", "rodata", "code"];
  for (const want of order) {
    const last = sections.filter((s) => outputKind(outputs.get(s)!, matches) === want).pop();
    if (last !== undefined) return last;
  }
  return sections.filter((s) => outputKind(outputs.get(s)!, matches) !== "nonalloc").pop();
}

function placeOrphan(
  sec: InputSection, statements: SectionsItem[], outputs: Map<OutputSectionStatement, OutputSection>,
  byName: Map<string, OutputSection>, matches: Map<InputSpec, InputSection[]>,
  lastOrphanAfter: Map<OutputSectionStatement, OutputSectionStatement>,
  noteChains: Map<OutputSectionStatement, OutputSectionStatement>,
): string {
  // COMMON without a `*(COMMON)` description goes where .bss goes.
  const name = sec.index === -1 ? ".bss" : sec.name;
  const existing = byName.get(name);
  const spec: InputSpec = { kind: "input", filePattern: "*", excludeFiles: [], sectionPatterns: [sec.name], keep: false, sort: "none", at: "orphan" };
  if (existing !== undefined) {
    existing.statement.body.push(spec);
    matches.set(spec, [sec]);
    return name;
  }
  const st: OutputSectionStatement = { kind: "section", name, noload: false, body: [spec], orphan: true, at: `orphan section ${name}` };
  const out = newOutputSection(name, st);
  matches.set(spec, [sec]);
  const kind = kindOf(sec.flags, sec.type);
  const anchor = kind === "nonalloc" ? undefined
    : sec.type === SHT_NOTE ? lastOfKind("rodata", statements, outputs, matches) ?? findAnchor(kind, statements, outputs, matches)
    : findAnchor(kind, statements, outputs, matches);
  // Orphans that share an anchor keep their input order: each goes after the previous one.
  // Notes keep a chain of their own, so later read-only orphans still go before them.
  const chains = sec.type === SHT_NOTE ? noteChains : lastOrphanAfter;
  let at = statements.length;
  if (anchor !== undefined) {
    const previous = chains.get(anchor);
    at = statements.indexOf(previous ?? anchor) + 1;
    chains.set(anchor, st);
  }
  statements.splice(at, 0, st);
  outputs.set(st, out);
  byName.set(name, out);
  return name;
}
