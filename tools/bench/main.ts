// `make bench`: run the registered benchmarks one after another (never in parallel: they
// share the host's cores with their own references) and print each one's table and ratios.
//
//   bench [NAME ...] [--quick] [--list] [--json FILE]
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Benchmark, BenchmarkResult, Measurement } from "./benchmark.ts";
import { BENCHMARKS } from "./registry.ts";

interface Options {
  names: string[];
  quick: boolean;
  list: boolean;
  json?: string;
}

function parseArgs(argv: string[]): Options | string {
  const o: Options = { names: [], quick: false, list: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--quick") o.quick = true;
    else if (a === "--list") o.list = true;
    else if (a === "--json") {
      const f = argv[++i];
      if (f === undefined) return "--json needs a file name";
      o.json = f;
    } else if (a.startsWith("-")) return `unknown option ${a} (options: --quick, --list, --json FILE)`;
    else o.names.push(a);
  }
  return o;
}

function formatValue(v: number): string {
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
}

/** The printable table of one benchmark's result. */
export function formatResult(b: Benchmark, r: BenchmarkResult): string {
  const out = [`${b.name}: ${b.description}`];
  const width = Math.max(10, ...r.measurements.map((m) => m.subject.length));
  for (const m of r.measurements) {
    out.push(`  ${m.subject.padEnd(width)}  ${formatValue(m.value).padStart(9)} ${m.unit}${m.note !== undefined ? `   (${m.note})` : ""}`);
  }
  const byName = new Map<string, Measurement>(r.measurements.map((m) => [m.subject, m]));
  for (const ratio of r.ratios) {
    const a = byName.get(ratio.subject);
    const b2 = byName.get(ratio.reference);
    const label = `${ratio.subject} / ${ratio.reference}`;
    if (a === undefined || b2 === undefined || b2.value === 0) {
      out.push(`  ${label}: not available (a measurement is missing)`);
      continue;
    }
    const x = a.lowerIsBetter === true ? b2.value / a.value : a.value / b2.value;
    const goal = ratio.goal === undefined ? "" : `   goal >= ${ratio.goal}x: ${x >= ratio.goal ? "met" : "NOT MET"}`;
    out.push(`  ${label} = ${x.toFixed(2)}x${goal}`);
  }
  for (const n of r.notes ?? []) out.push(`  note: ${n}`);
  return out.join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const o = parseArgs(argv);
  if (typeof o === "string") {
    console.error(`bench: ${o}`);
    return 2;
  }
  if (o.list) {
    for (const b of BENCHMARKS) console.log(`${b.name.padEnd(16)} ${b.description}`);
    return 0;
  }
  const unknown = o.names.filter((n) => !BENCHMARKS.some((b) => b.name === n));
  if (unknown.length > 0) {
    console.error(`bench: no benchmark named ${unknown.join(", ")} (see --list)`);
    return 2;
  }
  const chosen = o.names.length === 0 ? BENCHMARKS : BENCHMARKS.filter((b) => o.names.includes(b.name));
  const results: { name: string; result?: BenchmarkResult; error?: string }[] = [];
  let failed = false;
  for (const b of chosen) {
    try {
      const r = await b.run({ quick: o.quick, progress: (t) => console.error(t) });
      results.push({ name: b.name, result: r });
      console.log(formatResult(b, r));
      console.log("");
      if (r.measurements.length === 0 || (r.notes ?? []).some((n) => n.includes("not timed"))) failed = true;
    } catch (e) {
      failed = true;
      const msg = e instanceof Error ? e.message : String(e);
      results.push({ name: b.name, error: msg });
      console.log(`${b.name}: failed: ${msg}\n`);
    }
  }
  if (o.json !== undefined) {
    mkdirSync(path.dirname(path.resolve(o.json)), { recursive: true });
    writeFileSync(o.json, JSON.stringify({ date: new Date().toISOString(), results }, null, 2) + "\n");
  }
  // Missing a goal is information, not a failure; a benchmark that could not measure is.
  return failed ? 1 : 0;
}
