// Reads the per-case dump lines an image prints and compares two machines' dumps, masking
// what the Intel manual leaves undefined, and describes the first difference in full.
import type { TestCase } from "./cases.ts";
import { flagNames } from "./flags.ts";
import { hex } from "./gen-context.ts";

export const DUMP_FIELDS = ["eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi", "eflags", "vector", "errcode", "faultEip", "memory"] as const;
export type DumpField = (typeof DUMP_FIELDS)[number];
export type CaseDump = Record<DumpField, number>;

/** Parse the dump lines of a run; lines that are not dumps (e.g. "DONE") are skipped. */
export function parseDumps(serial: string): Map<number, CaseDump> {
  const out = new Map<number, CaseDump>();
  for (const line of serial.split("\n")) {
    const parts = line.trim().split(" ");
    if (parts.length !== DUMP_FIELDS.length + 1 || !parts.every((p) => /^[0-9a-f]{8}$/.test(p))) continue;
    const values = parts.map((p) => parseInt(p, 16));
    const dump = {} as CaseDump;
    DUMP_FIELDS.forEach((f, i) => (dump[f] = values[i + 1]!));
    out.set(values[0]!, dump);
  }
  return out;
}

/** The "M ..." scratch-area lines of an image built with fullMemory, by case index. */
export function parseMemoryDumps(serial: string): Map<number, number[]> {
  const out = new Map<number, number[]>();
  let last: number | undefined;
  for (const line of serial.split("\n")) {
    if (line.startsWith("M ") && last !== undefined) {
      out.set(last, line.slice(2).trim().split(" ").map((w) => parseInt(w, 16)));
      continue;
    }
    const first = line.trim().split(" ");
    if (first.length === DUMP_FIELDS.length + 1) last = parseInt(first[0]!, 16);
  }
  return out;
}

/** Byte offsets (into the scratch area) of the dwords that differ between two memory dumps. */
export function memoryDifferences(expected: number[], actual: number[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
    if (expected[i] !== actual[i]) out.push(`+${i * 4}: ${hex(expected[i] ?? 0)} vs ${hex(actual[i] ?? 0)}`);
  }
  return out;
}

export interface CaseDifference {
  index: number;
  fields: DumpField[];
  report: string;
}

/** The fields that differ between `expected` and `actual`, given what the case leaves undefined. */
export function differingFields(c: TestCase, expected: CaseDump, actual: CaseDump): DumpField[] {
  const out: DumpField[] = [];
  for (const f of DUMP_FIELDS) {
    if ((c.undefinedRegs as string[]).includes(f)) continue;
    let e = expected[f];
    let a = actual[f];
    if (f === "eflags") {
      e &= ~c.undefinedFlags;
      a &= ~c.undefinedFlags;
    }
    if (e !== a) out.push(f);
  }
  return out;
}

export function describeCase(c: TestCase): string {
  const regs = Object.entries(c.regs).map(([r, v]) => `${r}=${hex(v)}`).join(" ");
  const body = c.insns.flatMap((i) => i.lines).map((l) => `      ${l}`).join("\n");
  return [
    `case ${c.index} (${c.families.join(", ")})`,
    `  initial: ${regs} eflags=${hex(c.eflags)} esp=scratch+448 memory=table+${c.tableOffset}`,
    `  instructions:\n${body}`,
    `  undefined after the case (masked): flags ${flagNames(c.undefinedFlags)}${c.undefinedRegs.length > 0 ? `; registers ${c.undefinedRegs.join(" ")}` : ""}`,
  ].join("\n");
}

function dumpLine(d: CaseDump | undefined): string {
  return d === undefined ? "(no output for this case)" : DUMP_FIELDS.map((f) => `${f}=${hex(d[f])}`).join(" ");
}

/**
 * Compare every case; returns the differences in case order. A case missing from `actual`
 * counts as a difference (the machine stopped or skipped it).
 */
export function compareRuns(
  cases: readonly TestCase[],
  expected: Map<number, CaseDump>,
  actual: Map<number, CaseDump>,
  names: { expected: string; actual: string },
): CaseDifference[] {
  const out: CaseDifference[] = [];
  for (const c of cases) {
    const e = expected.get(c.index);
    const a = actual.get(c.index);
    const fields = e === undefined || a === undefined ? [...DUMP_FIELDS] : differingFields(c, e, a);
    if (fields.length === 0) continue;
    const detail = fields
      .filter(() => e !== undefined && a !== undefined)
      .map((f) => `    ${f}: ${names.expected} ${hex(e![f])}, ${names.actual} ${hex(a![f])}${f === "eflags" ? ` (differ in ${flagNames((e![f] ^ a![f]) & ~c.undefinedFlags)})` : ""}`)
      .join("\n");
    out.push({
      index: c.index,
      fields,
      report: [
        describeCase(c),
        `  differs in: ${fields.join(" ")}`,
        detail,
        `  ${names.expected}: ${dumpLine(e)}`,
        `  ${names.actual}: ${dumpLine(a)}`,
      ].filter((l) => l.length > 0).join("\n"),
    });
  }
  return out;
}
