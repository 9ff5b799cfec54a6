// Builds Multiboot images from scenarios.S: the whole set, or a chosen subset (a judge that
// crashes on one scenario still runs all the others). The file is split at its BEGIN lines:
// everything before "scenarios:" is the framework, each BEGIN up to the next one is a
// scenario, and "end of scenarios" starts the epilogue.
import { readFileSync } from "node:fs";
import path from "node:path";
import { COMMON_MACROS, SERIAL_ROUTINES, assembleMultiboot } from "../reference/gnu-image.ts";
import { repoRoot } from "../reference/repo-root.ts";

export interface ScenarioSource {
  framework: string;
  scenarios: { name: string; text: string }[];
  epilogue: string;
}

export function readScenarioSource(): ScenarioSource {
  const text = readFileSync(path.join(repoRoot(), "test", "cpu-scenarios", "scenarios.S"), "utf8");
  const lines = text.split("\n");
  const start = lines.findIndex((l) => l.startsWith("scenarios:"));
  const end = lines.findIndex((l) => l.includes("---- end of scenarios ----"));
  if (start < 0 || end < start) throw new Error("scenarios.S: cannot find the 'scenarios:' label and the 'end of scenarios' comment");
  const scenarios: { name: string; text: string }[] = [];
  let current: { name: string; lines: string[] } | undefined;
  for (const line of lines.slice(start + 1, end)) {
    const m = /^\s*BEGIN (\w+)/.exec(line);
    if (m !== null) {
      if (current !== undefined) scenarios.push({ name: current.name, text: current.lines.join("\n") });
      current = { name: m[1]!, lines: [] };
    }
    current?.lines.push(line);
  }
  if (current !== undefined) scenarios.push({ name: current.name, text: current.lines.join("\n") });
  return {
    framework: lines.slice(0, start + 1).join("\n"),
    scenarios,
    epilogue: lines.slice(end).join("\n"),
  };
}

/** An image running the named scenarios (all when `names` is undefined), in file order. */
export function buildScenarioImage(names?: readonly string[]): Uint8Array {
  const src = readScenarioSource();
  const chosen = names === undefined ? src.scenarios : src.scenarios.filter((s) => names.includes(s.name));
  const unknown = (names ?? []).filter((n) => !src.scenarios.some((s) => s.name === n));
  if (unknown.length > 0) throw new Error(`scenarios.S has no scenario named ${unknown.join(", ")}`);
  return assembleMultiboot([COMMON_MACROS, src.framework, ...chosen.map((s) => s.text), src.epilogue, "    .text", SERIAL_ROUTINES].join("\n"));
}

/** The output lines of a run, by scenario name ("name ... -> result"). */
export function parseScenarioLines(serial: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of serial.split("\n")) {
    const m = /^(\w+)(.*-> .*)$/.exec(line);
    if (m !== null) out.set(m[1]!, m[2]!.trim());
  }
  return out;
}
