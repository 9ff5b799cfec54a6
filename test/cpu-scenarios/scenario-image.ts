// Builds Multiboot images from framework.S and scenarios.S: the whole set, or a chosen subset
// (a judge that crashes on one scenario still runs all the others). scenarios.S is split at
// its BEGIN lines, each BEGIN up to the next one being one scenario; the chosen ones replace
// the @SCENARIOS@ line of framework.S.
import { readFileSync } from "node:fs";
import path from "node:path";
import { COMMON_MACROS, SERIAL_ROUTINES, assembleMultiboot } from "../reference/gnu-image.ts";
import { repoRoot } from "../reference/repo-root.ts";

export interface ScenarioSource {
  framework: string;
  scenarios: { name: string; text: string }[];
  epilogue: string;
}

const PLACEHOLDER = "@SCENARIOS@";

export function readScenarioSource(): ScenarioSource {
  const dir = path.join(repoRoot(), "test", "cpu-scenarios");
  const framework = readFileSync(path.join(dir, "framework.S"), "utf8").split("\n");
  const at = framework.findIndex((l) => l.includes(PLACEHOLDER));
  if (at < 0) throw new Error(`framework.S: no ${PLACEHOLDER} line to put the scenarios at`);
  const scenarios: { name: string; text: string }[] = [];
  let current: { name: string; lines: string[] } | undefined;
  for (const line of readFileSync(path.join(dir, "scenarios.S"), "utf8").split("\n")) {
    const m = /^\s*BEGIN (\w+)/.exec(line);
    if (m !== null) {
      if (current !== undefined) scenarios.push({ name: current.name, text: current.lines.join("\n") });
      current = { name: m[1]!, lines: [] };
    }
    current?.lines.push(line);
  }
  if (current !== undefined) scenarios.push({ name: current.name, text: current.lines.join("\n") });
  return { framework: framework.slice(0, at).join("\n"), scenarios, epilogue: framework.slice(at + 1).join("\n") };
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
