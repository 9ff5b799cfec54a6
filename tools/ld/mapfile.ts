// The link map (`-Map FILE`), laid out like GNU ld's so the same habits work on it: discarded
// input sections, COMMON allocation, then the script walked in order: assignments with
// their values, each output section with address and size, under it every input
// description, the input sections it took (address, size, object) and the symbols defined
// there.
import { STB_LOCAL, stBind } from "../elf/index.ts";
import type { Assignment as SectionAssignment } from "./assign.ts";
import type { OutputSymbol } from "./emit.ts";
import { hex, hex8 } from "./errors.ts";
import type { InputObject, InputSection } from "./input.ts";
import type { Layout } from "./layout.ts";
import type { Gap } from "./output-section.ts";
import type { Assignment, Expr, InputSpec, Script } from "./script/ast.ts";
import type { GlobalSymbol } from "./symbols.ts";

export interface MapInput {
  script: Script;
  assigned: SectionAssignment;
  layout: Layout;
  objects: InputObject[];
  symbols: OutputSymbol[];
  /** The resolved global symbols (COMMON allocation is reported from them). */
  globals: Map<string, GlobalSymbol>;
  outputName: string;
}

const col = (s: string, width: number): string => (s.length >= width ? `${s}\n${" ".repeat(width)}` : s.padEnd(width));
/** A section name in the first column: GNU ld moves the numbers to the next line when it is long. */
const outputName = (name: string): string => (name.length >= 15 ? `${name}\n${" ".repeat(16)}` : name.padEnd(16));
const inputName = (name: string): string => (name.length >= 14 ? ` ${name}\n${" ".repeat(16)}` : ` ${name.padEnd(15)}`);

export function writeMap(m: MapInput): string {
  const lines: string[] = [];
  const discarded = m.assigned.discarded.filter((s) => s.size > 0);
  if (discarded.length > 0) {
    lines.push("Discarded input sections", "");
    for (const s of discarded) lines.push(`${inputName(s.name)}0x${"0".repeat(8)} ${hex(s.size).padStart(10)} ${s.file.name}`);
    lines.push("");
  }
  const commons = [...m.globals.values()].filter((g) => g.commonOwner !== undefined);
  if (commons.length > 0) {
    lines.push("Allocating common symbols", "Common symbol       size              file", "");
    for (const g of commons) lines.push(`${col(g.name, 20)}${hex(g.size).padEnd(18)}${g.commonOwner!.name}`);
    lines.push("");
  }
  lines.push("Memory Configuration", "", "Name             Origin             Length             Attributes",
    "*default*        0x00000000         0xffffffff", "");
  lines.push("Linker script and memory map", "");

  const bySection = symbolsBySection(m);
  const values = new Map(m.layout.assignments.map((a) => [a.statement, a.value]));
  // An assignment that did not happen (an unneeded PROVIDE) is marked as GNU ld marks it.
  const valueText = (a: Assignment): string => {
    const v = values.get(a);
    return col(v === undefined ? (a.provide === "provide" || a.provide === "provide-hidden" ? "[!provide]" : "0x00000000") : hex8(v), 34);
  };
  for (const st of m.assigned.statements) {
    if (st.kind === "assign") {
      lines.push(`                ${valueText(st)}${assignmentText(st.target, st.op, st.expr, st.provide)}`);
      continue;
    }
    if (st.kind === "assert") continue;
    const out = m.assigned.outputs.get(st);
    if (st.name === "/DISCARD/") {
      lines.push("", "/DISCARD/");
      for (const item of st.body) if (item.kind === "input") lines.push(` ${specText(item)}`);
      continue;
    }
    if (out === undefined) continue;
    if (!m.layout.outputs.includes(out)) {
      // Dropped because it ended up empty: GNU ld still lists it, without contents.
      lines.push("", out.name);
      for (const item of st.body) {
        if (item.kind === "input" && item.at !== "orphan") lines.push(` ${specText(item)}`);
        if (item.kind === "assign") lines.push(`                ${valueText(item)}${assignmentText(item.target, item.op, item.expr, item.provide)}`);
      }
      continue;
    }
    lines.push("");
    const load = out.lma !== out.addr ? ` load address ${hex8(out.lma)}` : "";
    lines.push(`${outputName(out.name)}${hex8(out.addr)} ${hex(out.size).padStart(10)}${load}`);
    const fill = (g: Gap): string =>
      ` *fill*         ${hex8(out.addr + g.offset)} ${hex(g.size).padStart(10)} ${g.fill === undefined ? "" : [...g.fill].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
    for (const item of st.body) {
      if (item.kind === "assign") {
        lines.push(`                ${valueText(item)}${assignmentText(item.target, item.op, item.expr, item.provide)}`);
        for (const g of out.gaps) if (g.after === item) lines.push(fill(g));
      } else if (item.kind === "data") {
        const d = out.data.find((x) => x.statement === item);
        const name = item.signed ? "SQUAD" : { 1: "BYTE", 2: "SHORT", 4: "LONG", 8: "QUAD" }[item.width];
        lines.push(`                ${hex8(out.addr + (d?.offset ?? 0))} ${hex(item.width).padStart(10)} ${name} ${exprText(item.expr)}`);
      } else if (item.kind === "fill") {
        lines.push(` FILL mask ${exprText(item.expr)}`);
      } else if (item.kind === "input") {
        if (item.at !== "orphan") lines.push(` ${specText(item)}`);
        for (const s of m.assigned.matches.get(item) ?? []) {
          if (s.discarded || s.output !== out) continue;
          for (const g of out.gaps) if (g.before === s) lines.push(fill(g));
          const addr = out.addr + s.outputOffset;
          lines.push(`${inputName(s.name)}${hex8(addr)} ${hex(s.size).padStart(10)} ${s.file.name}`);
          for (const g of bySection.get(s) ?? []) lines.push(`                ${hex8(g.value)}                ${g.name}`);
        }
      }
    }
  }
  lines.push("", ...m.objects.map((o) => `LOAD ${o.name}`), `OUTPUT(${m.outputName} elf32-i386)`, "");
  return lines.join("\n");
}

/** Output globals grouped by the input section that defines them (COMMON included). */
function symbolsBySection(m: MapInput): Map<InputSection, OutputSymbol[]> {
  const rows = new Map<string, OutputSymbol>();
  for (const sym of m.symbols) if (stBind(sym.info) !== STB_LOCAL && typeof sym.section !== "string") rows.set(sym.name, sym);
  const by = new Map<InputSection, OutputSymbol[]>();
  for (const g of m.globals.values()) {
    const row = rows.get(g.name);
    if (row === undefined || g.def?.kind !== "section") continue;
    const list = by.get(g.def.section) ?? [];
    list.push(row);
    by.set(g.def.section, list);
  }
  for (const list of by.values()) list.sort((a, b) => a.value - b.value);
  return by;
}

function specText(spec: InputSpec): string {
  const patterns = spec.sectionPatterns.join(" ");
  const sorted = spec.sort === "name" ? `SORT_BY_NAME(${patterns})` : spec.sort === "alignment" ? `SORT_BY_ALIGNMENT(${patterns})` : patterns;
  const exclude = spec.excludeFiles.length > 0 ? `EXCLUDE_FILE(${spec.excludeFiles.join(" ")}) ` : "";
  const body = `${exclude}${spec.filePattern}(${sorted})`;
  return spec.keep ? `KEEP(${body})` : body;
}

function assignmentText(target: string, op: string, expr: Expr, provide: string): string {
  const core = `${target} ${op} ${exprText(expr)}`;
  if (provide === "provide") return `PROVIDE (${core})`;
  if (provide === "provide-hidden") return `PROVIDE_HIDDEN (${core})`;
  if (provide === "hidden") return `HIDDEN (${core})`;
  return core;
}

export function exprText(e: Expr): string {
  switch (e.kind) {
    case "number": return e.big !== undefined ? `0x${e.big.toString(16)}` : hex(e.value);
    case "symbol": return e.name;
    case "unary": return `${e.op}${exprText(e.arg)}`;
    case "binary": return `(${exprText(e.left)} ${e.op} ${exprText(e.right)})`;
    case "conditional": return `(${exprText(e.test)} ? ${exprText(e.then)} : ${exprText(e.otherwise)})`;
    case "call": return e.name !== undefined && e.args.length === 0 ? `${e.fn} (${e.name})` : `${e.fn} (${e.args.map(exprText).join(", ")})`;
  }
}
